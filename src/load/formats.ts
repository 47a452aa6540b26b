/**
 * Structured inputs: JSON arrays, NDJSON / JSON Lines, and CSV. Each parser is pure
 * (text in, records and rejects out) and reads both record shapes handled by records.ts.
 */
import { parse as parseCsvText } from 'csv-parse/sync';
import type { ArticleRecord, LoadWarning, Reject } from '../article.ts';
import type { ArticleBatch } from './batch.ts';
import { fromRecord } from './records.ts';
import { unguardCell } from './spreadsheet.ts';

export interface ParsedFile {
  records: ArticleRecord[];
  /** Records as columns instead (NDJSON), in order; `records` is then empty. */
  batches?: ArticleBatch[];
  rejects: Reject[];
  warnings: LoadWarning[];
  /** Records the file held (rows, lines, array items); a file rejected whole counts 1. */
  itemsSeen: number;
}

function collect(items: Iterable<[unknown, number]>, path: string): ParsedFile {
  const out: ParsedFile = { records: [], rejects: [], warnings: [], itemsSeen: 0 };
  for (const [item, line] of items) {
    out.itemsSeen++;
    const result = fromRecord(item, path, line);
    if (result.ok) {
      out.records.push(result.record);
      out.warnings.push(...result.warnings);
    } else {
      out.rejects.push({ path, line, reason: result.reason });
    }
  }
  return out;
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
  return collect(list.map((item, index) => [item, index + 1] as [unknown, number]), path);
}

/** Adds the records of NDJSON lines to `out`; `firstLine` is the 1-based number of lines[0]. */
function addNdjsonLines(lines: readonly string[], firstLine: number, path: string, out: ParsedFile): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const lineNo = firstLine + i;
    out.itemsSeen++;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      out.rejects.push({ path, line: lineNo, reason: 'invalid JSON on this line' });
      continue;
    }
    const result = fromRecord(item, path, lineNo);
    if (result.ok) {
      out.records.push(result.record);
      for (const warning of result.warnings) out.warnings.push(warning);
    } else {
      out.rejects.push({ path, line: lineNo, reason: result.reason });
    }
  }
}

/** NDJSON / JSON Lines: one record per line; blank lines are ignored, a bad line is rejected alone. */
export function parseNdjsonArticles(text: string, path: string): ParsedFile {
  const out: ParsedFile = { records: [], rejects: [], warnings: [], itemsSeen: 0 };
  addNdjsonLines(text.split('\n'), 1, path, out);
  return out;
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

/** CSV with a header row: our own export (tags joined by `|`) or the MongoDB field names. */
export function parseCsvArticles(text: string, path: string): ParsedFile {
  let rows: string[][];
  try {
    rows = parseCsvText(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    return wholeFileReject(path, 0, `unreadable CSV: ${(error as Error).message}`);
  }
  const header = rows[0];
  if (!header || !(header.includes('title') || header.includes('article_title'))) {
    return wholeFileReject(path, 1, 'CSV header must name the article columns (id,title,…,url)');
  }
  const items: [unknown, number][] = rows.slice(1).map((row, index) => {
    const record: Record<string, string | null> = {};
    header.forEach((name, column) => {
      const cell = row[column];
      record[name] = cell === undefined || cell === '' ? null : unguardCell(cell);
    });
    return [record, index + 2];
  });
  return collect(items, path);
}
