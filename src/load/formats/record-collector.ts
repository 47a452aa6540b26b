/**
 * Record checks shared by every structured input (JSON, NDJSON, CSV, Arrow, Parquet, and the
 * NDJSON scanner's general path): records.ts decides, good records go on, rejects and warnings
 * are kept with their line.
 */
import type { ArticleRecord, LoadWarning, Reject } from '../../article.ts';
import { BatchBuilder } from '../table/batch.ts';
import { type ParsedFile, wholeBatch } from './parsed-file.ts';
import { fromRecord } from './records.ts';
import { reasons } from '../../errors.ts';

/**
 * Checks records one at a time and hands each good one to `accept` — by default straight into a
 * batch, so a million-row input never exists as a million record objects at once.
 */
export class RecordCollector {
  private readonly builder = new BatchBuilder();
  private readonly accept: (record: ArticleRecord) => void;
  readonly rejects: Reject[] = [];
  readonly warnings: LoadWarning[] = [];
  itemsSeen = 0;

  constructor(private readonly path: string, accept?: (record: ArticleRecord) => void) {
    this.accept = accept ?? ((record) => this.builder.appendRecord(record));
  }

  /** One record (a parsed JSON object or a CSV row keyed by header) at a 1-based line or position. */
  add(item: unknown, line: number): void {
    this.itemsSeen++;
    const result = fromRecord(item, this.path, line);
    if (result.ok) {
      this.accept(result.record);
      for (const warning of result.warnings) this.warnings.push(warning);
    } else {
      this.rejects.push({ path: this.path, line, reason: result.reason });
    }
  }

  /** One NDJSON line: a blank one is ignored, invalid JSON is rejected alone. */
  addJsonLine(text: string, line: number): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    let item: unknown;
    try {
      item = JSON.parse(trimmed);
    } catch {
      this.itemsSeen++;
      this.rejects.push({ path: this.path, line, reason: reasons.invalidJsonLine });
      return;
    }
    this.add(item, line);
  }

  /** What was collected, the records as a batch (when no `accept` was given). */
  done(): ParsedFile {
    return { parts: wholeBatch(this.builder.done()), rejects: this.rejects, warnings: this.warnings, itemsSeen: this.itemsSeen };
  }
}
