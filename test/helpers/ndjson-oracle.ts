/**
 * The reference reading of an NDJSON file for the tests: every line through JSON.parse and the
 * record rules (records.ts), as the scanner's general path reads an unusual line. The scanner
 * (src/load/formats/ndjson-scan.ts) must give the same records, rejects and warnings.
 */
import type { ArticleRecord, LoadWarning, Reject } from '../../src/article.ts';
import { RecordCollector } from '../../src/load/formats/record-collector.ts';

/** The oracle's reading: the records as objects, with the same accounting as a ParsedFile. */
export interface OracleReading {
  records: ArticleRecord[];
  rejects: Reject[];
  warnings: LoadWarning[];
  itemsSeen: number;
}

/** Adds the records of NDJSON lines to `out`; `firstLine` is the 1-based number of lines[0]. */
function addNdjsonLines(lines: readonly string[], firstLine: number, path: string, out: OracleReading): void {
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
export function parseNdjsonBytes(bytes: Uint8Array, path: string): OracleReading {
  const out: OracleReading = { records: [], rejects: [], warnings: [], itemsSeen: 0 };
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

