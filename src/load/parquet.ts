/**
 * Parquet input: each row is read as a record of our own export shape (or the MongoDB shape)
 * and checked like any other record. Asynchronous, so it runs on the main thread.
 */
import { parquetReadObjects } from 'hyparquet';
import type { ParsedFile } from './formats.ts';
import { fromRecord } from './records.ts';

// Parquet INT64 comes back as bigint, lists as arrays; records.ts wants numbers and arrays.
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}

/** Parses a Parquet file's bytes into records and rejects (a file that is not Parquet is one reject). */
export async function parseParquetBytes(path: string, bytes: Uint8Array): Promise<ParsedFile> {
  let rows: Record<string, unknown>[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  } catch (error) {
    return { records: [], rejects: [{ path, line: 0, reason: `unreadable Parquet file: ${(error as Error).message}` }], warnings: [], itemsSeen: 1 };
  }
  const out: ParsedFile = { records: [], rejects: [], warnings: [], itemsSeen: 0 };
  rows.forEach((row, index) => {
    out.itemsSeen++;
    const result = fromRecord(plain(row), path, index + 1);
    if (result.ok) {
      out.records.push(result.record);
      out.warnings.push(...result.warnings);
    } else out.rejects.push({ path, line: index + 1, reason: result.reason });
  });
  return out;
}
