/**
 * The incremental parse cache: what each source file parsed to, keyed by its path, size and
 * modification time, kept as Arrow IPC in a cache folder. A rerun parses only new or changed files
 * and drops deleted ones. One cache per set of inputs (a subfolder named by their hash), so two
 * archives used from the same folder do not evict each other.
 *
 * Layout of a cache: `files.arrow` (one row per source file), `records.arrow` (one row per parsed
 * record), `meta.json` (format, version, checksums of both). meta.json is written last; a cache
 * whose checksums or format do not match is never trusted: it is reported and rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { list, tableFromIPC, utf8 } from '@uwdata/flechette';
import { table, toArrowIPC } from 'arquero';
import type { ArticleRecord, LoadWarning, Reject } from '../article.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { recordsOfBatch } from './batch.ts';
import type { ParsedFile } from './formats.ts';

/** Bump when parsing changes what a file yields: older caches are then rebuilt. */
export const CACHE_VERSION = 1;
const FORMAT = 'content-pulse-parse-cache';

const RECORD_COLUMNS = [
  'id', 'title', 'author', 'authorId', 'category', 'categoryName', 'published', 'views', 'comments', 'collects',
  'tags', 'url', 'brief', 'readingMinutes', 'bodyChars', 'images', 'source',
] as const satisfies readonly (keyof ArticleRecord)[];

/** A source file's identity as the cache sees it. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface CachedFile extends FileStamp {
  parsed: ParsedFile;
}

/** The folder of the cache for these inputs. */
export function cacheFolder(cacheRoot: string, inputs: readonly string[]): string {
  const key = createHash('sha256').update(JSON.stringify([...inputs].map((p) => resolve(p)).sort())).digest('hex').slice(0, 16);
  return join(cacheRoot, `inputs-${key}`);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface CacheMeta {
  format?: string;
  version?: number;
  files?: string;
  records?: string;
}

/** A cache's file index, read without its records (they are loaded only when needed). */
export interface CacheIndex {
  entries: Map<string, CachedFile>;
  /** Checksum of records.arrow, which also names the table caches built from it. */
  recordsChecksum?: string;
  /** Why the cache cannot be trusted (it is then ignored and rebuilt). */
  problem?: string;
}

/**
 * Reads a cache's index (files.arrow, checked against meta.json). A missing cache is no problem:
 * `{ entries: new Map() }`.
 */
export function readCacheIndex(folder: string): CacheIndex {
  const metaPath = join(folder, 'meta.json');
  if (!existsSync(metaPath)) return { entries: new Map() };
  try {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta;
    if (meta.format !== FORMAT) return { entries: new Map(), problem: 'not a content-pulse cache' };
    if (meta.version !== CACHE_VERSION) return { entries: new Map(), problem: `made by cache version ${meta.version}, this is ${CACHE_VERSION}` };
    const filesBytes = readFileSync(join(folder, 'files.arrow'));
    if (sha256(filesBytes) !== meta.files) return { entries: new Map(), problem: 'checksum mismatch (corrupt or half-written)' };
    return { entries: decodeFiles(filesBytes), recordsChecksum: meta.records! };
  } catch (error) {
    return { entries: new Map(), problem: `unreadable (${(error as Error).message})` };
  }
}

/**
 * Loads the cached records into the index's entries.
 * @returns a problem when records.arrow does not match its checksum (the caller then reparses)
 */
export function loadCachedRecords(folder: string, index: CacheIndex): string | undefined {
  try {
    const recordsBytes = readFileSync(join(folder, 'records.arrow'));
    if (sha256(recordsBytes) !== index.recordsChecksum) return 'checksum mismatch (corrupt or half-written)';
    decodeRecords(recordsBytes, index.entries);
    return undefined;
  } catch (error) {
    return `unreadable (${(error as Error).message})`;
  }
}

function columnArrays(bytes: Uint8Array): Record<string, ArrayLike<unknown>> {
  const arrow = tableFromIPC(bytes, { useDate: false });
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const field of arrow.schema.fields) out[field.name] = arrow.getChild(field.name).toArray() as ArrayLike<unknown>;
  return out;
}

// Most files have no rejects or warnings: skip parsing the empty list.
function parseList<T>(text: unknown): T[] {
  return text === '[]' ? [] : (JSON.parse(text as string) as T[]);
}

function decodeFiles(filesBytes: Uint8Array): Map<string, CachedFile> {
  const files = columnArrays(filesBytes);
  const entries = new Map<string, CachedFile>();
  const paths = files.path as ArrayLike<string>;
  for (let i = 0; i < paths.length; i++) {
    entries.set(paths[i]!, {
      path: paths[i]!,
      size: Number(files.size![i]),
      mtimeMs: Number(files.mtimeMs![i]),
      parsed: {
        records: [],
        rejects: parseList<Reject>(files.rejects![i]),
        warnings: parseList<LoadWarning>(files.warnings![i]),
        itemsSeen: Number(files.itemsSeen![i]),
      },
    });
  }
  return entries;
}

function decodeRecords(recordsBytes: Uint8Array, entries: Map<string, CachedFile>): void {
  const records = columnArrays(recordsBytes);
  const owners = records.file as ArrayLike<string>;
  const r = records as Record<(typeof RECORD_COLUMNS)[number], ArrayLike<never>>;
  for (let i = 0; i < owners.length; i++) {
    // Every field spelled out: one object shape for all records.
    const record: ArticleRecord = {
      id: r.id[i]!, title: r.title[i]!, author: r.author[i] ?? null, authorId: r.authorId[i] ?? null,
      category: r.category[i]!, categoryName: r.categoryName[i] ?? null, published: r.published[i]!,
      views: r.views[i]!, comments: r.comments[i]!, collects: r.collects[i]!, tags: Array.from((r.tags[i] ?? []) as ArrayLike<string>),
      url: r.url[i]!, brief: r.brief[i] ?? null, readingMinutes: r.readingMinutes[i] ?? null, bodyChars: r.bodyChars[i] ?? null,
      images: r.images[i] ?? null, source: r.source[i]!,
    };
    entries.get(owners[i]!)?.parsed.records.push(record);
  }
}

/** Writes a cache holding exactly these files (data files first, meta.json last); returns the records' checksum. */
export function writeCache(folder: string, files: readonly CachedFile[]): string {
  const fileColumns = {
    path: files.map((f) => f.path),
    size: files.map((f) => f.size),
    mtimeMs: files.map((f) => f.mtimeMs),
    itemsSeen: files.map((f) => f.parsed.itemsSeen),
    rejects: files.map((f) => JSON.stringify(f.parsed.rejects)),
    warnings: files.map((f) => JSON.stringify(f.parsed.warnings)),
  };
  const recordColumns: Record<string, unknown[]> = { file: [] };
  for (const name of RECORD_COLUMNS) recordColumns[name] = [];
  for (const file of files) {
    for (const record of file.parsed.batches ? file.parsed.batches.flatMap(recordsOfBatch) : file.parsed.records) {
      recordColumns.file!.push(file.path);
      for (const name of RECORD_COLUMNS) recordColumns[name]!.push(record[name]);
    }
  }
  const filesBytes = toArrowIPC(table(fileColumns));
  const recordsBytes = toArrowIPC(table(recordColumns), { types: { tags: list(utf8()) } });
  writeFileAtomic(join(folder, 'files.arrow'), filesBytes);
  writeFileAtomic(join(folder, 'records.arrow'), recordsBytes);
  const recordsChecksum = sha256(recordsBytes);
  writeFileAtomic(join(folder, 'meta.json'), `${JSON.stringify({ format: FORMAT, version: CACHE_VERSION, files: sha256(filesBytes), records: recordsChecksum, sources: files.length })}\n`);
  return recordsChecksum;
}

/** What a table cache must match to be used, and what it restores besides the table. */
export interface TableCacheMeta {
  /** Checksum of the records the table was built from. */
  records: string;
  /** The `asOf` option the table was built with (`auto` for the default). */
  asOfOption: string;
  asOf: string | null;
  duplicates: number;
  duplicateIds: number;
  duplicatesWithDifferentStats: number;
}

function tableFileStem(asOfOption: string): string {
  return `table-${createHash('sha256').update(asOfOption).digest('hex').slice(0, 12)}`;
}

/**
 * The derived article table cached for these records and as-of option, or null. Lets an unchanged
 * rerun skip records, dedupe and derive entirely.
 */
export function readTableCache(folder: string, recordsChecksum: string, asOfOption: string): { bytes: Uint8Array; meta: TableCacheMeta } | null {
  const stem = tableFileStem(asOfOption);
  try {
    const meta = JSON.parse(readFileSync(join(folder, `${stem}.json`), 'utf8')) as TableCacheMeta & { format?: string; version?: number; table?: string };
    if (meta.format !== FORMAT || meta.version !== CACHE_VERSION || meta.records !== recordsChecksum || meta.asOfOption !== asOfOption) return null;
    const bytes = readFileSync(join(folder, `${stem}.arrow`));
    return sha256(bytes) === meta.table ? { bytes, meta } : null;
  } catch {
    return null;
  }
}

/** Writes the derived table for later unchanged reruns (table first, its meta last). */
export function writeTableCache(folder: string, bytes: Uint8Array, meta: TableCacheMeta): void {
  const stem = tableFileStem(meta.asOfOption);
  writeFileAtomic(join(folder, `${stem}.arrow`), bytes);
  writeFileAtomic(join(folder, `${stem}.json`), `${JSON.stringify({ format: FORMAT, version: CACHE_VERSION, table: sha256(bytes), ...meta })}\n`);
}
