/**
 * Which files of a folder are notebooks: `.ts`, `.mts`, `.js`, `.mjs` files, sorted by name;
 * names starting with `.` or `_` are left out (hidden files, and helpers the notebooks import).
 */
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { NOTEBOOK_EXTENSIONS } from './import-notebook.ts';

/** True for a file name that is a notebook. */
export function isNotebookName(name: string): boolean {
  return !/^[._]/.test(name) && (NOTEBOOK_EXTENSIONS as readonly string[]).includes(extname(name)) && !name.endsWith('.d.ts');
}

/**
 * The notebook files of a folder (not its subfolders), sorted by file name (code-unit order, the
 * same on every machine).
 * @throws the file system's error when the folder cannot be read
 * @example notebookFiles('notebooks') // ['notebooks/a.ts', 'notebooks/b.js']
 */
export function notebookFiles(folder: string): string[] {
  return readdirSync(folder).filter(isNotebookName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((name) => join(folder, name));
}

/**
 * Leaves out the files another notebook of the list imports: those are helper modules, not
 * notebooks (their absolute paths are in that notebook's `sources`).
 * @example withoutHelpers([{ file: '/n/a.ts', sources: ['/n/a.ts', '/n/util.ts'] }, { file: '/n/util.ts' }]) // the first only
 */
export function withoutHelpers<T extends { file?: string; sources?: readonly string[] }>(entries: readonly T[]): T[] {
  const imported = new Set(entries.flatMap((e) => (e.sources ?? []).filter((source) => source !== e.file)));
  return entries.filter((e) => !e.file || !imported.has(e.file));
}
