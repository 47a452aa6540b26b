/**
 * Parquet input: each row is read as a record of our own export shape (or the MongoDB shape)
 * and checked like any other record. Asynchronous, so it runs on the main thread.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { ParsedFile } from './formats.ts';
import { RecordCollector } from './record-collector.ts';

// Parquet INT64 comes back as bigint, lists as arrays; records.ts wants numbers and arrays.
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'bigint' ? Number(value) : value;
  return out;
}

/** Parses a Parquet file's bytes into records and rejects (a file that is not Parquet is one reject). */
export async function parseParquetBytes(path: string, bytes: Uint8Array): Promise<ParsedFile> {
  const collector = new RecordCollector(path);
  try {
    // The bytes' own buffer when they fill it (a large file read whole does): a copy was 90 MB for a million rows.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const file = (whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
    // One row group at a time: memory stays near the batch, not the whole file as objects.
    const metadata = parquetMetadata(file);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const chunk = (await parquetReadObjects({ file, metadata, rowStart, rowEnd })) as Record<string, unknown>[];
      const first = rowStart;
      chunk.forEach((row, index) => collector.add(plain(row), first + index + 1));
      rowStart = rowEnd;
    }
  } catch (error) {
    return { records: [], rejects: [{ path, line: 0, reason: `unreadable Parquet file: ${(error as Error).message}` }], warnings: [], itemsSeen: 1 };
  }
  return collector.done();
}
