/**
 * Structured inputs: JSON arrays, NDJSON / JSON Lines, and CSV. Each parser is pure (text or
 * bytes in; records as a batch, rejects and warnings out) and reads both record shapes handled by
 * records.ts. (Large NDJSON files take the byte scanner in ndjson-scan.ts, which falls back to
 * these same record checks.)
 */
import { Parser as CsvParser } from 'csv-parse';
import { RecordCollector } from './record-collector.ts';
import { unguardCell } from './spreadsheet.ts';
import { reasons } from '../../errors.ts';
import { type ParsedFile, rejectedFile } from './parsed-file.ts';

/** A JSON file holding an array of records (or `{ "articles": [...] }`). */
export function parseJsonArticles(text: string, path: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return rejectedFile(path, reasons.invalidJson(error));
  }
  const list = Array.isArray(data) ? data : (data as { articles?: unknown } | null)?.articles;
  if (!Array.isArray(list)) return rejectedFile(path, reasons.notJsonArray);
  // Array items have no line of their own; report their 1-based position instead.
  const collector = new RecordCollector(path);
  list.forEach((item, index) => collector.add(item, index + 1));
  return collector.done();
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
      if (!(cells.includes('title') || cells.includes('article_title'))) problem = reasons.csvHeader;
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
    if (error) return rejectedFile(path, reasons.unreadableCsv(error));
    if (end) break;
  }
  if (problem) return rejectedFile(path, problem, 1);
  if (!header) return rejectedFile(path, reasons.csvHeader, 1);
  return collector.done();
}
