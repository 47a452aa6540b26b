/**
 * The only way content-pulse writes a file: to a temporary file beside the target, then a
 * rename, so an interrupted run never leaves a half-written file behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

let counter = 0;

/**
 * Writes text or bytes to `path` atomically, creating parent folders.
 * @example writeFileAtomic('output/tags.csv', csvText)
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}-${counter++}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
