/**
 * Notebook → files: an HTML page (html-page.ts: live charts over static SVG, interactive
 * tables), a Markdown page (GitHub/GitBook tables, charts as image links), CSV per table and a
 * workbook of them all (report.xlsx), and SVG and Vega-Lite JSON per chart (PNG: with-pngs.ts). Renders, never writes (save.ts writes).
 */
import type { ChartRenderer } from '../charts/render-aside.ts';
import { type RenderedChart, renderChart } from '../charts/render.ts';
import { tableToCsvBytes } from '../export/csv.ts';
import { join } from 'node:path';
import { sheetFilesAside, writeSheetFilesAside } from '../export/xlsx.ts';
import { escapeMarkdown } from './escape.ts';
import { joinedHtml, notebookHtmlParts, type PageOptions } from './html-page.ts';
import { type ChartCell, type Notebook, type TableCell, watchingCharts } from './notebook.ts';
import type { TopLevelSpec } from 'vega-lite';
import { type PageTable, tableDataOf, tableShape } from './table-data.ts';
import { columnValues } from '../analyze/columns.ts';

/** Every file of a rendered notebook, by path relative to its folder. */
export type RenderedFiles = Map<string, string | Uint8Array>;

/** The first rows of a table as Markdown shows them (formatted as the page formats them). */
function shownRows(cell: TableCell) {
  const { columns, limit } = tableShape(cell);
  const data = tableDataOf(columns, columns.map((name) => columnValues(cell.table, name)), cell.formats, limit);
  return { columns, rows: data.rows, numeric: data.numeric, total: data.total };
}

/** The notebook as Markdown for GitHub/GitBook. */
export function notebookToMarkdown(notebook: Notebook): string {
  const parts = notebook.cells.map((cell) => {
    if (cell.kind === 'markdown') return cell.text.trim();
    if (cell.kind === 'chart') return `![${escapeMarkdown(cell.caption ?? cell.name)}](charts/${encodeURI(cell.name)}.svg)`;
    const shown = shownRows(cell);
    const line = (cells: string[]) => `| ${cells.map((v) => escapeMarkdown(v) || ' ').join(' | ')} |`;
    const align = `| ${shown.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
    const note = shown.total > shown.rows.length ? `First ${shown.rows.length} of ${shown.total} rows; all of them in tables/${cell.name}.csv.` : null;
    const caption = cell.caption ? `${escapeMarkdown(cell.caption)}\n\n` : '';
    return `${caption}${[line(shown.columns), align, ...shown.rows.map(line)].join('\n')}\n\n${note ? `${escapeMarkdown(note)} ` : ''}[CSV](tables/${encodeURI(cell.name)}.csv)`;
  });
  return `${parts.join('\n\n')}\n`;
}

export interface RenderOptions {
  /** The HTML page's assets path, header links and whether it offers PNG downloads. */
  page?: PageOptions;
  /** A workbook of the tables, report.xlsx. @default true */
  xlsx?: boolean;
  /** Charts already being rendered (notebookChartsAside), by name. @default render them here */
  charts?: ReadonlyMap<string, Promise<RenderedChart>>;
  /** The notebook's table files being written (notebookTableFiles), whose page data the page then uses. @default make it here */
  tables?: Promise<NotebookTables>;
  /**
   * A folder the tables' files (`tables/NAME.csv`, `report.xlsx`) are written into by the thread
   * that makes them instead of coming back as bytes (when there is a workbook): a report's
   * staging folder, so that large tables are not held until its end.
   * @default returned with the other files
   */
  tablesInto?: string;
}

/** A notebook's table files (CSV, workbook) and each table's page data, by table name. */
export interface NotebookTables {
  files: RenderedFiles;
  pages: ReadonlyMap<string, PageTable>;
}

/**
 * Renders every file of a notebook (charts rendered to SVG, their titles fitted to them).
 * PNGs are made apart, for a whole report at once (withPngs).
 * @param warn receives chart warnings @default ignore them
 * @example const files = await renderNotebook(nb); files.get('index.html')
 */
export async function renderNotebook(notebook: Notebook, warn: (message: string) => void = () => {}, options: RenderOptions = {}): Promise<RenderedFiles> {
  const tables = notebookTableFiles(notebook, options);
  const files = await renderNotebookPages(notebook, warn, { ...options, tables });
  for (const [path, content] of (await tables).files) files.set(path, content);
  return files;
}

/**
 * The CSV of each table of a notebook and the workbook of them all, with each table's page data,
 * written on another thread when they are large: a report starts them as soon as the notebook
 * has run, and runs and renders the next notebooks meanwhile (they need nothing of the other
 * notebooks' pages).
 * @returns the files to come; a failure is the caller's when it awaits them
 * @example const tables = notebookTableFiles(nb); … for (const [path, file] of (await tables).files) …
 */
export function notebookTableFiles(notebook: Notebook, options: RenderOptions = {}): Promise<NotebookTables> {
  const tables = notebook.cells.filter((cell): cell is TableCell => cell.kind === 'table');
  const files = tableFiles(tables, options.xlsx !== false, options.tablesInto);
  files.catch(() => {}); // the caller's to await; a failure then is theirs, not an unhandled rejection meanwhile
  return files;
}

/** Charts a renderer was given as their notebook added them: the rendering, by cell, with the spec it was started from. */
export type StartedCharts = Map<ChartCell, { spec: TopLevelSpec; chart: Promise<RenderedChart> }>;

/**
 * Runs a notebook (`run`) with each chart it adds sent to the renderer at once, so that charts
 * render on the renderer's thread while the rest of the notebook runs; notebookChartsAside takes
 * the charts started.
 * @example const { result: nb, started } = await runStartingCharts(renderer, () => runNotebook(overview, input, 'overview'))
 */
export async function runStartingCharts<T>(renderer: ChartRenderer, run: () => Promise<T>): Promise<{ result: T; started: StartedCharts }> {
  const started: StartedCharts = new Map();
  const result = await watchingCharts((cell) => {
    const chart = renderer.render(cell.spec);
    chart.catch(() => {}); // awaited by renderNotebookPages; a failure is the notebook's then
    started.set(cell, { spec: cell.spec, chart });
  }, run);
  return { result, started };
}

/**
 * Every chart of a notebook being rendered with a renderer (a report's, on a worker thread): the
 * ones started as the notebook added them (runStartingCharts) and still as they were then, the
 * others started now. renderNotebookPages takes the result as its `charts` option.
 * @example const charts = notebookChartsAside(nb, renderer); await renderNotebookPages(nb, warn, { charts })
 */
export function notebookChartsAside(notebook: Notebook, renderer: ChartRenderer, started?: StartedCharts): Map<string, Promise<RenderedChart>> {
  const charts = new Map<string, Promise<RenderedChart>>();
  for (const cell of notebook.cells) {
    if (cell.kind !== 'chart') continue;
    const early = started?.get(cell);
    const chart = early?.spec === cell.spec ? early.chart : renderer.render(cell.spec);
    chart.catch(() => {}); // renderNotebookPages awaits it; a failure is the notebook's then
    charts.set(cell.name, chart);
  }
  return charts;
}

/**
 * Every file of a notebook but its tables' (notebookTableFiles): the charts' SVG and Vega-Lite
 * JSON, the HTML page and the Markdown page.
 * @example const files = await renderNotebookPages(nb, warn, { page: { assets: '../assets/' } })
 */
export async function renderNotebookPages(notebook: Notebook, warn: (message: string) => void = () => {}, options: RenderOptions = {}): Promise<RenderedFiles> {
  const files: RenderedFiles = new Map();
  const svgs = new Map<string, string>();
  const fitted: Notebook = { ...notebook, cells: [...notebook.cells] };
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.kind !== 'chart') continue;
    const { svg, spec, warnings } = await (options.charts?.get(cell.name) ?? renderChart(cell.spec));
    for (const message of warnings) warn(`chart ${cell.name}: ${message}`);
    svgs.set(cell.name, svg);
    fitted.cells[index] = { ...cell, spec } satisfies ChartCell;
    files.set(`charts/${cell.name}.svg`, svg);
    files.set(`charts/${cell.name}.vl.json`, `${JSON.stringify(spec, null, 1)}\n`);
  }
  // Page data made beside the workbook, when it was (a failure there is the tables' to report).
  const pages = await options.tables?.then((tables) => tables.pages, () => undefined);
  files.set('index.html', joinedHtml(notebookHtmlParts(fitted, svgs, options.page, pages)));
  files.set('index.md', notebookToMarkdown(notebook));
  return files;
}

/**
 * Each table's CSV and, unless told not to, the workbook of them all (report.xlsx), with each
 * table's page data made on the same thread (the page then only writes it).
 */
async function tableFiles(tables: readonly TableCell[], workbook: boolean, into: string | undefined): Promise<NotebookTables> {
  const files: RenderedFiles = new Map();
  const pages = new Map<string, PageTable>();
  if (tables.length === 0) return { files, pages };
  if (!workbook) {
    for (const cell of tables) files.set(`tables/${cell.name}.csv`, tableToCsvBytes(cell.table));
    return { files, pages };
  }
  const sheets = tables.map((cell) => ({
    name: cell.name, table: cell.table, ...(cell.formats ? { formats: cell.formats } : {}),
    page: tableShape(cell),
  }));
  if (into) {
    const { pages: made } = await writeSheetFilesAside(sheets, {
      workbook: join(into, 'report.xlsx'), csv: tables.map((cell) => join(into, `tables/${cell.name}.csv`)),
      pageJson: tables.map((_, i) => join(into, `.page-${i}.json`)),
    });
    tables.forEach((cell, i) => { if (made[i]) pages.set(cell.name, made[i]!); });
    return { files, pages };
  }
  const written = await sheetFilesAside(sheets);
  tables.forEach((cell, i) => {
    files.set(`tables/${cell.name}.csv`, written.csv[i]!);
    if (written.pages[i]) pages.set(cell.name, written.pages[i]!);
  });
  files.set('report.xlsx', written.workbook);
  return { files, pages };
}
