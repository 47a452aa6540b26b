/**
 * Finds the files to read under the paths a user gives and classifies each one.
 * Folders are walked recursively (entries starting with `.` are not looked at); the list is
 * sorted so every later step sees the same order whatever the file system returns.
 */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { basename, extname, normalize, sep } from 'node:path';
import { stringsOf, type Utf8Strings } from '../table/batch-text.ts';
import { type NativeFs, nativeFs } from '../native.ts';
import { type FileStamps, statPaths } from './stat-files.ts';
import { MissingPathError, skipReasons } from '../../errors.ts';

export type FileKind = 'markdown' | 'json' | 'ndjson' | 'csv' | 'arrow' | 'parquet' | 'index' | 'other' | 'broken-link'
  | 'fifo' | 'socket' | 'device' | 'unreadable-folder';

export interface DiscoveredFile {
  path: string;
  kind: FileKind;
}

const INDEX_PAGES = new Set(['readme.md', 'summary.md']);
const KIND_BY_EXTENSION: Record<string, FileKind> = {
  '.md': 'markdown', '.markdown': 'markdown', '.txt': 'markdown',
  '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv', '.arrow': 'arrow', '.parquet': 'parquet',
};

/** The extensions of files read as articles, for help texts. */
export const ARTICLE_EXTENSIONS: readonly string[] = Object.keys(KIND_BY_EXTENSION);

/** What a file is, by its name: an article format, an index page, or something else. */
export function classifyFile(path: string): FileKind {
  // The usual case first, without basename's and extname's strings (a fifth of a 100,000-file walk):
  // a name ending ".md" with something before it, and not an index page.
  const n = path.length;
  if (n > 3 && path.endsWith('.md') && !isSeparator(path[n - 4]!) && !isIndexPage(path)) return 'markdown';
  if (INDEX_PAGES.has(basename(path).toLowerCase())) return 'index';
  return KIND_BY_EXTENSION[extname(path).toLowerCase()] ?? 'other';
}

/** Why a file of this kind is skipped, or undefined for an article file. */
export function skipReason(kind: FileKind): string | undefined {
  return skipReasons[kind];
}

/** Kinds a run should be told about on stderr (and that --strict counts): not article files by mistake of name. */
export function isProblemKind(kind: FileKind): boolean {
  return kind === 'unreadable-folder';
}

/** What an entry that is neither a regular file nor a folder is (following links). */
function oddKind(path: string): FileKind {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'unreadable-folder' : 'broken-link';
  }
  if (info.isDirectory()) return 'unreadable-folder';
  if (info.isFIFO()) return 'fifo';
  if (info.isSocket()) return 'socket';
  return 'device';
}

function isSeparator(char: string): boolean {
  return char === '/' || char === sep;
}

/** Whether the path's file name is an index page (as INDEX_PAGES, any case). */
function isIndexPage(path: string): boolean {
  for (const name of INDEX_PAGES) {
    const start = path.length - name.length;
    if (start < 0 || (start > 0 && !isSeparator(path[start - 1]!))) continue;
    if (path.slice(start).toLowerCase() === name) return true;
  }
  return false;
}

/** An entry's path in a normalised folder: what path.join gives, without its cost per file. */
function childPath(folder: string, name: string): string {
  if (folder === '.') return name;
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/** Path order (UTF-16 code units), the order of the list discoverFiles returns. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Files found between calls of discoverFiles' onFound. */
const FOUND_STEP = 4096;

/**
 * Lists every file under the given paths, each once, sorted by path.
 * Synchronous on purpose: walking 100,000 files with one promise per entry was ten times slower.
 * @param onFound hears the count of files found so far, every few thousand (to start work early)
 * @throws MissingPathError when a named path does not exist
 */
export async function discoverFiles(paths: readonly string[], onFound?: (count: number) => void): Promise<DiscoveredFile[]> {
  return (await discover(paths, onFound)).files;
}

/** What discover found. */
export interface Discovery {
  files: DiscoveredFile[];
  /**
   * The files' stamps (size, mtime), in order, when the walk took them: the native helper stats
   * the files on two threads of its own while this thread goes on (a cache's warm load reads the
   * cache index meanwhile); calling it waits for them. Absent when they were not taken.
   */
  stamps?: () => FileStamps;
}

/**
 * discoverFiles, and with `stamp` the files' stamps taken meanwhile where the native helper walks
 * (all files from one walk of folders, already in path order: the usual case).
 */
export async function discover(paths: readonly string[], onFound?: (count: number) => void, stamp = false): Promise<Discovery> {
  const found: DiscoveredFile[] = [];
  // Folders already walked, by device and inode: a symbolic link back up the tree is not followed
  // twice. (One stat per folder; realpath cost a syscall per path component.)
  const walked = new Set<string>();
  const add = (path: string): void => {
    found.push({ path, kind: classifyFile(path) });
    if (onFound && found.length % FOUND_STEP === 0) onFound(found.length);
  };
  const walk = (folder: string): void => {
    let entries: Dirent[];
    try {
      const info = statSync(folder);
      const identity = `${info.dev}:${info.ino}`;
      if (walked.has(identity)) return;
      walked.add(identity);
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      // Vanished while walking: nothing to read there. Unreadable: told, and accounted for.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') found.push({ path: folder, kind: 'unreadable-folder' });
      return;
    }
    // Each folder's entries in path order (a folder's name sorts as "name/"), so the walk yields
    // paths already sorted and the final sort has nothing to move.
    const keyed = entries.filter((entry) => !entry.name.startsWith('.')).map((entry) => ({ entry, key: entry.isDirectory() ? entry.name + sep : entry.name }));
    keyed.sort((a, b) => byPath(a.key, b.key));
    for (const { entry } of keyed) {
      const path = childPath(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) add(path);
      else if (entry.isSymbolicLink()) {
        const target = safeStat(path);
        if (target?.isDirectory()) walk(path);
        else if (target?.isFile()) add(path);
        else found.push({ path, kind: target ? oddKind(path) : 'broken-link' }); // accounted for as skipped
      } else found.push({ path, kind: oddKind(path) }); // a FIFO, socket or device: never read
    }
  };
  const folders: string[] = [];
  for (const path of paths) {
    const info = safeStat(path);
    if (!info) throw new MissingPathError(path);
    if (info.isDirectory()) folders.push(normalize(path));
    else if (info.isFile()) add(path);
    else found.push({ path, kind: oddKind(path) }); // reading a FIFO would wait for ever, a device for ever more
  }
  const native = nativeFs();
  let stamps: (() => FileStamps) | undefined;
  if (native && folders.length > 0) {
    // The same walk in C (src/native): one call for all folders, so a folder is walked once. The
    // count is told before the paths become strings, which takes longer than the walk.
    const { count, listing, stamping } = native.walk(folders, stamp);
    onFound?.(found.length + count);
    const { files, brokenLinks } = native.walkPaths(listing);
    // The walk's stamps are in its order: they fit when its files are all there is.
    if (stamping && found.length === 0 && brokenLinks.length === 0) stamps = () => native.walkStamps(listing)!;
    for (const path of files) found.push({ path, kind: classifyFile(path) });
    // The walk's odd entries: broken links, FIFOs, sockets, devices, unreadable folders.
    for (const path of brokenLinks) found.push({ path, kind: oddKind(path) });
  } else {
    for (const folder of folders) walk(folder);
  }
  if (inPathOrder(found)) return { files: found, ...(stamps ? { stamps } : {}) };
  found.sort((a, b) => byPath(a.path, b.path));
  // A file reached twice (named twice, or through a link) is listed once.
  return { files: found.filter((file, i) => i === 0 || file.path !== found[i - 1]!.path) };
}

/**
 * The one folder the paths name, normalised, and the native helper to walk it; undefined when the
 * helper is not built or the paths are not one folder.
 * @throws MissingPathError when the path does not exist
 */
function oneFolderForNative(paths: readonly string[]): { native: NativeFs; folder: string } | undefined {
  const native = nativeFs();
  if (!native || paths.length !== 1) return undefined;
  const info = safeStat(paths[0]!);
  if (!info) throw new MissingPathError(paths[0]!);
  return info.isDirectory() ? { native, folder: normalize(paths[0]!) } : undefined;
}

/** A folder's files as the native walk lists them, in discover's order, paths not made strings. */
export interface PooledWalk {
  /** The files' paths as one UTF-8 pool (waits for the walk); undefined where discover must walk instead (a broken link, an order to sort). */
  paths(): Utf8Strings | undefined;
  /** Their stamps, in order (waits for the threads taking them). Only once paths() gave the pool. */
  stamps(): FileStamps;
}

/**
 * Starts walking one folder on a thread of the native helper, which then stats the files on two
 * more while this thread goes on (a cache's rerun reads its index meanwhile): the files as a path
 * pool, without a string or an object per file (100,000 of each, and the garbage collection they
 * caused, were half a warm load). Undefined where the helper is not built or the paths are not one
 * folder: discover does the work.
 * @throws MissingPathError when the path does not exist
 */
export function startPooledWalk(paths: readonly string[]): PooledWalk | undefined {
  const one = oneFolderForNative(paths);
  if (!one) return undefined;
  const { native } = one;
  const listing = native.walkAhead([one.folder]);
  let pool: Utf8Strings | null | undefined;
  return {
    paths() {
      if (pool === undefined) {
        const { bytes, offsets, ordered, brokenLinks } = native.walkPool(listing);
        pool = ordered && brokenLinks.length === 0 ? { bytes, offsets } : null;
      }
      return pool ?? undefined;
    },
    // Stamped here when the helper could not start its threads.
    stamps: () => native.walkStamps(listing) ?? statPaths(stringsOf(pool!), 2),
  };
}

/**
 * The files under one folder as a path pool, walked now by the native helper (the count told
 * first, to start workers): what a cold load hands its workers without a string or object per
 * file. Undefined where startPooledWalk's would be: discover then walks.
 * @throws MissingPathError when the path does not exist
 */
export function walkToPool(paths: readonly string[], onFound?: (count: number) => void): Utf8Strings | undefined {
  const one = oneFolderForNative(paths);
  if (!one) return undefined;
  const { native } = one;
  const { count, listing } = native.walk([one.folder], false);
  onFound?.(count);
  const { bytes, offsets, ordered, brokenLinks } = native.walkPool(listing);
  return ordered && brokenLinks.length === 0 ? { bytes, offsets } : undefined;
}

/** The files of a pool, discovered: each path made and classified. */
export function discoveredOf(pool: Utf8Strings): DiscoveredFile[] {
  return stringsOf(pool).map((path) => ({ path, kind: classifyFile(path) }));
}

/**
 * True when every path ends in ".md" after a name (classifyFile's usual case: markdown, or an
 * index page), told from the bytes: such a pool can be classified and parsed by the workers.
 */
export function onlyMarkdownNames({ bytes, offsets }: Utf8Strings): boolean {
  const slash = sep.charCodeAt(0);
  for (let i = 0; i < offsets.length - 1; i++) {
    const end = offsets[i + 1]!;
    if (end - offsets[i]! < 4 || bytes[end - 3] !== 0x2e || bytes[end - 2] !== 0x6d || bytes[end - 1] !== 0x64) return false;
    if (bytes[end - 4] === 0x2f || bytes[end - 4] === slash) return false;
  }
  return true;
}

/** True when the files are in strictly increasing path order (sorted, no path twice). */
function inPathOrder(files: readonly DiscoveredFile[]): boolean {
  for (let i = 1; i < files.length; i++) if (byPath(files[i - 1]!.path, files[i]!.path) >= 0) return false;
  return true;
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
