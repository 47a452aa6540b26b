/**
 * The optional native file-system helper (src/native, built by `npm install` when a C compiler is
 * there): per-file system calls without Node's cost per call. Everything it does has a
 * JavaScript path giving the same results; PULSE_NATIVE=0 forces that path.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FileStamps } from './walk/stat-files.ts';

export interface NativeFs {
  /** Fills size and mtimeMs with each path's stat (links followed; -1 when it fails), on `threads` threads. */
  statPaths(paths: readonly string[], size: Float64Array, mtimeMs: Float64Array, threads: number): void;
  /**
   * Walks the folders as discover.ts walks (hidden entries skipped, links followed, each folder
   * once by device and inode), each folder's entries in name order: how many files it found, and
   * the listing for walkPaths. With `stamp`, two threads of its own stat the files meanwhile
   * (`stamping` tells whether it started) for walkStamps.
   */
  walk(folders: readonly string[], stamp: boolean): { count: number; listing: unknown; stamping: boolean };
  /**
   * Starts walk(folders, true) on a thread of its own and returns its listing at once; walkPool
   * and walkStamps wait for it.
   */
  walkAhead(folders: readonly string[]): unknown;
  /** The paths of a walk's listing. */
  walkPaths(listing: unknown): { files: string[]; brokenLinks: string[] };
  /**
   * The paths of a walk's files as one UTF-8 pool (no string per path), its broken links as
   * strings; `ordered` when the paths are in strictly increasing order, byte-wise and as
   * JavaScript compares strings (discover's order).
   */
  walkPool(listing: unknown): { bytes: Uint8Array; offsets: Int32Array; ordered: boolean; brokenLinks: string[] };
  /** The stamps of a walk's files, in its order, once its thread is done (undefined when it was not asked to stamp). */
  walkStamps(listing: unknown): FileStamps | undefined;
  /** Each file's checksum as checksum.ts writes a CRC-32 one ("crc32:<hex>:<bytes>"), or "unreadable: …". */
  checksumFiles(paths: readonly string[]): string[];
  /** A whole file, read into memory backed by huge pages where the system offers them; throws with the system's message. */
  readLarge(path: string): Uint8Array;
  /**
   * Reads whole files from paths[from] on into `into`, each in a place of its own (not always in
   * order), noting each one's start and length (-1 when it cannot be read); stops at the first
   * file that may not fit.
   * @returns the index of the first path not read
   */
  readFiles(paths: readonly string[], from: number, into: Uint8Array, starts: Int32Array, lengths: Int32Array): number;
  /** Swaps two paths in one step (renameat2 RENAME_EXCHANGE): 0, or the errno when it cannot. */
  exchangePaths(a: string, b: string): number;
  /** Asks for huge pages behind the buffer's 2 MiB-aligned part before it is written (madvise); whether it was advised. */
  adviseHugePages(buffer: ArrayBufferLike): boolean;
  /** Gives the buffer's whole pages from byte `from` on back to the system (madvise; they read as zeros after); whether any were. */
  releasePages(buffer: ArrayBufferLike, from: number): boolean;
  /** Gives the memory the C allocator holds free back to the system (glibc's malloc_trim); whether any was. */
  trimMemory(): boolean;
}

const ADDON = 'src/native/build/Release/pulse_fs.node';

let loaded: NativeFs | null | undefined;

/** The addon's path from this module: src/load under tsx, dist/ or dist/chunks/ when bundled. */
function addonPath(): string {
  const url = import.meta.url;
  const up = url.endsWith('.ts') || url.includes('/chunks/') ? '../../' : '../';
  return fileURLToPath(new URL(up + ADDON, url));
}

/** The helper, or undefined when it is not built, cannot load, or PULSE_NATIVE=0. */
export function nativeFs(): NativeFs | undefined {
  if (process.env.PULSE_NATIVE === '0') return undefined;
  if (loaded === undefined) {
    const path = addonPath();
    try {
      loaded = existsSync(path) ? (createRequire(import.meta.url)(path) as NativeFs) : null;
    } catch {
      loaded = null; // built for another Node or platform: the JavaScript path does the same
    }
  }
  return loaded ?? undefined;
}

/** From this size an array's memory is worth asking huge pages for (a 2 MiB page or more inside it). */
const HUGE_FROM_BYTES = 4 << 20;

/**
 * The array, its memory backed by huge pages where the helper is built and the system gives them
 * on request (Linux, transparent huge pages "madvise" or "always"): for a column a load fills row
 * by row, which would otherwise take a page fault every 4 KiB (on a 1M-article NDJSON load, about
 * as long as the writes). Only a new array, before it is written; small arrays are left as they
 * are. Without the helper nothing changes: the same array, the same values.
 * @example const views = withHugePages(new Float64Array(rows))
 */
export function withHugePages<A extends Float64Array | Int32Array>(array: A): A {
  if (array.byteLength >= HUGE_FROM_BYTES) nativeFs()?.adviseHugePages(array.buffer);
  return array;
}

/**
 * The first `length` values of an array withHugePages gave, the whole pages of memory behind them
 * given back to the system: the capacity a load reserved and did not fill costs nothing until
 * written, except the rest of the last huge page written into (up to 2 MiB an array, held for
 * as long as the table is). The values behind `length` must be unwritten (they read as zeros, as
 * they did); a table may still append there.
 * @example const ids = filledPart(builder.ids, rows)
 */
export function filledPart<A extends Float64Array | Int32Array>(array: A, length: number): A {
  if (array.byteLength >= HUGE_FROM_BYTES) nativeFs()?.releasePages(array.buffer, array.byteOffset + length * array.BYTES_PER_ELEMENT);
  return array.subarray(0, length) as A;
}

/**
 * Gives the memory freed inside the process (and kept by the C allocator for later) back to the
 * system, where the helper is built on glibc: a report calls it between notebooks, so that what
 * one notebook freed is not counted again on top of what the next one allocates. Elsewhere, or
 * without the helper, nothing happens.
 * @returns whether any memory was given back
 * @example giveBackFreeMemory() // after a notebook's results are out of reach
 */
export function giveBackFreeMemory(): boolean {
  return nativeFs()?.trimMemory?.() ?? false;
}
