/**
 * `pulse report [PATH...] [--out DIR] [--notebooks DIR] [options]`: the built-in notebooks, then
 * every notebook of the team's folder, into DIR/<name>/, with DIR/index.html and DIR/index.md.
 * Exit code 1 when a notebook failed (the others are written all the same).
 */
import { basename, extname, join, resolve } from 'node:path';
import authors from '../../analyses/authors.ts';
import compare from '../../analyses/compare.ts';
import headlines from '../../analyses/headlines.ts';
import growth from '../../analyses/growth.ts';
import { growthFromStore } from '../snapshots/store.ts';
import overview from '../../analyses/overview.ts';
import tags from '../../analyses/tags.ts';
import trends from '../../analyses/trends.ts';
import { importNotebook } from '../notebooks/import-notebook.ts';
import { notebookFiles, withoutHelpers } from '../notebooks/notebook-files.ts';
import { NotebookError } from '../notebooks/notebook-error.ts';
import { prepareNotebookInput } from '../report/input.ts';
import { safeFileName } from '../report/escape.ts';
import type { NotebookFunction } from '../report/input.ts';
import { type ReportEntry, writeReport } from '../report/write-report.ts';
import { renderChartsAside } from '../charts/render-aside.ts';
import { BUILT_IN_NAMES } from './config.ts';
import { CliError } from './errors.ts';
import { waitNotice } from './notices.ts';
import { CHROMIUM_NAMES, findChromium } from '../report/pdf.ts';
import { titleWordsAhead } from '../analyze/title-facts.ts';
import { loadInput } from './load-input.ts';
import { resolveRun } from './report-options.ts';

/** The built-in notebooks, in reading order. */
export const BUILT_IN_NOTEBOOKS: { name: (typeof BUILT_IN_NAMES)[number]; about: string; run: NotebookFunction }[] = [
  { name: 'overview', about: 'size, skew, age, categories, weekdays, hidden gems', run: overview },
  { name: 'tags', about: 'topic leaderboard for their age, seniority labels, co-occurrence, tag hygiene', run: tags },
  { name: 'authors', about: 'author leaderboard, consistency, output vs views', run: authors },
  { name: 'trends', about: 'volume over time, tag shares, rising and fading topics', run: trends },
  { name: 'compare', about: 'head-to-head comparisons with intervals and tests', run: compare },
  { name: 'headlines', about: 'title features, title length and title words against views for their age', run: headlines },
  { name: 'growth', about: 'what gained views between snapshots, which topics still gain, how gains fade with age', run: growth },
];

/** The notebook files of `--notebooks DIR`, sorted by name. */
function notebooksIn(folder: string): string[] {
  try {
    return notebookFiles(folder);
  } catch (error) {
    throw new CliError(`--notebooks ${folder}: cannot read the folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** A folder name for each file, unique in the report and beside the built-in ones. */
export function uniqueName(file: string, taken: Set<string>): string {
  const base = safeFileName(basename(file, extname(file)));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

/** The report's entries: the chosen built-in notebooks, then each notebook file, imported. */
export async function reportEntries(builtIn: boolean | readonly string[], files: readonly string[]): Promise<ReportEntry[]> {
  const entries: ReportEntry[] = BUILT_IN_NOTEBOOKS.filter((n) => builtIn === true || (Array.isArray(builtIn) && builtIn.includes(n.name)));
  const taken = new Set(entries.map((e) => e.name));
  for (const file of files) {
    const name = uniqueName(file, taken);
    try {
      const imported = await importNotebook(file);
      entries.push({ name, file: imported.file, sources: imported.sources, run: imported.run });
    } catch (error) {
      entries.push({ name, file: resolve(file), error: error instanceof NotebookError ? error : new NotebookError(`${file}: ${(error as Error).message}`, file) });
    }
  }
  return withoutHelpers(entries);
}

/** Runs `pulse report`; returns the exit code. */
export async function reportCommand(paths: string[], flags: Record<string, unknown>): Promise<number> {
  const run = resolveRun(paths, flags);
  const out = (flags.out as string | undefined) ?? run.config.out ?? 'output';
  const folder = (flags.notebooks as string | undefined) ?? run.config.notebooks;
  const files = folder ? notebooksIn(resolve(folder)) : [];
  const entries = await reportEntries(run.config.builtIn ?? true, files);
  if (entries.length === 0) throw new CliError('no notebooks to run: builtIn is false and no --notebooks folder holds a notebook');
  const chromium = flags.pdf ? findChromium(flags.chromium as string | undefined) : undefined;
  const warn = (m: string) => { if (!flags.quiet) process.stderr.write(`warning: ${m}\n`); };
  // The chart thread starts now and loads its engine while the articles load.
  const renderer = renderChartsAside();
  renderer.start();
  // The loaded articles are held by the report alone, and only while its notebooks run (see
  // writeReport): no variable here keeps them.
  const outcomes = await loadInput(run.inputs, { asOf: run.asOf, quiet: Boolean(flags.quiet), cache: flags.cache as string | false, filter: run.filter, ...(flags.groups ? { groups: String(flags.groups) } : {}) }).then((load) => {
    const input = prepareNotebookInput(load, run.notebookOptions);
    const stored = run.snapshots ? growthFromStore(run.snapshots) : undefined;
    if (stored) input.growth = stored;
    // The Growth notebook when there is something to compare: a store of two snapshots or more.
    const chosen = entries.filter((entry) => entry.name !== 'growth' || entry.file !== undefined || stored);
    // Headlines segments every title into words (about 12 µs a title): other cores start on it
    // now, while the notebooks before it run.
    if (chosen.some((entry) => entry.name === 'headlines' && !entry.file)) titleWordsAhead(input.articles);
    return writeReport(input, out, chosen, warn, (error) => process.stderr.write(`pulse: notebook failed: ${error.message}\n`), { onWait: waitNotice(out), png: flags.png !== false, renderer, ...(chromium ? { chromium } : {}) });
  }).finally(() => renderer.close());
  const failed = outcomes.filter((o) => o.error);
  process.stdout.write(`wrote ${join(out, 'index.html')} and index.md (${outcomes.map((o) => `${o.name} ${o.error ? 'FAILED' : `${o.ms} ms`}`).join(', ')})\n`);
  if (flags.pdf && !chromium) {
    process.stderr.write(`pulse: --pdf needs Chromium or Chrome, and ${flags.chromium ? `${flags.chromium} is not an executable file` : `none was found (looked for ${CHROMIUM_NAMES.join(', ')} on the PATH)`}: install one (Debian or Ubuntu: apt-get install chromium) or name it with --chromium PATH. Everything else was written.\n`);
    return 2;
  }
  return failed.length ? 1 : 0;
}
