/**
 * A report: several notebooks run on one input, each into `DIR/<name>/`, and a front page
 * (`DIR/index.html`, `DIR/index.md`) with the headline numbers, a link and the title of every
 * notebook, the notebooks that failed with their errors, and the data quality.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { from } from 'arquero';
import { type FolderStage, type ReplaceOptions, stageFolder } from '../io/replace-folder.ts';
import { reportAssets } from './assets.ts';
import { type ArrivingChart, pngsAsChartsArrive } from './with-pngs.ts';
import { pageText, withWebFonts } from './web-fonts.ts';
import { reportPdf } from './pdf.ts';
import type { LoadResult } from '../load/load-articles.ts';
import { NotebookError, notebookErrorFrom } from '../notebooks/notebook-error.ts';
import { runNotebook } from '../notebooks/run-notebook.ts';
import { type LoadSummary, summarizeLoad } from '../summary.ts';
import { type NotebookFunction, type NotebookInput } from './input.ts';
import { createNotebook, type Notebook } from './notebook.ts';
import { type NotebookTables, notebookChartsAside, runStartingCharts, notebookTableFiles, renderNotebook, renderNotebookPages, type RenderedFiles } from './render.ts';
import { type ChartRenderer, renderChartsAside } from '../charts/render-aside.ts';
import type { RenderedChart } from '../charts/render.ts';
import { warmSubsetter } from '../charts/fonts.ts';
import { giveBackWhenLarge, isLarge } from '../free-memory.ts';
import { dropUnreadCaches } from '../analyze/column-cache.ts';
import { count, md, percent } from './text.ts';
import { selectSmallest } from '../stats/quantiles.ts';
import { numberColumn } from '../analyze/columns.ts';
import { rowsWithValue } from '../analyze/text-codes.ts';

/** One notebook of a report: a function to run, or the error that kept it from loading. */
export interface ReportEntry {
  /** Folder name inside the report (already a safe file name, unique in the report). */
  name: string;
  /** One line on what it shows (built-in notebooks). */
  about?: string;
  /** The notebook's file, for messages (notebooks of the user's). */
  file?: string;
  /** Its files, to find the line of an error. */
  sources?: string[];
  run?: NotebookFunction;
  /** Why it could not be loaded. */
  error?: NotebookError;
}

/** How a report is written. */
export interface ReportWriteOptions extends ReplaceOptions {
  /** A PNG beside every chart SVG. @default true */
  png?: boolean;
  /** The Chromium to print `report.pdf` with. @default no PDF */
  chromium?: string;
  /**
   * The chart renderer to use, already started by the caller (who closes it).
   * @default one of the report's own, started on the first chart and closed at the end
   */
  renderer?: ChartRenderer;
}

/** The top-level names of a report besides its notebooks' folders (the front page's own tables and workbook among them). */
const REPORT_NAMES = ['index.html', 'index.md', 'assets', 'tables', 'report.xlsx', 'report.pdf'];

/** What happened to each notebook. */
export interface ReportOutcome {
  name: string;
  /** The notebook's own title, or its name when it failed. */
  title: string;
  about?: string;
  /** Milliseconds to build and render it. */
  ms: number;
  /** Its first chart's name, for the front page's thumbnails. */
  firstChart?: string | undefined;
  error?: NotebookError;
}

/** A small version of each notebook's first chart, linked to the notebook. */
function thumbnails(outcomes: readonly ReportOutcome[]): string {
  const shown = outcomes.filter((o) => o.firstChart);
  return shown.length ? `\n\n${shown.map((o) => `[![${md(o.title)}](${o.name}/charts/${encodeURI(o.firstChart!)}.svg)](${o.name}/index.html)`).join(' ')}` : '';
}

/** What the front page says about the data, read while the notebooks run (see writeReport). */
interface FrontPageFacts {
  summary: LoadSummary;
  /** The lower middle of the articles' views (none counted as 0). */
  medianViews: number;
  /** Articles with a seniority label. */
  labelled: number;
  filter: string | null;
  asOfGiven: boolean;
  recordsSeen: number;
  similarTagGroups: number;
  mergedSimilarTags: boolean;
  rejects: LoadResult['rejects'];
  warnings: LoadResult['warnings'];
}

/** The front page's facts about the input. */
function frontPageFacts(input: NotebookInput): FrontPageFacts {
  // A copy (the selection reorders it) of the table's own views, none counted as 0.
  const views = numberColumn(input.articles, 'views').map((v) => (Number.isNaN(v) ? 0 : v));
  return {
    summary: summarizeLoad(input.load),
    medianViews: views.length ? selectSmallest(views, Math.floor((views.length - 1) / 2)) : 0,
    labelled: rowsWithValue(input.articles, 'level'),
    filter: input.options.filter ?? null,
    asOfGiven: Boolean(input.load.asOfGiven),
    recordsSeen: input.load.stats.recordsSeen,
    similarTagGroups: input.similarTags.length,
    mergedSimilarTags: Boolean(input.options.mergeSimilarTags),
    rejects: input.load.rejects,
    warnings: input.load.warnings,
  };
}

/** The report's front page: headline numbers, links to the notebooks, failures, data quality. */
function buildIndex(facts: FrontPageFacts, outcomes: readonly ReportOutcome[]): Notebook {
  const s = facts.summary;
  const nb = createNotebook('content-pulse report');
  const written = outcomes.filter((o) => !o.error);
  const failed = outcomes.filter((o) => o.error);
  nb.markdown(`# content-pulse report

${facts.filter ? `> Filter: ${md(facts.filter)}.\n\n` : ''}**${count(s.articles)} articles** from ${md(s.firstPublished)} to ${md(s.lastPublished)} · ${count(s.categories)} categories · ${count(s.authors)} authors · ${count(s.distinctTags)} distinct tags · ${count(s.totalViews)} views (median ${count(facts.medianViews)} per article). Ages are measured to ${md(s.asOf)}${facts.asOfGiven ? ' (given with --as-of)' : ' (the newest publish date)'}.

## Notebooks

${written.map((n) => `- [${md(n.title)}](${n.name}/index.html) ([Markdown](${n.name}/index.md))${n.about ? `: ${n.about}` : ''}`).join('\n') || 'None.'}${thumbnails(written)}${failed.length ? `

## Notebooks that failed

${failed.map((n) => `- **${md(n.name)}**: ${md(n.error!.message)}`).join('\n')}` : ''}

## Data quality

- Files seen: ${count(s.filesSeen)}; articles loaded: ${count(s.loaded)}; rejected: ${count(s.rejected)}; duplicate copies dropped: ${count(s.duplicates)}${s.duplicates ? ` (${count(s.duplicatesWithDifferentStats)} ids had copies with different stats; the copy with most views was kept)` : ''}; skipped: ${count(s.skipped)}${s.skippedBy.length ? ` (${s.skippedBy.map((k) => `${count(k.count)} ${md(k.reason)}`).join('; ')})` : ''}.
- Every file is accounted for: ${count(facts.recordsSeen)} records seen = ${count(s.loaded)} loaded + ${count(s.duplicates)} duplicates + ${count(s.rejected)} rejected + ${count(s.skipped)} skipped.
- Warnings: ${count(facts.warnings.length)}.
- Near-duplicate tags (same but for spaces, case or width): ${count(facts.similarTagGroups)} groups${facts.mergedSimilarTags ? ', merged' : '; merge them with --merge-similar-tags'}.
- Articles with seniority labels: ${percent(facts.labelled / Math.max(1, s.articles))}.`);
  if (facts.rejects.length) nb.table('rejects', from(facts.rejects.map((r) => ({ ...r }))), { caption: 'Rejected files', limit: 50 });
  if (facts.warnings.length) nb.table('warnings', from(facts.warnings.map((w) => ({ ...w }))), { caption: 'Warnings', limit: 50 });
  return nb;
}

/** The notebooks of a report that ran, with their charts and tables' files under way. */
interface RanNotebooks {
  outcomes: ReportOutcome[];
  front: FrontPageFacts;
  notebooks: Map<string, Notebook>;
  charts: Map<string, Map<string, Promise<RenderedChart>>>;
  tableFiles: Map<string, Promise<NotebookTables>>;
}

/**
 * Runs every entry in order. As soon as a notebook has run, its charts start rendering (on the
 * renderer's thread) and its large tables' CSV and workbook are written into the staging folder
 * (on another), while the next notebooks run: none of these need the other notebooks' pages.
 * @param tablesWritten receives each notebook's table files being written, to be awaited before the staging folder goes
 */
async function runEntries(input: NotebookInput, entries: readonly ReportEntry[], renderer: ChartRenderer, stage: FolderStage, tablesWritten: Promise<unknown>[], onFailure: (error: NotebookError) => void): Promise<RanNotebooks> {
  const ran: Omit<RanNotebooks, 'front'> = { outcomes: [], notebooks: new Map(), charts: new Map(), tableFiles: new Map() };
  for (const entry of entries) {
    const start = performance.now();
    const outcome: ReportOutcome = { name: entry.name, title: entry.name, ms: 0, ...(entry.about ? { about: entry.about } : {}) };
    try {
      if (entry.error || !entry.run) throw entry.error ?? new NotebookError(`${entry.name}: nothing to run`, entry.name);
      const file = entry.file ?? entry.name;
      const { result: notebook, started } = await runStartingCharts(renderer, () => runNotebook(entry.run!, input, file, entry.sources ?? [file]));
      outcome.title = notebook.title;
      outcome.firstChart = notebook.cells.find((cell) => cell.kind === 'chart')?.name;
      ran.notebooks.set(entry.name, notebook);
      ran.charts.set(entry.name, notebookChartsAside(notebook, renderer, started));
      const tables = notebookTableFiles(notebook, { tablesInto: join(stage.path, entry.name) });
      tablesWritten.push(tables);
      ran.tableFiles.set(entry.name, tables);
    } catch (error) {
      outcome.error = notebookErrorFrom(error, entry.file ?? entry.name, entry.sources ?? []);
      onFailure(outcome.error);
    }
    outcome.ms = Math.round(performance.now() - start);
    ran.outcomes.push(outcome);
    // What this notebook freed, and the caches it did not read, before the next one allocates.
    if (isLarge()) dropUnreadCaches();
    giveBackWhenLarge();
  }
  // Read last: the columns the summary builds are not held through the notebooks.
  return { ...ran, front: frontPageFacts(input) };
}

/** Every chart of the notebooks that ran, by the path of its SVG in the report, with its spec. */
function arrivingCharts(ran: RanNotebooks): Map<string, ArrivingChart> {
  const charts = new Map<string, ArrivingChart>();
  for (const [name, notebook] of ran.notebooks) {
    const rendered = ran.charts.get(name)!;
    for (const cell of notebook.cells) {
      if (cell.kind !== 'chart') continue;
      charts.set(`${name}/charts/${cell.name}.svg`, { spec: cell.spec, svg: rendered.get(cell.name)!.then(({ svg }) => svg) });
    }
  }
  return charts;
}

/**
 * Every file of the report: each notebook that ran rendered with the header of all, the front
 * page, the assets, PNGs and the PDF when asked for. A notebook that fails to render is reported
 * (its outcome gets the error, and `onFailure`) and leaves no file.
 */
async function reportFiles(ran: RanNotebooks, renderer: ChartRenderer, stage: FolderStage, warn: (message: string) => void, onFailure: (error: NotebookError) => void, options: ReportWriteOptions): Promise<RenderedFiles> {
  const written = ran.outcomes.filter((o) => !o.error);
  const nav = (from: string, current?: string) => [
    { href: `${from}index.html`, title: 'Report', current: current === undefined },
    ...written.map((o) => ({ href: `${from}${o.name}/index.html`, title: o.title, current: o.name === current })),
  ];
  const png = options.png ?? true;
  const files: RenderedFiles = new Map();
  // The articles and the analyses' caches are no longer held (runEntries has returned): a large
  // report gives them back before its pages are made, not after (~0.3 GB at a million articles).
  giveBackWhenLarge();
  // PNGs are drawn here as the charts arrive, while the pages wait for them; the chart thread
  // draws a share of those left once it has rendered them all.
  const drawPngs = png ? pngsAsChartsArrive(arrivingCharts(ran), renderer.pngs) : undefined;
  if (!drawPngs) warmSubsetter(); // for the pages' font, while the pages wait for their charts (the PNGs' cut loads it otherwise)
  const failed = (outcome: ReportOutcome, error: unknown) => {
    outcome.error = notebookErrorFrom(error, outcome.name, []);
    onFailure(outcome.error);
    for (const path of [...files.keys()]) if (path.startsWith(`${outcome.name}/`)) files.delete(path);
  };
  const tables: Promise<void>[] = [];
  for (const outcome of written) {
    const start = performance.now();
    const tableFiles = ran.tableFiles.get(outcome.name)!;
    try {
      const page = { assets: '../assets/', nav: nav('../', outcome.name), png };
      const add = (some: RenderedFiles) => { for (const [path, content] of some) files.set(`${outcome.name}/${path}`, content); };
      add(await renderNotebookPages(ran.notebooks.get(outcome.name)!, warn, { page, charts: ran.charts.get(outcome.name)!, tables: tableFiles }));
      tables.push(tableFiles.then(({ files: some }) => add(some), (error) => failed(outcome, error)));
      // Its page is written: its tables, charts and page data can go before the front page, fonts and PNGs are made.
      ran.notebooks.delete(outcome.name);
      ran.charts.delete(outcome.name);
      ran.tableFiles.delete(outcome.name);
    } catch (error) {
      failed(outcome, error);
      tables.push(tableFiles.then(() => {}, () => {})); // settled before its staged files go, below
    }
    outcome.ms += Math.round(performance.now() - start);
  }
  giveBackWhenLarge(); // the notebooks' tables and charts no longer held, before PNGs and fonts
  await Promise.all(tables);
  // A notebook that failed leaves no file: those its tables' thread wrote into the staging folder go too.
  for (const outcome of written) if (outcome.error) rmSync(join(stage.path, outcome.name), { recursive: true, force: true });
  for (const [path, content] of await renderNotebook(buildIndex(ran.front, ran.outcomes), warn, { page: { assets: 'assets/', nav: nav(''), png } })) files.set(path, content);
  for (const [path, content] of reportAssets()) files.set(path, content);
  await withWebFonts(files, pageText(files));
  // A notebook whose tables failed has left no file, its charts' PNGs included.
  if (drawPngs) for (const [path, image] of await drawPngs()) if (files.has(path)) files.set(path.replace(/\.svg$/, '.png'), image);
  if (options.chromium) files.set('report.pdf', await reportPdf(files, ['index.html', ...written.filter((o) => !o.error).map((o) => `${o.name}/index.html`)], options.chromium));
  return files;
}

/**
 * Runs and renders every notebook in order, then the front page, and replaces `outDir` with all
 * of it at once (the previous report stays whole until the new one is complete). A notebook
 * that fails (to load, to run or to render) is reported on the front page and to `onFailure`;
 * the others are still written. Only running the notebooks reads `input`: a caller that keeps no
 * reference to it lets the articles and the analyses' caches (most of the memory at a million
 * articles) be reclaimed before the pages, fonts and PNGs are made.
 * @returns each notebook's outcome, in order
 */
export function writeReport(
  input: NotebookInput, outDir: string, entries: readonly ReportEntry[],
  warn: (message: string) => void, onFailure: (error: NotebookError) => void = () => {}, options: ReportWriteOptions = {},
): Promise<ReportOutcome[]> {
  // Stages: make the staging folder → run every notebook (its charts and tables' files started at
  // once, on other threads; the tables' files written into the staging folder as they are made,
  // not held here) and read the front page's facts → render each page with the header of all →
  // the front page → assets, PNGs → write them beside the tables and replace the folder at once.
  // No closure below holds `input`.
  let stage: FolderStage;
  try {
    // The report's top-level names, so that a folder it may not replace is refused before the notebooks run.
    stage = stageFolder(outDir, [...entries.map((entry) => entry.name), ...REPORT_NAMES]);
  } catch (error) {
    return Promise.reject(error);
  }
  const renderer = options.renderer ?? renderChartsAside();
  const tablesWritten: Promise<unknown>[] = [];
  return runEntries(input, entries, renderer, stage, tablesWritten, onFailure)
    .then(async (ran) => {
      await stage.replace(await reportFiles(ran, renderer, stage, warn, onFailure, options), options);
      return ran.outcomes;
    })
    .finally(async () => {
      if (renderer !== options.renderer) renderer.close();
      // No table thread writes into the staging folder once it is removed.
      await Promise.allSettled(tablesWritten);
      stage.remove();
    });
}
