/**
 * `pulse load PATH... [--out FILE] [--rejects FILE] [--as-of DATE] [--strict] [--quiet]`
 */
import { extname } from 'node:path';
import { EXPORT_EXTENSIONS, writeArticleFile } from '../export/article-export.ts';
import { toCsv } from '../export/csv.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { formatLoadSummary, summarizeLoad } from '../summary.ts';
import { CliError } from './errors.ts';
import { loadInput } from './load-input.ts';
import { filterFromFlags } from './filter-options.ts';

export interface LoadCommandOptions {
  out?: string;
  rejects?: string;
  asOf?: string;
  strict?: boolean;
  quiet?: boolean;
}

/** Runs `pulse load`; returns the exit code. */
export async function loadCommand(paths: string[], options: LoadCommandOptions): Promise<number> {
  if (options.out && !(EXPORT_EXTENSIONS as readonly string[]).includes(extname(options.out).toLowerCase())) {
    throw new CliError(`--out ${options.out}: use a file ending in ${EXPORT_EXTENSIONS.join(', ')}`);
  }
  const flags = options as Record<string, unknown>;
  const result = await loadInput(paths, { ...options, filter: filterFromFlags(flags), ...(flags.groups ? { groups: String(flags.groups) } : {}) });
  if (options.out) await writeArticleFile(result.articles, options.out);
  if (options.rejects) {
    writeFileAtomic(options.rejects, toCsv(result.rejects as unknown as Record<string, unknown>[], ['path', 'line', 'reason']));
  }
  if (!options.quiet) process.stdout.write(`${result.filter ? `filter       ${result.filter} (the table below and --out hold these)\n` : ''}${formatLoadSummary(summarizeLoad(result))}`);
  const unreadable = result.skipped.filter((file) => file.problem).length;
  if (options.strict && (result.stats.rejected > 0 || unreadable > 0)) {
    const problems = [result.stats.rejected ? `${result.stats.rejected} file(s) rejected` : '', unreadable ? `${unreadable} folder(s) unreadable` : ''].filter(Boolean);
    process.stderr.write(`--strict: ${problems.join(', ')}\n`);
    return 1;
  }
  return 0;
}
