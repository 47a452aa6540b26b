/**
 * What killed runs leave behind: temporary files and folders named with the process id of the
 * run that made them. A later run removes those whose process is gone.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** True while a process with this id runs (on this machine). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `text` with every character a regular expression treats specially escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The entries of `folder` whose names match `pattern` (its first group the process id) and
 * whose process is no longer alive, sorted by name. A folder that cannot be read has none.
 * @example deadLeftovers('out', /^report\.csv\.tmp-(\d+)-\d+$/)
 */
export function deadLeftovers(folder: string, pattern: RegExp): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries.filter((entry) => {
    const match = pattern.exec(entry);
    return match !== null && !processAlive(Number(match[1]));
  }).sort();
}

/**
 * Removes the leftovers of dead runs in `folder` (see deadLeftovers).
 * @example removeDeadLeftovers(dirname(path), new RegExp(`^${escapeRegExp(basename(path))}\\.tmp-(\\d+)-\\d+$`))
 */
export function removeDeadLeftovers(folder: string, pattern: RegExp): void {
  for (const entry of deadLeftovers(folder, pattern)) rmSync(join(folder, entry), { recursive: true, force: true });
}
