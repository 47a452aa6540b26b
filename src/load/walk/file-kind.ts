/**
 * What a listed file is, told by its name alone: an article format, an index page, or something
 * else a load skips (with the reason it reports). One rule for every walk and every stage.
 */
import { basename, extname, sep } from 'node:path';
import { skipReasons } from '../../errors.ts';

export type FileKind = 'markdown' | 'json' | 'ndjson' | 'csv' | 'arrow' | 'parquet' | 'index' | 'other' | 'broken-link'
  | 'fifo' | 'socket' | 'device' | 'unreadable-folder';

/** Every kind, in a fixed order: a FileList keeps each file's kind as its number here. */
export const FILE_KINDS: readonly FileKind[] = ['markdown', 'json', 'ndjson', 'csv', 'arrow', 'parquet', 'index', 'other', 'broken-link', 'fifo', 'socket', 'device', 'unreadable-folder'];

const INDEX_PAGES = new Set(['readme.md', 'summary.md']);
const KIND_BY_EXTENSION: Record<string, FileKind> = {
  '.md': 'markdown', '.markdown': 'markdown', '.txt': 'markdown',
  '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.csv': 'csv', '.arrow': 'arrow', '.parquet': 'parquet',
};

/** The extensions of files read as articles, for help texts. */
export const ARTICLE_EXTENSIONS: readonly string[] = Object.keys(KIND_BY_EXTENSION);

/** What a file is, by its name: an article format, an index page, or something else. */
export function classifyFile(path: string): FileKind {
  // The usual case first, without basename's and extname's strings (a fifth of a 100,000-file walk):
  // a name ending ".md" with something before it, and not an index page.
  const n = path.length;
  if (n > 3 && path.endsWith('.md') && !isSeparator(path[n - 4]!) && !isIndexPage(path)) return 'markdown';
  if (INDEX_PAGES.has(basename(path).toLowerCase())) return 'index';
  return KIND_BY_EXTENSION[extname(path).toLowerCase()] ?? 'other';
}

/** Why a file of this kind is skipped, or undefined for an article file. */
export function skipReason(kind: FileKind): string | undefined {
  return skipReasons[kind];
}

/** Kinds a run should be told about on stderr (and that --strict counts): not article files by mistake of name. */
export function isProblemKind(kind: FileKind): boolean {
  return kind === 'unreadable-folder';
}

function isSeparator(char: string): boolean {
  return char === '/' || char === sep;
}

/** Whether the path's file name is an index page (as INDEX_PAGES, any case). */
function isIndexPage(path: string): boolean {
  for (const name of INDEX_PAGES) {
    const start = path.length - name.length;
    if (start < 0 || (start > 0 && !isSeparator(path[start - 1]!))) continue;
    if (path.slice(start).toLowerCase() === name) return true;
  }
  return false;
}

/** Path order (UTF-16 code units), the order of the list discover returns. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
