/**
 * The notebook model: a title and an ordered list of cells (Markdown text, a table, a chart).
 * Building a notebook does no I/O; save.ts writes it.
 *
 * Markdown cells are written by the analysis scripts. Data values interpolated into them must go
 * through `md()` (see escape.ts), so a tag called `**x**` or `<img>` shows as typed.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { safeFileName } from './escape.ts';
import { md } from './text.ts';

/** How a table column is shown in the terminal, HTML, Markdown and XLSX (CSV keeps raw values). */
export type ColumnFormat = 'text' | 'integer' | 'number' | 'percent' | 'pvalue' | 'date' | 'flag';

/** A table cell of a notebook: the whole table goes to CSV; HTML and Markdown show the first rows. */
export interface TableCell {
  kind: 'table';
  /** File name stem of the CSV (sanitised). */
  name: string;
  table: ColumnTable;
  caption?: string;
  /** Columns shown in HTML/Markdown (the CSV has all of them). @default all */
  columns?: string[];
  /** Rows shown in HTML/Markdown (the CSV has all). @default 20 */
  limit?: number;
  /** Formats by column; inferred from the values where absent. */
  formats?: Record<string, ColumnFormat>;
}

/** A chart cell of a notebook: a Vega-Lite spec, rendered to SVG when the notebook is rendered. */
export interface ChartCell {
  kind: 'chart';
  name: string;
  spec: TopLevelSpec;
  caption?: string;
}

/** A Markdown text cell of a notebook. */
export interface MarkdownCell {
  kind: 'markdown';
  text: string;
}

/** Any cell of a notebook. */
export type Cell = MarkdownCell | TableCell | ChartCell;

/** A notebook: a title and cells in order. Made by `createNotebook`; each method appends a cell and returns the notebook, so calls chain. */
export interface Notebook {
  title: string;
  cells: Cell[];
  /** Appends Markdown text (data values inside it escaped with md()). */
  markdown(text: string): Notebook;
  /** Appends a table. */
  table(name: string, table: ColumnTable, options?: Omit<TableCell, 'kind' | 'name' | 'table'>): Notebook;
  /**
   * Appends a chart. Its spec is read as it is added (a report starts rendering it then, while
   * the notebook goes on): finish the spec before, do not change it after.
   */
  chart(name: string, spec: TopLevelSpec, caption?: string): Notebook;
}

// What running reports give each chart cell as a notebook adds it (watchingCharts).
const chartWatchers = new Set<(cell: ChartCell) => void>();

/**
 * Runs `run` with every chart cell that a notebook adds meanwhile passed to `onChart` at once: a
 * report starts rendering a chart there, while the rest of its notebook runs. A plain set of
 * watchers, not an AsyncLocalStorage, which on Node 20 hooks every promise of the process once
 * used: reports run side by side in one process each see the other's charts too, and use only
 * those of their own notebook (notebookChartsAside looks each cell up).
 * @example const nb = await watchingCharts((cell) => renderer.render(cell.spec), () => overview(input))
 */
export async function watchingCharts<T>(onChart: (cell: ChartCell) => void, run: () => Promise<T>): Promise<T> {
  chartWatchers.add(onChart);
  try {
    return await run();
  } finally {
    chartWatchers.delete(onChart);
  }
}

/**
 * The whole page of a notebook that has no articles to describe (an empty archive, or a filter
 * that kept none): its title and one sentence saying so, instead of empty tables and charts.
 * @example if (input.articles.numRows() === 0) return noArticlesNotebook('Tags')
 */
export function noArticlesNotebook(title: string): Notebook {
  return createNotebook(title).markdown(`# ${md(title)}\n\nNo articles to describe.`);
}

/**
 * Creates an empty notebook.
 * @example createNotebook('Tags').markdown('# Tags').table('tags', leaderboard)
 */
export function createNotebook(title: string): Notebook {
  const used = { table: new Set<string>(), chart: new Set<string>() };
  // Two cells of a kind may not write the same file: a repeated name gets -2, -3, …
  const unique = (kind: 'table' | 'chart', name: string): string => {
    const base = safeFileName(name);
    let candidate = base;
    for (let i = 2; used[kind].has(candidate); i++) candidate = `${base}-${i}`;
    used[kind].add(candidate);
    return candidate;
  };
  const notebook: Notebook = {
    title,
    cells: [],
    markdown(text) {
      notebook.cells.push({ kind: 'markdown', text });
      return notebook;
    },
    table(name, table, options = {}) {
      notebook.cells.push({ kind: 'table', name: unique('table', name), table, ...options });
      return notebook;
    },
    chart(name, spec, caption) {
      const cell: ChartCell = { kind: 'chart', name: unique('chart', name), spec, ...(caption ? { caption } : {}) };
      notebook.cells.push(cell);
      for (const watch of chartWatchers) watch(cell);
      return notebook;
    },
  };
  return notebook;
}
