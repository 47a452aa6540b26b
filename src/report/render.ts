/**
 * Notebook → strings: a self-contained HTML page (inline SVG, styled tables, all data text
 * escaped), a Markdown page (GitHub/GitBook tables, charts as image links), CSV per table, and
 * the SVG and Vega-Lite JSON per chart. Renders, never writes (save.ts writes).
 */
import { toCsv } from '../export/csv.ts';
import { renderFitted } from '../charts/render.ts';
import { escapeHtml, escapeMarkdown } from './escape.ts';
import { columnFormatter, inferFormat, isNumericFormat } from './format-cell.ts';
import { markdownToHtml } from './markdown-to-html.ts';
import type { Notebook, TableCell } from './notebook.ts';

/** Every file of a rendered notebook, by path relative to its folder. */
export type RenderedFiles = Map<string, string>;

const STYLE = `body{font-family:"Noto Sans CJK SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",Helvetica,Arial,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.6}
div.table{overflow-x:auto;margin:1rem 0}table{border-collapse:collapse;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top;white-space:nowrap}td.t{white-space:normal;min-width:8em;max-width:28em}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1.5rem 0}figcaption,.note{color:#666;font-size:.85rem}
code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}.chart svg{max-width:100%;height:auto}h1{border-bottom:2px solid #eee}`;

interface ShownTable {
  columns: string[];
  rows: string[][];
  numeric: boolean[];
  total: number;
}

function shownTable(cell: TableCell): ShownTable {
  const columns = cell.columns ?? cell.table.columnNames();
  const limit = cell.limit ?? 20;
  const total = cell.table.numRows();
  const arrays = columns.map((name) => cell.table.array(name) as unknown[]);
  const formats = columns.map((name, c) => cell.formats?.[name] ?? inferFormat(name, arrays[c]!));
  const formatters = columns.map((name, c) => columnFormatter(name, arrays[c]!, formats[c]));
  const rows: string[][] = [];
  for (let row = 0; row < Math.min(limit, total); row++) rows.push(columns.map((_, c) => formatters[c]!(arrays[c]![row])));
  return { columns, rows, numeric: formats.map(isNumericFormat), total };
}

function moreRowsNote(shown: ShownTable, name: string): string | null {
  return shown.total > shown.rows.length ? `First ${shown.rows.length} of ${shown.total} rows; all of them in tables/${name}.csv.` : null;
}

/** The notebook as one self-contained HTML page. `svgs` holds each chart's rendered SVG by name. */
export function notebookToHtml(notebook: Notebook, svgs: ReadonlyMap<string, string>): string {
  const body = notebook.cells.map((cell) => {
    if (cell.kind === 'markdown') return markdownToHtml(cell.text);
    if (cell.kind === 'chart') {
      const caption = cell.caption ? `<figcaption>${escapeHtml(cell.caption)}</figcaption>` : '';
      return `<figure class="chart">${svgs.get(cell.name) ?? ''}${caption}<figcaption><a href="charts/${escapeHtml(cell.name)}.svg">SVG</a> · <a href="charts/${escapeHtml(cell.name)}.vl.json">Vega-Lite spec</a></figcaption></figure>`;
    }
    const shown = shownTable(cell);
    const head = `<tr>${shown.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
    const rows = shown.rows.map((row) => `<tr>${row.map((v, i) => `<td class="${shown.numeric[i] ? 'n' : 't'}">${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
    const note = moreRowsNote(shown, cell.name);
    const caption = cell.caption ? `<p class="note">${escapeHtml(cell.caption)}</p>` : '';
    return `${caption}<div class="table"><table>\n${head}\n${rows}\n</table></div>\n<p class="note">${note ? `${escapeHtml(note)} ` : ''}<a href="tables/${escapeHtml(cell.name)}.csv">CSV</a></p>`;
  }).join('\n');
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(notebook.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** The notebook as Markdown for GitHub/GitBook. */
export function notebookToMarkdown(notebook: Notebook): string {
  const parts = notebook.cells.map((cell) => {
    if (cell.kind === 'markdown') return cell.text.trim();
    if (cell.kind === 'chart') {
      return `![${escapeMarkdown(cell.caption ?? cell.name)}](charts/${encodeURI(cell.name)}.svg)`;
    }
    const shown = shownTable(cell);
    const line = (cells: string[]) => `| ${cells.map((v) => escapeMarkdown(v) || ' ').join(' | ')} |`;
    const align = `| ${shown.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
    const note = moreRowsNote(shown, cell.name);
    const caption = cell.caption ? `${escapeMarkdown(cell.caption)}\n\n` : '';
    return `${caption}${[line(shown.columns), align, ...shown.rows.map(line)].join('\n')}\n\n${note ? `${escapeMarkdown(note)} ` : ''}[CSV](tables/${encodeURI(cell.name)}.csv)`;
  });
  return `${parts.join('\n\n')}\n`;
}

/**
 * Renders every file of a notebook (charts rendered to SVG).
 * @param warn receives chart warnings @default ignore them
 * @example const files = await renderNotebook(nb); files.get('index.html')
 */
export async function renderNotebook(notebook: Notebook, warn: (message: string) => void = () => {}): Promise<RenderedFiles> {
  const files: RenderedFiles = new Map();
  const svgs = new Map<string, string>();
  for (const cell of notebook.cells) {
    if (cell.kind === 'chart') {
      const { svg, spec } = await renderFitted(cell.spec, (message) => warn(`chart ${cell.name}: ${message}`));
      svgs.set(cell.name, svg);
      files.set(`charts/${cell.name}.svg`, svg);
      files.set(`charts/${cell.name}.vl.json`, `${JSON.stringify(spec, null, 1)}\n`);
    } else if (cell.kind === 'table') {
      files.set(`tables/${cell.name}.csv`, toCsv(cell.table.objects() as Record<string, unknown>[], cell.table.columnNames()));
    }
  }
  files.set('index.html', notebookToHtml(notebook, svgs));
  files.set('index.md', notebookToMarkdown(notebook));
  return files;
}
