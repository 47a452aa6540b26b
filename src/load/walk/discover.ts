/**
 * Finds the files to read under the paths a user gives, as one FileList (file-list.ts).
 * Folders are walked recursively (entries starting with `.` are not looked at); the list is
 * sorted so every later step sees the same order whatever the file system returns.
 */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { normalize, sep } from 'node:path';
import { stringsOf } from '../table/batch-text.ts';
import { type NativeFs, nativeFs } from '../native.ts';
import { type FileStamps, statPaths } from './stat-files.ts';
import { byPath, type FileKind } from './file-kind.ts';
import { FileList } from './file-list.ts';
import { MissingPathError } from '../../errors.ts';

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

/** An entry's path in a normalised folder: what path.join gives, without its cost per file. */
function childPath(folder: string, name: string): string {
  if (folder === '.') return name;
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/** Files found between calls of discover's onFound. */
const FOUND_STEP = 4096;

/**
 * Lists every file under the given paths, each once, sorted by path, as one FileList whichever
 * walk made it: the native helper's (one call for all folders) when it is built, else this
 * module's. Synchronous on purpose: walking 100,000 files with one promise per entry was ten times
 * slower.
 * @param onFound hears the count of files found so far, every few thousand (to start work early)
 * @param stamp also take the files' stamps meanwhile where the native helper walks (all files from
 *   one walk of folders, already in path order: the usual case); the list's `stamps` then waits for them
 * @throws MissingPathError when a named path does not exist
 * @example (await discover(['data/sample'])).paths()
 */
export async function discover(paths: readonly string[], onFound?: (count: number) => void, stamp = false): Promise<FileList> {
  const found: string[] = [];
  // The kinds only a walk can tell (a broken link, a FIFO); the others follow from the name.
  const odd: (FileKind | undefined)[] = [];
  // Folders already walked, by device and inode: a symbolic link back up the tree is not followed
  // twice. (One stat per folder; realpath cost a syscall per path component.)
  const walked = new Set<string>();
  const add = (path: string, kind?: FileKind): void => {
    if (kind) odd[found.length] = kind;
    found.push(path);
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
      if (code === 'EACCES' || code === 'EPERM') add(folder, 'unreadable-folder');
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
        else add(path, target ? oddKind(path) : 'broken-link'); // accounted for as skipped
      } else add(path, oddKind(path)); // a FIFO, socket or device: never read
    }
  };
  const folders: string[] = [];
  for (const path of paths) {
    const info = safeStat(path);
    if (!info) throw new MissingPathError(path);
    if (info.isDirectory()) folders.push(normalize(path));
    else if (info.isFile()) add(path);
    else add(path, oddKind(path)); // reading a FIFO would wait for ever, a device for ever more
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
    for (const path of files) found.push(path);
    // The walk's odd entries: broken links, FIFOs, sockets, devices, unreadable folders.
    for (const path of brokenLinks) add(path, oddKind(path));
  } else {
    for (const folder of folders) walk(folder);
  }
  if (inPathOrder(found)) return FileList.ofPaths(found, odd, stamps);
  const order = found.map((_, k) => k).sort((a, b) => byPath(found[a]!, found[b]!));
  // A file reached twice (named twice, or through a link) is listed once.
  const once = order.filter((k, i) => i === 0 || found[k] !== found[order[i - 1]!]);
  return FileList.ofPaths(once.map((k) => found[k]!), once.map((k) => odd[k]));
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
  /**
   * The files, their paths as one UTF-8 pool and their stamps taken meanwhile (waits for the
   * walk); undefined where discover must walk instead (a broken link, an order to sort).
   */
  files(): FileList | undefined;
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
  let list: FileList | null | undefined;
  return {
    files() {
      if (list === undefined) {
        const { bytes, offsets, ordered, brokenLinks } = native.walkPool(listing);
        // Stamped here when the helper could not start its threads.
        const stamps = () => native.walkStamps(listing) ?? statPaths(stringsOf({ bytes, offsets }), 2);
        list = ordered && brokenLinks.length === 0 ? FileList.ofPool({ bytes, offsets }, undefined, stamps) : null;
      }
      return list ?? undefined;
    },
  };
}

/**
 * The files under one folder as a path pool, walked now by the native helper (the count told
 * first, to start workers): what a cold load hands its workers without a string or object per
 * file. Undefined where startPooledWalk's would be: discover then walks.
 * @throws MissingPathError when the path does not exist
 */
export function walkToPool(paths: readonly string[], onFound?: (count: number) => void): FileList | undefined {
  const one = oneFolderForNative(paths);
  if (!one) return undefined;
  const { native } = one;
  const { count, listing } = native.walk([one.folder], false);
  onFound?.(count);
  const { bytes, offsets, ordered, brokenLinks } = native.walkPool(listing);
  return ordered && brokenLinks.length === 0 ? FileList.ofPool({ bytes, offsets }) : undefined;
}

/** True when the paths are in strictly increasing order (sorted, none twice). */
function inPathOrder(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i++) if (byPath(paths[i - 1]!, paths[i]!) >= 0) return false;
  return true;
}

function safeStat(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
