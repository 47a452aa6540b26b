/**
 * Parquet input: each row is read as a record of our own export shape (or the MongoDB shape)
 * and checked like any other record. Asynchronous, so it runs on the main thread.
 */
import { type FileMetaData, parquetMetadata, parquetReadObjects } from 'hyparquet';
import { dateCellText } from './fields.ts';
import { type ParsedFile, rejectedFile } from './parsed-file.ts';
import { RecordCollector } from './record-collector.ts';
import { reasons } from '../../errors.ts';

/**
 * Top-level columns holding instants: timestamps adjusted to UTC (the legacy TIMESTAMP_* types
 * without a logical type are, by the format's rules, and so is Spark's INT96). Their dates are
 * days in China; dates and timestamps without a zone are days as written (see dayOfDate).
 */
function instantColumns(metadata: FileMetaData): Set<string> {
  const instants = new Set<string>();
  for (const element of metadata.schema.slice(1)) {
    if (element.num_children) continue;
    const logical = element.logical_type;
    const adjusted = logical?.type === 'TIMESTAMP'
      ? logical.isAdjustedToUTC
      : element.converted_type === 'TIMESTAMP_MILLIS' || element.converted_type === 'TIMESTAMP_MICROS' || element.type === 'INT96';
    if (adjusted) instants.add(element.name);
  }
  return instants;
}

// Parquet INT64 comes back as bigint, dates as Date, lists as arrays; records.ts wants numbers,
// day texts and arrays.
function plain(row: Record<string, unknown>, instants: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = typeof value === 'bigint' ? Number(value) : value instanceof Date ? dateCellText(value, instants.has(key)) : value;
  }
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
    const instants = instantColumns(metadata);
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      const chunk = (await parquetReadObjects({ file, metadata, rowStart, rowEnd })) as Record<string, unknown>[];
      const first = rowStart;
      chunk.forEach((row, index) => collector.add(plain(row, instants), first + index + 1));
      rowStart = rowEnd;
    }
  } catch (error) {
    return rejectedFile(path, reasons.unreadableParquet(error));
  }
  return collector.done();
}
