/**
 * Stage 5 of a load: the parsed files accounted for (loaded, rejected, warned, skipped) and their
 * rows built into the article table (batch-table.ts, with the derived columns of derive.ts).
 */
import type { Article, LoadWarning, Reject } from '../../article.ts';
import type { ArticleBatch } from './batch.ts';
import type { FileRange } from './batch-merge.ts';
import type { BatchPart } from './batch-table.ts';
import type { ParsedFile } from '../formats/parsed-file.ts';
import { eachPackedAccount, type PackedFiles, unpackFiles, wholeSharedBatch } from '../pool/packed-files.ts';
import type { SkippedFile, LoadResult } from '../result.ts';

// The table builder (with arquero), the cache (flechette), the file parsers (csv-parse) and
// Parquet (hyparquet) are imported when first needed, not at start-up: worker threads start
// ~170 ms sooner. The table builder is loaded once a worker has finished (a core is free);
// loaded beside busy workers it slowed them by more than it saved (measured on 1M NDJSON rows).
let tableModule: typeof import('./batch-table.ts') | undefined;

export async function loadTableModule(): Promise<typeof import('./batch-table.ts')> {
  tableModule ??= await import('./batch-table.ts');
  return tableModule;
}

export function prefetchTableModule(): void {
  loadTableModule().catch(() => {}); // a failure surfaces where the table is built
}

/** Rows (ranges of batches) in table order; adjacent ranges of one batch are kept as one. */
export class PartList {
  readonly parts: BatchPart[] = [];

  add(batch: ArticleBatch, first: number, count: number): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.batch === batch && last.first + last.count === first) last.count += count;
    else if (count > 0) this.parts.push({ batch, first, count });
  }
}

/** Each parsed file's rows, in file order, as (file, batch, first row, rows). */
export function eachFileRows(parsed: readonly ParsedFile[], visit: (file: number, batch: ArticleBatch, first: number, count: number) => void): void {
  parsed.forEach((file, f) => {
    for (const { batch, first, count } of file.parts) if (count > 0) visit(f, batch, first, count);
  });
}

/** The batches of parsed files, in file order, and which rows of them each file owns. */
export function batchFiles(parsed: readonly ParsedFile[]): { batches: ArticleBatch[]; ranges: FileRange[][] } {
  const batches: ArticleBatch[] = [];
  const indexOf = new Map<ArticleBatch, number>();
  const ranges: FileRange[][] = parsed.map(() => []);
  eachFileRows(parsed, (file, batch, first, count) => {
    let index = indexOf.get(batch);
    if (index === undefined) indexOf.set(batch, index = batches.push(batch) - 1);
    ranges[file]!.push({ batch: index, first, count });
  });
  return { batches, ranges };
}

/** What the files reported: records seen (skipped files count as one each), rejects, warnings. */
export interface Accounting {
  recordsSeen: number;
  rejects: Reject[];
  warnings: LoadWarning[];
}

export function emptyAccounting(skipped: number): Accounting {
  return { recordsSeen: skipped, rejects: [], warnings: [] };
}

export function accountFor(accounting: Accounting, itemsSeen: number, rejects: readonly Reject[], warnings: readonly LoadWarning[]): void {
  accounting.recordsSeen += itemsSeen;
  // Most files have neither: an iterator per empty list was 60 ms of a 100,000-file load.
  for (let i = 0; i < rejects.length; i++) accounting.rejects.push(rejects[i]!);
  for (let i = 0; i < warnings.length; i++) accounting.warnings.push(warnings[i]!);
}

/**
 * Accounts for parsed files, de-duplicates and builds the table (the table module loaded).
 * Adjacent rows of one batch become one part; no range list per file (100,000 of them were most
 * of the time between the last worker's reply and the table).
 */
export function assemble(filesSeen: number, parsed: readonly ParsedFile[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const list = new PartList();
  eachFileRows(parsed, (_file, batch, first, count) => list.add(batch, first, count));
  const accounting = emptyAccounting(skipped.length);
  for (const file of parsed) accountFor(accounting, file.itemsSeen, file.rejects, file.warnings);
  return build(filesSeen, accounting, list.parts, skipped, asOf);
}

/**
 * assemble for batches as parseListInWorkers gives them: a worker's batch whose rows are its
 * files' rows in order is taken whole, accounted for from its packed arrays (no object per file).
 */
export function assembleBatches(filesSeen: number, batches: readonly (PackedFiles | ParsedFile[])[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const list = new PartList();
  const accounting = emptyAccounting(skipped.length);
  const account = (itemsSeen: number, rejects: readonly Reject[], warnings: readonly LoadWarning[]) => accountFor(accounting, itemsSeen, rejects, warnings);
  for (const batch of batches) {
    const whole = Array.isArray(batch) ? undefined : wholeSharedBatch(batch);
    if (whole) {
      list.add(whole, 0, whole.n);
      eachPackedAccount(batch as PackedFiles, account);
      continue;
    }
    const files = Array.isArray(batch) ? batch : unpackFiles(batch);
    eachFileRows(files, (_file, rows, first, count) => list.add(rows, first, count));
    for (const file of files) account(file.itemsSeen, file.rejects, file.warnings);
  }
  return build(filesSeen, accounting, list.parts, skipped, asOf);
}

/** The load result from the rows (parts) and what every file reported. */
export function build(filesSeen: number, { recordsSeen, rejects, warnings }: Accounting, parts: BatchPart[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const built = tableModule!.tableFromParts(parts, asOf);
  const { articles } = built;
  let rows: Article[] | undefined;
  return {
    articles,
    get rows() {
      rows ??= articles.objects() as unknown as Article[];
      return rows;
    },
    rejects,
    warnings,
    skipped,
    asOf: built.asOf,
    asOfGiven: asOf !== undefined,
    stats: {
      filesSeen,
      recordsSeen,
      loaded: articles.numRows(),
      duplicates: built.duplicates,
      duplicateIds: built.duplicateIds,
      duplicatesWithDifferentStats: built.duplicatesWithDifferentStats,
      rejected: rejects.length,
      skipped: skipped.length,
    },
  };
}
