/**
 * One writer at a time for a cache folder: two pulse runs on the same archive (a scheduled job and
 * someone at the terminal) would otherwise interleave their index and segment writes. The lock is
 * a file created exclusively, holding the owner's pid, host and start time; a lock whose owner is
 * gone (same host, no such process) or that is older than LOCK_STALE_MS is taken over.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const LOCK_FILE = 'writer.lock';

/** A lock older than this is a leftover of a run that died (a cache write takes seconds). */
export const LOCK_STALE_MS = 10 * 60_000;

interface LockOwner {
  pid: number;
  host: string;
  since: number;
}

/** True unless the process is known to be gone (EPERM: it exists, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.since === 'number' ? owner : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/**
 * Takes the folder's writer lock.
 * @returns a release function, or why the lock is busy (another live run holds it)
 */
export function lockCacheFolder(folder: string, now = Date.now()): { release: () => void } | { busy: string } {
  const path = join(folder, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      const stale = !owner || now - owner.since > LOCK_STALE_MS || (owner.host === hostname() && !processAlive(owner.pid));
      if (!stale) return { busy: `another pulse run, pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, is updating it` };
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: now } satisfies LockOwner));
    } finally {
      closeSync(fd);
    }
    return { release: () => rmSync(path, { force: true }) };
  }
  return { busy: 'its writer lock could not be taken' };
}
