/**
 * One writer at a time for a cache folder: two pulse runs on the same archive (a scheduled job and
 * someone at the terminal) would otherwise interleave their index and segment writes. The lock is
 * a file holding the owner's pid, host, start time and a random token, created whole (written
 * aside, then hard-linked into place: a run never sees a half-written lock); a lock whose owner is
 * gone (same host, no such process) or that is older than LOCK_STALE_MS is taken over, and only
 * the very lock judged stale is removed (two runs taking over at once cannot both win).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { escapeRegExp, processAlive, removeDeadLeftovers } from '../../io/leftovers.ts';

const LOCK_FILE = 'writer.lock';

/** A lock older than this is a leftover of a run that died (a cache write takes seconds). */
export const LOCK_STALE_MS = 10 * 60_000;

/** An unreadable lock younger than this may be one written the old way, still being written. */
const UNREADABLE_GRACE_MS = 10_000;

interface LockOwner {
  pid: number;
  host: string;
  since: number;
  token?: string;
}

/** True unless the process is known to be gone (EPERM: it exists, as another user). */
function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parseOwner(text: string | undefined): LockOwner | undefined {
  try {
    const owner = JSON.parse(text ?? '') as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.since === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** A unique name beside the lock, for writing it aside or moving a stale one away. */
function besideLock(path: string, what: string): string {
  return `${path}.${what}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/**
 * Creates the lock with its whole content; false when a lock is there. Where the file system has
 * no hard links, falls back to an exclusive create and a write.
 */
function createLock(path: string, content: string): boolean {
  const aside = besideLock(path, 'new');
  writeFileSync(aside, content);
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes the lock if it still holds `judged` (the text found stale): it is moved aside first, and
 * put back if another run had replaced it meanwhile. True when the stale lock is gone.
 */
export function removeStaleLock(path: string, judged: string | undefined): boolean {
  const moved = besideLock(path, 'stale');
  try {
    renameSync(path, moved);
  } catch {
    return true; // gone already: another run took it over (or released it)
  }
  if (readText(moved) === judged) {
    rmSync(moved, { force: true });
    return true;
  }
  // A fresh lock, created since it was judged: back into place, unless yet another run is there.
  try {
    linkSync(moved, path);
  } catch {
    // Nothing to restore into: the lock now present is that other run's.
  }
  rmSync(moved, { force: true });
  return false;
}

function ageMs(path: string, now: number): number {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

/**
 * Takes the folder's writer lock.
 * @returns a release function, or why the lock is busy (another live run holds it)
 */
export function lockCacheFolder(folder: string, now = Date.now()): { release: () => void } | { busy: string } {
  const path = join(folder, LOCK_FILE);
  // Lock files written aside by runs killed before they linked or removed them.
  removeDeadLeftovers(dirname(path), new RegExp(`^${escapeRegExp(basename(path))}\\.(?:new|stale)-(\\d+)-[0-9a-f]+$`));
  const token = randomBytes(8).toString('hex');
  const content = JSON.stringify({ pid: process.pid, host: hostname(), since: now, token } satisfies LockOwner);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLock(path, content)) {
      // Released only while it is still ours (a run that judged it stale may have replaced it).
      return { release: () => (readText(path) === content ? rmSync(path, { force: true }) : undefined) };
    }
    const text = readText(path);
    const owner = parseOwner(text);
    if (!owner && text !== undefined && ageMs(path, now) < UNREADABLE_GRACE_MS) return { busy: 'another pulse run is starting to update it' };
    const stale = !owner || now - owner.since > LOCK_STALE_MS || (owner.host === hostname() && !processAlive(owner.pid));
    if (!stale) return { busy: `another pulse run, pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, is updating it` };
    if (!removeStaleLock(path, text)) return { busy: 'another pulse run took over its writer lock' };
  }
  return { busy: 'its writer lock could not be taken' };
}
