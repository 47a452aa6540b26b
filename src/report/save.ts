/**
 * Writes rendered notebooks. A notebook's folder is written whole into a temporary sibling and
 * then swapped in, so a run that stops half-way leaves the previous report as it was.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../io/write-atomic.ts';
import type { Notebook } from './notebook.ts';
import { renderNotebook, type RenderedFiles } from './render.ts';

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

/**
 * Renders a notebook and replaces `folder` with it as a whole: `index.html`, `index.md`,
 * `tables/NAME.csv`, `charts/NAME.svg` and `charts/NAME.vl.json`. The folder holds exactly
 * these files afterwards (anything else in it is gone), or, if rendering or writing fails, is
 * left as it was.
 * @param warn receives chart warnings @default ignore them
 * @returns the written files' paths (folder joined with each relative path), in writing order
 * @example const paths = await saveNotebook(nb, 'output/my-notebook');
 */
export async function saveNotebook(notebook: Notebook, folder: string, warn: (message: string) => void = () => {}): Promise<string[]> {
  const files = await renderNotebook(notebook, warn);
  saveFiles(folder, files);
  return [...files.keys()].map((path) => join(folder, path));
}
