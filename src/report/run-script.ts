/**
 * Runs one notebook script on its own: `npx tsx analyses/NAME.ts PATH... [--out DIR] [options]`.
 */
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { UnknownGroupError } from '../analyze/select.ts';
import { CliError } from '../cli/errors.ts';
import { addCacheOptions, loadInput } from '../cli/load-input.ts';
import { type ReportInput, type ReportOptions, prepareReportInput } from './input.ts';
import type { Notebook } from './notebook.ts';
import { renderNotebook } from './render.ts';
import { saveFiles } from './save.ts';

/**
 * True when the module at `url` is the script node was started with, and is the script named
 * `name` (in a bundle every module shares one URL, so the name tells them apart).
 */
export function isMainModule(url: string, name: string): boolean {
  const started = process.argv[1];
  if (started === undefined || resolve(started) !== fileURLToPath(url)) return false;
  return basename(started).replace(/\.[cm]?[jt]s$/, '') === name;
}

/** Options shared by `pulse report` and the notebook scripts. */
export function addReportOptions(command: Command): Command {
  return addCacheOptions(command)
    .option('--as-of <date>', 'measure ages to this date (YYYY-MM-DD)')
    .option('--min-count <n>', 'least articles for a tag to be ranked', '20')
    .option('--min-author-count <n>', 'least articles for an author to be ranked', '3')
    .option('--locale <en|zh>', 'numbers in charts as 12k (en) or 1.2万 (zh)', 'en')
    .option('--merge-similar-tags', 'merge tags that differ only by spaces, case or width')
    .option('--quiet', 'no warnings on stderr');
}

/** Reads the shared report options from parsed flags. */
export function reportOptions(flags: Record<string, unknown>): ReportOptions {
  const positive = (name: string, value: unknown): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a whole number of at least 1, got ${String(value)}`);
    return n;
  };
  const locale = String(flags.locale ?? 'en');
  if (locale !== 'en' && locale !== 'zh') throw new CliError(`--locale must be en or zh, got ${locale}`);
  return {
    minCount: positive('min-count', flags.minCount ?? 20),
    minAuthorCount: positive('min-author-count', flags.minAuthorCount ?? 3),
    locale,
    mergeSimilarTags: Boolean(flags.mergeSimilarTags),
  };
}

export interface ScriptExtras {
  /** Adds the script's own options. */
  configure?: (command: Command) => void;
  /** Turns the script's own flags into report options. */
  options?: (flags: Record<string, unknown>) => Partial<ReportOptions>;
}

/** Parses arguments, loads, builds the notebook, renders and saves it; sets the exit code. */
export async function runNotebookScript(name: string, build: (input: ReportInput) => Notebook, extras: ScriptExtras = {}, argv = process.argv.slice(2)): Promise<void> {
  const program = addReportOptions(new Command(name).argument('<paths...>').option('--out <dir>', 'output folder', `output/${name}`)).exitOverride();
  extras.configure?.(program);
  try {
    program.parse(argv, { from: 'user' });
    const flags = program.opts();
    const extra = extras.options?.(flags) ?? {};
    const load = await loadInput(program.args, { asOf: flags.asOf as string | undefined, quiet: Boolean(flags.quiet), cache: flags.cache as string | false });
    const input = prepareReportInput(load, { ...reportOptions(flags), ...extra });
    const files = await renderNotebook(build(input), (m) => process.stderr.write(`warning: ${m}\n`));
    saveFiles(flags.out as string, files);
    process.stdout.write(`wrote ${flags.out}/index.html and index.md\n`);
  } catch (caught) {
    const error = caught instanceof UnknownGroupError ? new CliError(caught.message) : caught;
    if (error instanceof CliError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if ((error as { code?: string }).code?.startsWith('commander.')) {
      process.exitCode = (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
    } else throw error;
  }
}
