/**
 * `pulse run NOTEBOOK [PATH...] [--out DIR] [options]`: loads the articles (with the cache), runs
 * one notebook file and writes it as a report folder (default `output/<notebook name>/`).
 * An error in the notebook prints its file and line, exits 1, and writes nothing.
 */
import { basename, extname, join } from 'node:path';
import { importNotebook } from '../notebooks/import-notebook.ts';
import { NotebookError } from '../notebooks/notebook-error.ts';
import { runNotebook } from '../notebooks/run-notebook.ts';
import { safeFileName } from '../report/escape.ts';
import { prepareNotebookInput } from '../report/input.ts';
import { growthFromStore } from '../snapshots/store.ts';
import { renderStandalone, saveFiles } from '../report/save.ts';
import { waitNotice } from './notices.ts';
import { loadInput } from './load-input.ts';
import { resolveRun } from './report-options.ts';

/** Runs `pulse run`; returns the exit code. */
export async function runCommand(notebookFile: string, paths: string[], flags: Record<string, unknown>): Promise<number> {
  const run = resolveRun(paths, flags);
  const out = (flags.out as string | undefined) ?? join(run.config.out ?? 'output', safeFileName(basename(notebookFile, extname(notebookFile))));
  try {
    const imported = await importNotebook(notebookFile);
    const load = await loadInput(run.inputs, { asOf: run.asOf, quiet: Boolean(flags.quiet), cache: flags.cache as string | false, filter: run.filter, ...(flags.groups ? { groups: String(flags.groups) } : {}) });
    const input = prepareNotebookInput(load, run.notebookOptions);
    const stored = run.snapshots ? growthFromStore(run.snapshots) : undefined;
    if (stored) input.growth = stored;
    const notebook = await runNotebook(imported.run, input, imported.file, imported.sources);
    const warn = (m: string) => { if (!flags.quiet) process.stderr.write(`warning: ${m}\n`); };
    await saveFiles(out, await renderStandalone(notebook, warn, { png: flags.png !== false }), { onWait: waitNotice(out) });
    process.stdout.write(`wrote ${join(out, 'index.html')} and index.md\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    process.stderr.write(`pulse: notebook failed: ${error.message}\n`);
    if (flags.debug && error.detail) process.stderr.write(`${error.detail}\n`);
    return 1;
  }
}
