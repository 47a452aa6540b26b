/**
 * `pulse report PATH... [--out DIR] [--as-of DATE] [--min-count N] …`: runs every notebook into
 * DIR/<name>/ and writes DIR/index.html and DIR/index.md (headline numbers, links, data quality).
 */
import { join } from 'node:path';
import { from } from 'arquero';
import { buildAuthors } from '../../analyses/authors.ts';
import { buildCompare } from '../../analyses/compare.ts';
import { buildOverview } from '../../analyses/overview.ts';
import { buildTags } from '../../analyses/tags.ts';
import { buildTrends } from '../../analyses/trends.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { type ReportInput, type ReportOptions, prepareReportInput } from '../report/input.ts';
import { createNotebook, type Notebook } from '../report/notebook.ts';
import { renderNotebook } from '../report/render.ts';
import { saveFiles } from '../report/save.ts';
import { count, md, percent } from '../report/text.ts';
import { summarizeLoad } from '../summary.ts';
import type { LoadResult } from '../load/load-articles.ts';

/** The notebooks of a report, in reading order. */
export const NOTEBOOKS: { name: string; title: string; about: string; build: (input: ReportInput) => Notebook }[] = [
  { name: 'overview', title: 'Overview', about: 'size, skew, age, categories, weekdays, hidden gems', build: buildOverview },
  { name: 'tags', title: 'Tags', about: 'topic leaderboard for their age, seniority labels, co-occurrence, tag hygiene', build: buildTags },
  { name: 'authors', title: 'Authors', about: 'author leaderboard, consistency, output vs views', build: buildAuthors },
  { name: 'trends', title: 'Trends', about: 'volume over time, tag shares, rising and fading topics', build: buildTrends },
  { name: 'compare', title: 'Compare', about: 'head-to-head comparisons with intervals and tests', build: buildCompare },
];

/** The report's front page: headline numbers, links to the notebooks, data quality. */
export function buildIndex(load: LoadResult, input: ReportInput): Notebook {
  const s = summarizeLoad(load);
  const nb = createNotebook('content-pulse report');
  nb.markdown(`# content-pulse report

**${count(s.articles)} articles** from ${md(s.firstPublished)} to ${md(s.lastPublished)} · ${count(s.categories)} categories · ${count(s.authors)} authors · ${count(s.distinctTags)} distinct tags · ${count(s.totalViews)} views (median ${count((input.articles.array('views') as number[]).slice().sort((a, b) => a - b)[Math.floor((s.articles - 1) / 2)] ?? 0)} per article). Ages are measured to ${md(s.asOf)}.

## Notebooks

${NOTEBOOKS.map((n) => `- [${n.title}](${n.name}/index.html) ([Markdown](${n.name}/index.md)): ${n.about}`).join('\n')}

## Data quality

- Files seen: ${count(s.filesSeen)}; articles loaded: ${count(s.articles)}; rejected: ${count(s.rejected)}; duplicate copies dropped: ${count(s.duplicates)}${s.duplicates ? ` (${count(s.duplicatesWithDifferentStats)} ids had copies with different stats; the copy with most views was kept)` : ''}; skipped: ${count(s.skipped)} (index pages and other files).
- Every file is accounted for: ${count(load.stats.recordsSeen)} records seen = ${count(s.articles)} loaded + ${count(s.duplicates)} duplicates + ${count(s.rejected)} rejected + ${count(s.skipped)} skipped.
- Warnings: ${count(load.warnings.length)}.
- Near-duplicate tags (same but for spaces, case or width): ${count(input.similarTags.length)} groups${input.options.mergeSimilarTags ? ', merged' : '; merge them with --merge-similar-tags'}.
- Articles with seniority labels: ${percent((input.articles.array('level') as (string | null)[]).filter((l) => l !== null).length / Math.max(1, s.articles))}.`);
  if (load.rejects.length) nb.table('rejects', from(load.rejects.map((r) => ({ ...r }))), { caption: 'Rejected files', limit: 50 });
  if (load.warnings.length) nb.table('warnings', from(load.warnings.map((w) => ({ ...w }))), { caption: 'Warnings', limit: 50 });
  return nb;
}

export interface ReportTimings {
  [notebook: string]: number;
}

/**
 * Builds, renders and writes every notebook and the index.
 * @returns milliseconds per notebook (build + render + write)
 */
export async function writeReport(load: LoadResult, outDir: string, options: ReportOptions, warn: (m: string) => void): Promise<ReportTimings> {
  const input = prepareReportInput(load, options);
  const timings: ReportTimings = {};
  for (const notebook of NOTEBOOKS) {
    const start = performance.now();
    saveFiles(join(outDir, notebook.name), await renderNotebook(notebook.build(input), warn));
    timings[notebook.name] = Math.round(performance.now() - start);
  }
  for (const [path, content] of await renderNotebook(buildIndex(load, input), warn)) writeFileAtomic(join(outDir, path), content);
  return timings;
}
