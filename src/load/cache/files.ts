/**
 * The cache folder's files: names, the format's version, meta.json, checksums, reading and
 * writing one Arrow file and its columns (see cache.ts for the layout).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { batchType, Column, columnFromArray, type Table, tableFromColumns, tableToIPC, utf8 } from '@uwdata/flechette';
import { writeFileAtomicStream } from '../../io/write-atomic.ts';
import { type Utf8Strings, utf8Pool } from '../table/batch-text.ts';
import { Checksum } from './checksum.ts';
import { nativeFs } from '../native.ts';

/** Bump when parsing changes what a file yields: older caches are then rebuilt. */
export const CACHE_VERSION = 8;

export const FORMAT = 'content-pulse-parse-cache';

/** Rows of a segment that a file parsed to. */
export interface SegmentRange {
  segment: number;
  first: number;
  count: number;
}

/** A segment on disk: its file-name stem, rows and the checksum of each of its files. */
export interface SegmentMeta {
  name: string;
  rows: number;
  checksums: Record<SegmentPart, string>;
}

export const SEGMENT_PARTS = ['numbers', 'tags', 'dict', 'sources', 'title', 'url', 'brief'] as const;

/** Parts read when first used (and checked on another thread meanwhile, see readSegments). */
export const LAZY_PARTS = ['sources', 'title', 'url', 'brief'] as const;

export type SegmentPart = (typeof SEGMENT_PARTS)[number];

export const partFile = (name: string, part: SegmentPart) => `${name}.${part}.${part === 'dict' ? 'json' : 'arrow'}`;

/** The folder of the cache for these inputs. */
export function cacheFolder(cacheRoot: string, inputs: readonly string[]): string {
  const key = createHash('sha256').update(JSON.stringify([...inputs].map((p) => resolve(p)).sort())).digest('hex').slice(0, 16);
  return join(cacheRoot, `inputs-${key}`);
}

/** A numeric column's values as a typed array: the file's own (one batch of that type), else a copy. */
export function columnArray<T extends Float64Array | Int32Array>(arrow: Table, name: string, type: { new (values: ArrayLike<number>): T; from(values: ArrayLike<number>): T }): T {
  const values = firstBatch(arrow, name)?.values;
  if (arrow.getChild(name).data.length === 1 && values instanceof (type as unknown as typeof Float64Array)) return values as T;
  return type.from(columnValues(arrow, name) as ArrayLike<number>);
}

/**
 * A cache file's bytes: through the native helper into memory backed by huge pages where it is
 * built (several MB read into fresh 4 KiB pages cost more in page faults than the read), else
 * read by Node. An error is Node's either way (the helper's failure is read again for it).
 */
export function readCacheFile(path: string): Buffer {
  const native = nativeFs();
  try {
    if (native) {
      const bytes = native.readLarge(path);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  } catch {
    // read again through Node, for its error
  }
  return readFileSync(path);
}

/** Checksum of cache bytes. */
export function checksum(bytes: Uint8Array): string {
  const sum = new Checksum();
  sum.add(bytes);
  return sum.toString();
}

/** Writes a table as an Arrow IPC file straight to disk (atomically); returns its checksum. */
export function writeArrowFile(path: string, arrow: Table): string {
  const sum = new Checksum();
  writeFileAtomicStream(path, (write) => {
    const sink = {
      write(bytes: Uint8Array) {
        write(bytes);
        sum.add(bytes);
      },
      pad(count: number) {
        this.write(new Uint8Array(count));
      },
      finish() {
        return null;
      },
    };
    tableToIPC(arrow, { format: 'file', sink } as never);
  });
  return sum.toString();
}

export interface CacheMeta {
  format?: string;
  version?: number;
  /** File name of the index. */
  index?: string;
  /** Checksum of the index. */
  files?: string;
  /** Checksum of the index's paths (pathsFileOf(index)). */
  paths?: string;
  walk?: WalkRecord;
  segments?: SegmentMeta[];
  /** Files (segment stems and index names) no longer used, and since when: deleted after the grace period. */
  retired?: { name: string; since: number }[];
}

/** How long files a newer state no longer uses are kept for runs that read an older one. */
export const RETIRED_GRACE_MS = 60 * 60_000;

export const INDEX_NAME = /^files-[0-9a-f]+\.arrow$/;

/** The file of an index's paths. */
export const pathsFileOf = (index: string) => index.replace(/\.arrow$/, '.paths.arrow');

/** The stem of a cache file: its segment's or its index's name, which it is kept or retired by. */
export const stemOf = (file: string) => /^(seg-[0-9a-f]+|files-[0-9a-f]+)\./.exec(file)?.[1];

/**
 * The native walk of one folder that listed an index's files (see startPooledWalk): a rerun whose
 * walk lists the same paths (the same digest) knows each file's index row without reading the
 * index's paths: the index holds the walk's files in order, but for the skipped ones.
 */
export interface WalkRecord {
  /** Digest of the walk's path pool (walkDigest). */
  digest: string;
  /** Positions in the walk of the files the index does not hold (index pages, other files). */
  skipped: number[];
}

/**
 * The arrays of a column's first batch, as flechette holds them (`values`; `offsets` for text):
 * the cache's files are written as one batch per column, so its arrays are the column's.
 */
export function firstBatch(arrow: Table, name: string): { values?: ArrayLike<number>; offsets?: Int32Array; nullCount: number } | undefined {
  return arrow.getChild(name).data[0] as unknown as { values?: ArrayLike<number>; offsets?: Int32Array; nullCount: number } | undefined;
}

/** A UTF-8 Arrow column as a pool: its arrays as they are (one batch, no nulls, offsets from 0: how the index is written). */
export function utf8PoolOf(arrow: Table, name: string): Utf8Strings {
  const batch = firstBatch(arrow, name) as { values?: Uint8Array; offsets?: Int32Array; nullCount: number } | undefined;
  if (arrow.getChild(name).data.length === 1 && batch?.offsets && batch.values && batch.nullCount === 0 && batch.offsets[0] === 0) {
    return { bytes: batch.values, offsets: batch.offsets };
  }
  return utf8Pool(columnValues(arrow, name) as string[]);
}

export function columnValues(arrow: Table, name: string): ArrayLike<unknown> {
  return arrow.getChild(name).toArray() as ArrayLike<unknown>;
}

/** Why a cache file cannot be trusted: its checksum does not match. */
export function mismatchIn(name: string): string {
  return `checksum mismatch in ${name} (corrupt or half-written)`;
}

/**
 * A float64 or int32 Arrow column holding the typed array as it is. (Given the type explicitly,
 * flechette builds the column value by value instead: ~60 ms for the 100,000-row index.)
 */
export function columnOf(values: Float64Array | Int32Array): Column<number> {
  return columnFromArray(values) as Column<number>;
}

/** An Arrow UTF-8 column from the pool and offsets as they are; `validity` marks non-null rows (none: all valid). */
export function utf8Column(strings: Utf8Strings, validity?: Uint8Array, nullCount = 0): Column<string | null> {
  const type = utf8();
  const Batch = batchType(type);
  const rows = strings.offsets.length - 1;
  return new Column([new Batch({ length: rows, nullCount, type, validity: validity ?? new Uint8Array(0), offsets: strings.offsets, values: strings.bytes })]);
}

/** An Arrow table of one UTF-8 column, from the pool and offsets as they are. */
export function utf8Table(strings: Utf8Strings): Table {
  return tableFromColumns({ text: utf8Column(strings) });
}

/** The folder's meta.json as written (throws when it is missing or no JSON). */
export function readMeta(folder: string): CacheMeta {
  return JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as CacheMeta;
}

/** True when the file was last modified before `time` (a temporary file a dead run left). */
export function isOlderThan(path: string, time: number): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && info.mtimeMs < time;
}
