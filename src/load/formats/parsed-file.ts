/**
 * What parsing one file gives, whatever its format: its records (as objects, or as rows of a
 * batch of columns), its rejects and warnings, and how many records it held.
 */
import type { ArticleRecord, LoadWarning, Reject } from '../../article.ts';
import { fileReject } from '../../errors.ts';
import type { ArticleBatch } from '../table/batch.ts';

export interface ParsedFile {
  records: ArticleRecord[];
  /** Records as columns instead (NDJSON), in order; `records` is then empty. */
  batches?: ArticleBatch[];
  /**
   * Records as rows first..first+count-1 of a batch shared with the other files parsed with it
   * (see parseFilesToBatch); `records` is then empty.
   */
  rows?: { batch: ArticleBatch; first: number; count: number };
  rejects: Reject[];
  warnings: LoadWarning[];
  /** Records the file held (rows, lines, array items); a file rejected whole counts 1. */
  itemsSeen: number;
}

/** A file rejected whole: one record seen, one reject. */
export function rejectedFile(path: string, reason: string, line = 0): ParsedFile {
  return { records: [], rejects: [fileReject(path, reason, line)], warnings: [], itemsSeen: 1 };
}

