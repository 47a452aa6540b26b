/**
 * Files → ParsedFile results (rows as ranges of batches, rejects, warnings), the dispatch by kind:
 * parseFilesToBatch reads a list of files and parses each with the parser of its format, the
 * markdown articles into one batch they share. parseFileBytes is pure, so it runs the same in the
 * main thread, in a worker, or in a test: decoding checks (binary, not UTF-8) live here too. An
 * NDJSON file is scanned from disk a few MB at a time instead (parseNdjsonFile, ndjson-file.ts).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { type DataType, type Table, tableFromIPC, Type } from '@uwdata/flechette';
import { BatchBuilder, textOf } from '../table/batch.ts';
import { type FileKind, skipReason } from '../walk/file-kind.ts';
import type { FileList } from '../walk/file-list.ts';
import { dateCellText } from './fields.ts';
import { parseCsvBytes, parseJsonArticles } from './json-csv.ts';
import { NO_PARTS, ONE_RECORD, type ParsedFile, rejectedFile, wholeBatch } from './parsed-file.ts';
import { RecordCollector } from './record-collector.ts';
import { appendMarkdownBytes } from './markdown.ts';
import { takeEveryBranch } from './body.ts';
import { nativeFs } from '../native.ts';
import { scanNdjsonFile } from './ndjson-file.ts';
import { textProblem } from './text-check.ts';
import { reasons } from '../../errors.ts';

const utf8 = new TextDecoder('utf-8');

/**
 * Parses one file's bytes according to its kind (NDJSON is scanned from its file instead, a few
 * MB at a time: parseNdjsonFile). A markdown article becomes a row of `shared`, the batch of the
 * files parsed together (the caller gives the result its part once the batch is built); a
 * structured file gives a batch of its own.
 * @param path the file's path (messages and the `source` column)
 */
export function parseFileBytes(path: string, kind: Exclude<FileKind, 'ndjson'>, bytes: Uint8Array, shared: BatchBuilder): ParsedFile {
  if (kind === 'arrow') return parseArrowBytes(path, bytes);
  const problem = textProblem(bytes);
  if (problem !== null) return rejectedFile(path, problem);
  if (kind === 'markdown') {
    const read = appendMarkdownBytes(bytes, path, shared);
    if (!read.ok) return { parts: NO_PARTS, rejects: [read.reject], warnings: [], itemsSeen: 1 };
    return read.warnings.length === 0 ? ONE_RECORD : { parts: NO_PARTS, rejects: [], warnings: read.warnings, itemsSeen: 1 };
  }
  if (kind === 'csv') return parseCsvBytes(bytes, path);
  const decoded = utf8.decode(bytes);
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  switch (kind) {
    case 'json':
      return parseJsonArticles(text, path);
    default:
      return rejectedFile(path, reasons.unsupportedType);
  }
}

function parseArrowBytes(path: string, bytes: Uint8Array): ParsedFile {
  let arrow: Table;
  try {
    // What arquero's fromArrow does (flechette, dates as Date), without loading arquero in every
    // worker that parses files: it cost each ~45 ms to start.
    arrow = tableFromIPC(bytes, { useDate: true });
  } catch (error) {
    return rejectedFile(path, reasons.unreadableArrow(error));
  }
  // Row by row into the batch: no million row objects at once.
  const names = arrow.schema.fields.map((field) => field.name);
  const columns = names.map((name) => arrow.getChild(name));
  const instants = arrow.schema.fields.map((field) => holdsInstants(field.type));
  const collector = new RecordCollector(path);
  for (let row = 0; row < arrow.numRows; row++) {
    const item: Record<string, unknown> = {};
    names.forEach((name, c) => {
      const value = columns[c]!.at(row);
      item[name] = value instanceof Date ? dateCellText(value, instants[c]!) : value;
    });
    collector.add(normalizeArrowRow(item), row + 1);
  }
  return collector.done();
}

/**
 * True for an Arrow timestamp with a time zone: its values are instants. Dates and timestamps
 * without a zone are days as written (see dayOfDate).
 */
function holdsInstants(type: DataType): boolean {
  return type.typeId === Type.Timestamp && Boolean(type.timezone);
}

// Arrow list cells come back as typed or array-like values; records.ts expects plain arrays.
function normalizeArrowRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = value !== null && typeof value === 'object' && Symbol.iterator in value && typeof value !== 'string'
      ? Array.from(value as Iterable<unknown>)
      : typeof value === 'bigint' ? Number(value) : value;
  }
  return out;
}

/** The reusable buffer of readIntoScratch (grown to the largest file read). */
let scratch = Buffer.allocUnsafe(1 << 16);

/**
 * A file's bytes in a buffer reused by the next call: for parsers that keep nothing of the bytes
 * (the markdown parser decodes what it keeps). Spares a fresh allocation per file, which here
 * costs more than the read (page faults), and an fstat: a read that returns less than it asked
 * for has reached the end of a regular file (what the walk lists), so the size need not be asked
 * first — that fstat took a third of a worker's reading time on 100,000 files.
 */
function readIntoScratch(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    for (;;) {
      const read = readSync(fd, scratch, length, scratch.length - length, length);
      length += read;
      if (read === 0 || length < scratch.length) break;
      const larger = Buffer.allocUnsafe(scratch.length * 2);
      scratch.copy(larger, 0, 0, length);
      scratch = larger;
    }
    return scratch.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses one listed file (as parseFileBytes); never throws (a read failure is a reject). */
function readAndParse(path: string, kind: FileKind, shared: BatchBuilder): ParsedFile {
  let bytes: Uint8Array;
  if (kind === 'ndjson') return parseNdjsonFile(path);
  try {
    // Synchronous reads: for thousands of small files they are several times faster than
    // fs.promises.readFile, whose open/stat/read/close each make a round trip through the pool.
    bytes = kind === 'markdown' ? readIntoScratch(path) : readFileSync(path);
  } catch (error) {
    return rejectedFile(path, reasons.cannotRead(error));
  }
  return parseFileBytes(path, kind, bytes, shared);
}

/**
 * The buffer the native helper reads batches into, reused by every batch: grown only when a
 * single file does not fit. A larger buffer holds more files a call, but its fresh pages cost a
 * page fault every 4 KiB: reading the 3,000 files (46 MB) of a real archive took 160 ms through a
 * buffer grown to 16 MiB and 26 ms through this one (2-core VM).
 */
let nativeScratch = Buffer.allocUnsafe(1 << 20);

/** Bytes per article of title, URL and brief to reserve: the last batch's, with a margin. */
const textPerFile = [96, 96, 160];

/**
 * Visits each file, in order. With the native helper, markdown is read a batch at a time into a
 * reused buffer (one call for many files): `visit` gets the bytes, valid until it returns. Other
 * kinds, and a file the helper could not read, get undefined: they are read their own way (a
 * failed read again through Node, whose error the reject names).
 */
function eachFileBytes(files: FileList, visit: (k: number, bytes: Uint8Array | undefined) => void): void {
  const native = nativeFs();
  const markdown = files.positions((kind) => kind === 'markdown');
  if (!native || markdown.length === 0) {
    for (let k = 0; k < files.length; k++) visit(k, undefined);
    return;
  }
  const paths = new Array<string>(files.length).fill(''); // '' reads nothing
  for (const k of markdown) paths[k] = files.path(k);
  const starts = new Int32Array(files.length);
  const lengths = new Int32Array(files.length);
  for (let from = 0; from < files.length;) {
    const next = native.readFiles(paths, from, nativeScratch, starts, lengths);
    for (let k = from; k < next; k++) visit(k, paths[k] !== '' && lengths[k]! >= 0 ? nativeScratch.subarray(starts[k], starts[k]! + lengths[k]!) : undefined);
    // Stopped before the first file: it does not fit alone. Grow, and go on from it.
    if (next === from) nativeScratch = Buffer.allocUnsafe(nativeScratch.length * 2);
    from = next;
  }
}

/**
 * Reads and parses files, their markdown articles gathered as rows of one batch (each result's part):
 * a worker then posts a few arrays instead of an object per article.
 */
export function parseFilesToBatch(files: FileList): ParsedFile[] {
  takeEveryBranch();
  // Text capacity from the sizes seen so far (it grows if needed): a batch's arrays go to another
  // thread, so each is fresh memory, and unused capacity cost page faults too.
  const sized = (column: number) => Math.max(1024, Math.ceil(files.length * textPerFile[column]!));
  const builder = new BatchBuilder([sized(0), sized(1), sized(2)], Math.max(16, files.length));
  const results: ParsedFile[] = [];
  // Per result, its first row in the shared batch and how many (0: none there).
  const firsts = new Int32Array(files.length);
  const counts = new Int32Array(files.length);
  eachFileBytes(files, (k, bytes) => {
    firsts[k] = builder.n;
    // The helper reads markdown only (bytes); everything else is read its own way.
    const path = files.path(k);
    const kind = files.kind(k);
    results.push(bytes && kind !== 'ndjson' ? parseFileBytes(path, kind, bytes, builder) : readAndParse(path, kind, builder));
    counts[k] = builder.n - firsts[k]!;
  });
  const batch = builder.done();
  const parsed = results.map((result, k): ParsedFile => (counts[k]! === 0 ? result : {
    parts: [{ batch, first: firsts[k]!, count: counts[k]! }], rejects: result.rejects, warnings: result.warnings, itemsSeen: result.itemsSeen,
  }));
  if (batch.n > 0) [batch.title, batch.url, batch.brief].forEach((text, column) => (textPerFile[column] = (textOf(text).bytes.length / batch.n) * 1.25 + 8));
  return parsed;
}

/** What a batch of listed files parsed to: those of article files, and the others, skipped. */
export interface ListParsed {
  parsed: ParsedFile[];
  skipped: { path: string; reason: string }[];
}

/**
 * A batch of listed files parsed: article files as parseFilesToBatch parses them, the others
 * (index pages, other names, odd entries) skipped with the reason.
 */
export function parseListed(files: FileList): ListParsed {
  const skipped: ListParsed['skipped'] = [];
  const articles = files.positions((kind, k) => {
    const reason = skipReason(kind);
    if (reason) skipped.push({ path: files.path(k), reason });
    return reason === undefined;
  });
  return { parsed: parseFilesToBatch(files.select(articles)), skipped };
}

/** An NDJSON file scanned into a batch, a few MB at a time (see ndjson-file.ts). */
export function parseNdjsonFile(path: string): ParsedFile {
  let scanned;
  try {
    scanned = scanNdjsonFile(path);
  } catch (error) {
    return rejectedFile(path, reasons.cannotRead(error));
  }
  if (scanned.problem) return rejectedFile(path, scanned.problem);
  return { parts: wholeBatch(scanned.batch), rejects: scanned.rejects, warnings: scanned.warnings, itemsSeen: scanned.itemsSeen };
}
