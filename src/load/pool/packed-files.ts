/**
 * Parse results of a batch of files, packed for the trip from a worker thread: a few typed arrays
 * and the batch their rows share, instead of an object per file. Serialising 200 result objects
 * took a worker ~1.2 ms a message (0.3 s of a 100,000-file load); the arrays transfer for free.
 * Files with something unusual (rejects, warnings, batches of their own) travel as they are.
 */
import { type ArticleBatch, batchBuffers } from '../table/batch.ts';
import { stringsOf, Utf8Builder, type Utf8Strings } from '../table/batch-text.ts';
import { NO_PARTS, NO_REJECTS, NO_WARNINGS, type ParsedFile } from '../formats/parsed-file.ts';

export interface PackedFiles {
  count: number;
  /** The batch whose rows most files have (the one parseFilesToBatch builds), if any file has rows. */
  shared?: ArticleBatch;
  /** Per file: first row in `shared`, rows there, records seen. */
  first: Int32Array;
  rows: Int32Array;
  itemsSeen: Int32Array;
  /** Files that carry more than that, by position. */
  others: { at: number; file: ParsedFile }[];
  /**
   * The shared batch's sources (a path per file) as one UTF-8 pool, its `dict.source` emptied:
   * cloned as strings, 100,000 of them were a quarter of the receiving thread's garbage
   * collection in a cold load. unpackFiles makes them strings again when first read.
   */
  sources?: Utf8Strings;
}

/** A result that the arrays describe completely: no rejects or warnings, and at most one range of `shared`. */
function plain(file: ParsedFile, shared: ArticleBatch | undefined): boolean {
  const { parts } = file;
  return file.rejects.length === 0 && file.warnings.length === 0 && (parts.length === 0 || (parts.length === 1 && parts[0]!.batch === shared));
}

/** The batch that the most results have a range of (the batch their files were parsed into). */
function sharedBatch(parsed: readonly ParsedFile[]): ArticleBatch | undefined {
  const files = new Map<ArticleBatch, number>();
  let best: ArticleBatch | undefined;
  for (const file of parsed) {
    if (file.parts.length !== 1) continue;
    const { batch } = file.parts[0]!;
    const count = (files.get(batch) ?? 0) + 1;
    files.set(batch, count);
    if (!best || count > files.get(best)!) best = batch;
  }
  return best;
}

/**
 * Packs results (as parseFilesToBatch makes them: most rows in one shared batch). The shared
 * batch's sources move to `sources`: pack only what is sent away.
 */
export function packFiles(parsed: readonly ParsedFile[]): PackedFiles {
  const count = parsed.length;
  const shared = sharedBatch(parsed);
  const packed: PackedFiles = { count, ...(shared ? { shared } : {}), first: new Int32Array(count), rows: new Int32Array(count), itemsSeen: new Int32Array(count), others: [] };
  parsed.forEach((file, at) => {
    if (!plain(file, shared)) {
      packed.others.push({ at, file });
      return;
    }
    const part = file.parts[0];
    packed.first[at] = part?.first ?? 0;
    packed.rows[at] = part?.count ?? 0;
    packed.itemsSeen[at] = file.itemsSeen;
  });
  if (packed.shared) {
    const sources = new Utf8Builder(Math.max(1024, packed.shared.dict.source.length * 96));
    for (const source of packed.shared.dict.source) sources.push(source);
    packed.sources = sources.done();
    packed.shared.dict.source = [];
  }
  return packed;
}

/** The buffers to transfer with a packed message (every batch's, and the arrays'). */
export function packedBuffers(packed: PackedFiles): ArrayBuffer[] {
  const batches = new Set<ArticleBatch>(packed.shared ? [packed.shared] : []);
  for (const { file } of packed.others) for (const part of file.parts) batches.add(part.batch);
  const sources = packed.sources ? [packed.sources.bytes, packed.sources.offsets] : [];
  const arrays = [packed.first, packed.rows, packed.itemsSeen, ...sources].map((array) => array.buffer as ArrayBuffer);
  return [...new Set([...arrays, ...[...batches].flatMap(batchBuffers)])];
}

/** The shared batch's sources again, as strings made when first read (once per message). */
function restoreSources(packed: PackedFiles): void {
  const { shared, sources } = packed;
  if (!shared || !sources || Object.getOwnPropertyDescriptor(shared.dict, 'source')?.get) return;
  let strings: string[] | undefined;
  Object.defineProperty(shared.dict, 'source', { enumerable: true, get: () => (strings ??= stringsOf(sources)) });
}

/**
 * The shared batch, when the files' rows are all of it, in order (every file's rows follow the
 * last one's; no file brings a batch of its own): the usual markdown batch, which a
 * load can then take whole, without an object per file. Undefined otherwise (unpack it). Either
 * way the batch's sources become strings when first read, as unpackFiles makes them.
 */
export function wholeSharedBatch(packed: PackedFiles): ArticleBatch | undefined {
  restoreSources(packed);
  const { shared } = packed;
  if (!shared || packed.others.some(({ file }) => file.parts.length > 1 || file.parts.some((part) => part.batch !== shared))) return undefined;
  let next = 0;
  let other = 0;
  for (let at = 0; at < packed.count; at++) {
    const extra = packed.others[other]?.at === at ? packed.others[other++]!.file : undefined;
    const first = extra ? extra.parts[0]?.first ?? next : packed.first[at]!;
    const rows = extra ? extra.parts[0]?.count ?? 0 : packed.rows[at]!;
    if (rows > 0 && first !== next) return undefined;
    next += rows;
  }
  return next === shared.n ? shared : undefined;
}

/** Visits each file's records seen, rejects and warnings, in order, without an object per file. */
export function eachPackedAccount(packed: PackedFiles, visit: (itemsSeen: number, rejects: ParsedFile['rejects'], warnings: ParsedFile['warnings']) => void): void {
  let other = 0;
  for (let at = 0; at < packed.count; at++) {
    const extra = packed.others[other]?.at === at ? packed.others[other++]!.file : undefined;
    if (extra) visit(extra.itemsSeen, extra.rejects, extra.warnings);
    else visit(packed.itemsSeen[at]!, NO_REJECTS, NO_WARNINGS);
  }
}

/** The results again, one per file in order. */
export function unpackFiles(packed: PackedFiles): ParsedFile[] {
  restoreSources(packed);
  const out = new Array<ParsedFile>(packed.count);
  for (const { at, file } of packed.others) out[at] = file;
  for (let at = 0; at < packed.count; at++) {
    if (out[at]) continue;
    const count = packed.rows[at]!;
    out[at] = {
      parts: count > 0 ? [{ batch: packed.shared!, first: packed.first[at]!, count }] : NO_PARTS,
      rejects: NO_REJECTS, warnings: NO_WARNINGS, itemsSeen: packed.itemsSeen[at]!,
    };
  }
  return out;
}
