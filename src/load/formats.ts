/**
 * Structured inputs: JSON arrays, NDJSON / JSON Lines, and CSV. Each parser is pure (text or
 * bytes in; records as a batch, rejects and warnings out) and reads both record shapes handled by
 * records.ts. (Large NDJSON files take the byte scanner in ndjson-scan.ts, which falls back to
 * these same record checks.)
 */
import { Parser as CsvParser } from 'csv-parse';
import type { ArticleRecord, LoadWarning, Reject } from '../article.ts';
import type { ArticleBatch } from './batch.ts';
import { RecordCollector } from './record-collector.ts';
import { unguardCell } from './spreadsheet.ts';

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

function wholeFileReject(path: string, line: number, reason: string): ParsedFile {
  return { records: [], rejects: [{ path, line, reason }], warnings: [], itemsSeen: 1 };
}

/** A JSON file holding an array of records (or `{ "articles": [...] }`). */
export function parseJsonArticles(text: string, path: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return wholeFileReject(path, 0, `invalid JSON (${(error as Error).message}); for one record per line use .ndjson`);
  }
  const list = Array.isArray(data) ? data : (data as { articles?: unknown } | null)?.articles;
  if (!Array.isArray(list)) return wholeFileReject(path, 0, 'JSON must be an array of article records');
  // Array items have no line of their own; report their 1-based position instead.
  const collector = new RecordCollector(path);
  list.forEach((item, index) => collector.add(item, index + 1));
  return collector.done();
}

/** Adds the records of NDJSON lines to `out`; `firstLine` is the 1-based number of lines[0]. */
function addNdjsonLines(lines: readonly string[], firstLine: number, path: string, out: ParsedFile): void {
  const collector = new RecordCollector(path, (record) => out.records.push(record));
  lines.forEach((line, i) => collector.addJsonLine(line, firstLine + i));
  out.itemsSeen += collector.itemsSeen;
  for (const reject of collector.rejects) out.rejects.push(reject);
  for (const warning of collector.warnings) out.warnings.push(warning);
}

const NDJSON_CHUNK = 8 << 20;
const chunkDecoder = new TextDecoder('utf-8');

/**
 * NDJSON from bytes, a few MB at a time: a large export is never one giant string, which keeps
 * peak memory near the size of the records rather than twice the file.
 */
export function parseNdjsonBytes(bytes: Uint8Array, path: string): ParsedFile {
  const out: ParsedFile = { records: [], rejects: [], warnings: [], itemsSeen: 0 };
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + NDJSON_CHUNK);
    if (end < bytes.length) {
      const newline = bytes.lastIndexOf(0x0a, end - 1);
      end = newline >= start ? newline + 1 : bytes.length; // a line longer than a chunk: take the rest
    }
    const lines = chunkDecoder.decode(bytes.subarray(start, end)).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    addNdjsonLines(lines, line, path, out);
    line += lines.length;
    start = end;
  }
  return out;
}

/**
 * CSV with a header row: our own export (tags joined by `|`) or the MongoDB field names. Parsed a
 * few MB at a time, each row checked and added as it comes, so a large export never exists as
 * one string or one array of rows. (csv-parse's incremental parser is reached through
 * `Parser.api`: its stream wrapper is asynchronous, and loaders are synchronous.)
 */
export function parseCsvBytes(bytes: Uint8Array, path: string): ParsedFile {
  const parser = (new CsvParser({ relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as { api: unknown }).api as {
    parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
  };
  const collector = new RecordCollector(path);
  let header: string[] | undefined;
  let problem: string | undefined;
  let row = 0;
  const push = (cells: string[]) => {
    if (problem) return;
    if (!header) {
      if (!(cells.includes('title') || cells.includes('article_title'))) problem = 'CSV header must name the article columns (id,title,…,url)';
      header = cells;
      return;
    }
    row++;
    const record: Record<string, string | null> = {};
    header.forEach((name, column) => {
      const cell = cells[column];
      record[name] = cell === undefined || cell === '' ? null : unguardCell(cell);
    });
    collector.add(record, row + 1);
  };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const CHUNK = 8 << 20;
  for (let start = 0; start <= buffer.length && !problem; start += CHUNK) {
    const end = start + CHUNK >= buffer.length;
    const error = parser.parse(buffer.subarray(start, Math.min(buffer.length, start + CHUNK)), end, push, () => {});
    if (error) return wholeFileReject(path, 0, `unreadable CSV: ${error.message}`);
    if (end) break;
  }
  if (problem) return wholeFileReject(path, 1, problem);
  if (!header) return wholeFileReject(path, 1, 'CSV header must name the article columns (id,title,…,url)');
  return collector.done();
}
