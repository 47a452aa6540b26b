/**
 * A notebook as an HTML page: every chart live (vega-embed) over its static SVG, every table
 * complete, sortable and searchable (first rows rendered for pages without JavaScript), a header
 * linking the report's notebooks, and a print stylesheet. Data text is escaped; data given to
 * the page's script travels as JSON in `<script type="application/json">`, never as code.
 */
import { escapeHtml } from './escape.ts';
import { columnNumberOptions } from './format-cell.ts';
import { markdownToHtml } from './markdown-to-html.ts';
import type { ChartCell, Notebook, TableCell } from './notebook.ts';
import { type PageTable, pageTableOf, scriptJson, tableShape } from './table-data.ts';
import { columnValues } from '../analyze/columns.ts';

export { scriptJson } from './table-data.ts';

/** Where a page finds the report's assets, and what it links to. */
export interface PageOptions {
  /** Path of the assets folder from the page. @default 'assets/' */
  assets?: string;
  /** The report's notebooks, for the header (none: no header). */
  nav?: { href: string; title: string; current?: boolean }[];
  /** Whether charts have a PNG beside their SVG. @default false */
  png?: boolean;
}

/** A table cell's page data: its shown columns, first rows and the JSON of all rows. */
export function pageTable(cell: TableCell): PageTable {
  const { columns, limit } = tableShape(cell);
  return pageTableOf(columns, columns.map((name) => columnValues(cell.table, name)), cell.formats ?? {}, limit);
}

/** Every `{ data: { values } }` array and every encoding of a spec, layers and concatenations included. */
function specParts(spec: unknown, values: Record<string, unknown>[][] = [], encodings: Record<string, unknown>[] = []) {
  if (spec && typeof spec === 'object') {
    const node = spec as Record<string, unknown>;
    const data = node.data as { values?: unknown } | undefined;
    if (Array.isArray(data?.values)) values.push(data.values as Record<string, unknown>[]);
    if (node.encoding && typeof node.encoding === 'object') encodings.push(node.encoding as Record<string, unknown>);
    for (const key of ['layer', 'hconcat', 'vconcat', 'concat', 'spec']) {
      const child = node[key];
      if (Array.isArray(child)) for (const part of child) specParts(part, values, encodings);
      else if (child) specParts(child, values, encodings);
    }
  }
  return { values, encodings };
}

/**
 * How the tooltip of a chart writes each number: Intl.NumberFormat options by the key the tooltip
 * shows (a channel's title, else its field), chosen from the field's values as the tables choose
 * a column's format.
 */
export function tooltipFormats(spec: unknown): Record<string, Intl.NumberFormatOptions> {
  const { values, encodings } = specParts(spec);
  const rows = values.flat();
  const out: Record<string, Intl.NumberFormatOptions> = {};
  for (const encoding of encodings) {
    for (const channel of Object.values(encoding)) {
      for (const def of Array.isArray(channel) ? channel : [channel]) {
        const { field, title, type, aggregate, bin } = (def ?? {}) as { field?: unknown; title?: unknown; type?: unknown; aggregate?: unknown; bin?: unknown };
        // x2 and y2 carry no type: numbers beside their x or y.
        if (typeof field !== 'string' || (type !== undefined && type !== 'quantitative') || aggregate || bin) continue;
        const options = columnNumberOptions(field, rows.map((row) => row[field]));
        if (options) out[typeof title === 'string' ? title : field] = options;
      }
    }
  }
  return out;
}

function chartHtml(cell: ChartCell, svg: string, options: PageOptions): string {
  const name = escapeHtml(cell.name);
  const caption = cell.caption ? `<figcaption>${escapeHtml(cell.caption)}</figcaption>` : '';
  const downloads = [...(options.png ? [`<a href="charts/${name}.png" download>PNG</a>`] : []), `<a href="charts/${name}.svg" download>SVG</a>`, `<a href="charts/${name}.vl.json">Vega-Lite spec</a>`];
  return `<figure class="chart" id="chart-${name}"><div class="vega-static">${svg}</div><div class="vega-live" hidden></div>`
    + `<script type="application/json" class="vega-spec">${scriptJson(cell.spec)}</script><script type="application/json" class="vega-formats">${scriptJson(tooltipFormats(cell.spec))}</script>${caption}<figcaption class="chart-menu">${downloads.join(' ')}</figcaption></figure>`;
}

/**
 * A table: its first rows as HTML, all of them as the page script's JSON (`prepared` when made
 * elsewhere); in parts, as the JSON may be bytes (HtmlParts).
 */
function tableHtml(cell: TableCell, prepared = pageTable(cell)): HtmlParts {
  const { columns, numeric, firstRows, total } = prepared;
  const head = `<tr>${columns.map((c, i) => `<th class="${numeric[i] ? 'n' : 't'}">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = firstRows.map((row) => `<tr>${row.map((v, i) => `<td class="${numeric[i] ? 'n' : 't'}">${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  const note = total > firstRows.length ? `First ${firstRows.length} of ${total.toLocaleString('en-US')} rows; with JavaScript, all of them here; always in ` : '';
  const caption = cell.caption ? `<p class="note">${escapeHtml(cell.caption)}</p>` : '';
  return [
    `${caption}<div class="table" data-table="${escapeHtml(cell.name)}"><table>\n${head}\n${rows}\n</table><script type="application/json" class="table-data">`,
    prepared.json,
    `</script></div>\n<p class="note">${escapeHtml(note)}<a href="tables/${escapeHtml(cell.name)}.csv">CSV</a></p>`,
  ];
}

function navHtml(items: NonNullable<PageOptions['nav']>): string {
  return `<nav class="notebooks">${items.map((item) => `<a href="${escapeHtml(item.href)}"${item.current ? ' aria-current="page"' : ''}>${escapeHtml(item.title)}</a>`).join('')}</nav>`;
}

/**
 * A page's content in parts, in order: text, and the UTF-8 bytes of a table's JSON where the
 * workbook thread wrote them (a million-article author table's 20 MB is never decoded into text
 * only to be encoded back for the file).
 */
export type HtmlParts = (string | Uint8Array)[];

/**
 * The notebook as an HTML page, in parts (HtmlParts; joinedHtml makes them one file's content).
 * `svgs` holds each chart's rendered SVG by name.
 * @example joinedHtml(notebookHtmlParts(nb, svgs, { assets: '../assets/', nav }))
 */
export function notebookHtmlParts(notebook: Notebook, svgs: ReadonlyMap<string, string>, options: PageOptions = {}, tables: ReadonlyMap<string, PageTable> = new Map()): HtmlParts {
  const assets = escapeHtml(options.assets ?? 'assets/');
  const body = notebook.cells.flatMap((cell, i) => {
    const parts = cell.kind === 'markdown' ? [markdownToHtml(cell.text)]
      : cell.kind === 'chart' ? [chartHtml(cell, svgs.get(cell.name) ?? '', options)]
      : tableHtml(cell, tables.get(cell.name));
    return i ? ['\n', ...parts] : parts;
  });
  const scripts = ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'pulse.js'].map((file) => `<script src="${assets}${file}" defer></script>`).join('\n');
  return [
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(notebook.title)}</title>\n<link rel="stylesheet" href="${assets}pulse.css">\n${scripts}\n</head>\n<body>\n${options.nav ? navHtml(options.nav) : ''}\n<main>\n`,
    ...body,
    '\n</main>\n</body>\n</html>\n',
  ];
}

/**
 * A page's parts as one file's content: text when every part is text, else UTF-8 bytes (the
 * same bytes the text would be written as).
 * @example joinedHtml(['<p>', new TextEncoder().encode('运营'), '</p>']) // the bytes of '<p>运营</p>'
 */
export function joinedHtml(parts: HtmlParts): string | Uint8Array {
  if (parts.every((part) => typeof part === 'string')) return parts.join('');
  const chunks: Uint8Array[] = [];
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else {
      chunks.push(Buffer.from(text, 'utf8'), part);
      text = '';
    }
  }
  chunks.push(Buffer.from(text, 'utf8'));
  return Buffer.concat(chunks);
}

/**
 * The notebook as an HTML page's text. `svgs` holds each chart's rendered SVG by name.
 * @example notebookToHtml(nb, svgs, { assets: '../assets/', nav })
 */
export function notebookToHtml(notebook: Notebook, svgs: ReadonlyMap<string, string>, options: PageOptions = {}, tables: ReadonlyMap<string, PageTable> = new Map()): string {
  return notebookHtmlParts(notebook, svgs, options, tables).map(htmlText).join('');
}

/**
 * A page's content, or a part of it, as text: text as it is, UTF-8 bytes (joinedHtml's) decoded.
 * @example htmlText(new TextEncoder().encode('<p>运营</p>')) // '<p>运营</p>'
 */
export function htmlText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
}
