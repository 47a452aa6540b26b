/**
 * Finds the files to read under the paths a user gives and classifies each one.
 * Folders are walked recursively (entries starting with `.` are not looked at); the list is
 * sorted so every later step sees the same order whatever the file system returns.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

export type FileKind = 'markdown' | 'json' | 'ndjson' | 'csv' | 'arrow' | 'index' | 'other';

export interface DiscoveredFile {
  path: string;
  kind: FileKind;
  size: number;
  mtimeMs: number;
}

const INDEX_PAGES = new Set(['readme.md', 'summary.md']);
const KIND_BY_EXTENSION: Record<string, FileKind> = {
  '.md': 'markdown', '.markdown': 'markdown', '.txt': 'markdown',
  '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv', '.arrow': 'arrow',
};

/** What a file is, by its name: an article format, an index page, or something else. */
export function classifyFile(path: string): FileKind {
  if (INDEX_PAGES.has(basename(path).toLowerCase())) return 'index';
  return KIND_BY_EXTENSION[extname(path).toLowerCase()] ?? 'other';
}

/** A path the user named that does not exist. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`Not found: ${path} (check the path, or pass a folder of .md files or a .json/.ndjson/.csv export)`);
  }
}

/**
 * Lists every file under the given paths, each once, sorted by path.
 * @throws MissingPathError when a named path does not exist
 */
export async function discoverFiles(paths: readonly string[]): Promise<DiscoveredFile[]> {
  const found = new Map<string, DiscoveredFile>();
  const visit = async (path: string, named: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch {
      if (named) throw new MissingPathError(path);
      return; // vanished while walking, or a broken link: nothing to read
    }
    if (info.isDirectory()) {
      const entries = await readdir(path);
      await Promise.all(entries.filter((name) => !name.startsWith('.')).map((name) => visit(join(path, name), false)));
    } else if (info.isFile()) {
      found.set(path, { path, kind: classifyFile(path), size: info.size, mtimeMs: info.mtimeMs });
    }
  };
  for (const path of paths) await visit(path, true);
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
