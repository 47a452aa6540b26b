/**
 * What parsing one file gives, whatever its format and whichever thread parsed it: its rows (as
 * ranges of batches of columns), its rejects and warnings, and how many records it held.
 */
import type { LoadWarning, Reject } from '../../article.ts';
import { fileReject } from '../../errors.ts';
import type { ArticleBatch } from '../table/batch.ts';

/** Rows first..first+count-1 of a batch. */
export interface RowRange {
  batch: ArticleBatch;
  first: number;
  count: number;
}

export interface ParsedFile {
  /**
   * The file's rows, in order: for a markdown file its row in the batch shared with the files
   * parsed beside it; for a structured file its own batch; for an NDJSON file split across
   * threads one range per part. Empty when the file gave no article.
   */
  parts: RowRange[];
  rejects: Reject[];
  warnings: LoadWarning[];
  /** Records the file held (rows, lines, array items); a file rejected whole counts 1. */
  itemsSeen: number;
}

/** No rows (frozen: shared by every result without any). */
export const NO_PARTS: RowRange[] = Object.freeze([]) as never;

// Shared by every result that has none (frozen: nothing may add to them). An array of each per
// file was 300,000 objects for a 100,000-file load, collected by the thread that made them.
export const NO_REJECTS: ParsedFile['rejects'] = Object.freeze([]) as never;
export const NO_WARNINGS: ParsedFile['warnings'] = Object.freeze([]) as never;

/** A file that gave one record and nothing to report, its row not placed yet (frozen: shared). */
export const ONE_RECORD: ParsedFile = Object.freeze({ parts: NO_PARTS, rejects: NO_REJECTS, warnings: NO_WARNINGS, itemsSeen: 1 });

/** All rows of a batch, as a file's parts (none when it is empty). */
export function wholeBatch(batch: ArticleBatch): RowRange[] {
  return batch.n > 0 ? [{ batch, first: 0, count: batch.n }] : NO_PARTS;
}

/** A file rejected whole: one record seen, one reject. */
export function rejectedFile(path: string, reason: string, line = 0): ParsedFile {
  return { parts: NO_PARTS, rejects: [fileReject(path, reason, line)], warnings: [], itemsSeen: 1 };
}
