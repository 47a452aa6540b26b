/**
 * The only way content-pulse writes a file: to a temporary file beside the target, then a
 * rename, so an interrupted run never leaves a half-written file behind. A write the system
 * refuses throws an OutputError naming the target.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { asOutputError } from '../errors.ts';
import { escapeRegExp, removeDeadLeftovers } from './leftovers.ts';

let counter = 0;

// Temporary files of this path left by runs killed before their rename (`PATH.tmp-PID-N`).
function removeTemporaryLeftovers(path: string): void {
  removeDeadLeftovers(dirname(path), new RegExp(`^${escapeRegExp(basename(path))}\\.tmp-(\\d+)-\\d+$`));
}

/** Removes a temporary file after a failed write (there may be none: its folder could not be made). */
function removeTemporary(temporary: string): void {
  try {
    rmSync(temporary, { force: true });
  } catch {
    // nothing was written there
  }
}

/**
 * Writes text or bytes to `path` atomically, creating parent folders.
 * @example writeFileAtomic('output/tags.csv', csvText)
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    removeTemporaryLeftovers(path);
    writeFileSync(temporary, data);
    // A test hook: PULSE_TEST_KILL_AT=file-rename kills this process with the file written aside.
    if (process.env.PULSE_TEST_KILL_AT === 'file-rename') process.kill(process.pid, 'SIGKILL');
    renameSync(temporary, path);
  } catch (error) {
    removeTemporary(temporary);
    throw asOutputError(path, error);
  }
}

/**
 * Writes a file atomically from pieces handed to `write` (nothing is joined in memory: a large
 * Arrow file goes straight to disk).
 */
export function writeFileAtomicStream(path: string, produce: (write: (bytes: Uint8Array) => void) => void): void {
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    removeTemporaryLeftovers(path);
    fd = openSync(temporary, 'w');
    const out = fd;
    produce((bytes) => {
      for (let written = 0; written < bytes.length;) written += writeSync(out, bytes, written);
    });
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeTemporary(temporary);
    throw asOutputError(path, error);
  }
}
