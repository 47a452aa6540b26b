/**
 * `pulse new NAME [--dir DIR]`: writes a starter notebook (default `notebooks/NAME.ts`) that runs
 * as it is; never overwrites a file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { NOTEBOOK_EXTENSIONS } from '../notebooks/import-notebook.ts';
import { starterNotebook } from '../notebooks/starter.ts';
import { safeFileName } from '../report/escape.ts';
import { CliError } from './errors.ts';

/** Writes the starter notebook; returns its path. */
export function newCommand(name: string, flags: { dir?: string }): string {
  const extension = (NOTEBOOK_EXTENSIONS as readonly string[]).includes(extname(name)) ? extname(name) : '.ts';
  const stem = safeFileName(extension === extname(name) ? name.slice(0, -extension.length) : name);
  const path = join(flags.dir ?? 'notebooks', `${stem}${extension}`);
  mkdirSync(flags.dir ?? 'notebooks', { recursive: true });
  const text = starterNotebook(stem, path, extension === '.ts' || extension === '.mts');
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${path} already exists: choose another name, or remove it first`, 1);
    throw error;
  }
  return path;
}
