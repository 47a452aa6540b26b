/**
 * Writes rendered notebooks. A notebook's folder is written whole into a temporary sibling and
 * then swapped in, so a run that stops half-way leaves the previous report as it was.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { RenderedFiles } from './render.ts';

/**
 * Replaces `folder` with exactly these files.
 * @example saveFiles('output/tags', await renderNotebook(notebook))
 */
export function saveFiles(folder: string, files: RenderedFiles): void {
  const parent = dirname(folder);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(folder)}.tmp-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of files) writeFileAtomic(join(staging, path), content);
    const old = join(parent, `.${basename(folder)}.old-${process.pid}`);
    if (existsSync(folder)) renameSync(folder, old);
    renameSync(staging, folder);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
