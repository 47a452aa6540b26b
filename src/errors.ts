/**
 * What the loader says when something cannot be read: the error it throws, and every reason a
 * file is rejected or skipped and every warning it gives, each written once here; and what any
 * writer says when an output cannot be written. Readers call
 * these functions; tests assert with the same functions, so a message is changed in one place.
 * A reason names what is wrong and, where there is one, what to do.
 */
import type { Reject } from './article.ts';

/** A path the user named that does not exist. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`Not found: ${path} (check the path, or pass a folder of .md files or a .json/.ndjson/.csv export)`);
  }
}

/**
 * An output the system would not let content-pulse write (no permission, a full disk, a file
 * where a folder should be …), named by the path asked for, not by the temporary file beside it.
 */
export class OutputError extends Error {
  constructor(readonly path: string, readonly systemError: NodeJS.ErrnoException) {
    super(`cannot write ${path}: ${systemReason(systemError)} (choose another output path, or check that folder's permissions and free space)`);
  }
}

/**
 * The error as an OutputError of `path` when the system refused a write (a failed system call),
 * else unchanged: a failure of the content being written stays what it is, Node's own argument
 * errors (`ERR_…` codes, no system call) included.
 * @example try { writeFileSync(tmp, data) } catch (error) { throw asOutputError(path, error) }
 */
export function asOutputError(path: string, error: unknown): unknown {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string' && !(error instanceof OutputError) ? new OutputError(path, error as NodeJS.ErrnoException) : error;
}

function systemReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOSPC': case 'EDQUOT': return 'no space left on the device';
    case 'EROFS': return 'read-only file system';
    case 'ENOTDIR': case 'EEXIST': case 'EISDIR': return 'a file or folder is in the way';
    default: return error.code ?? error.message;
  }
}

/** A whole file rejected: its one reject (line 0 unless a line is named). */
export function fileReject(path: string, reason: string, line = 0): Reject {
  return { path, line, reason };
}

/** Reasons for rejecting a file or a record. */
export const reasons = {
  /** A read the system refused (permissions, a file removed meanwhile …). */
  cannotRead: (error: unknown) => `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  emptyFile: 'empty file',
  utf16: 'UTF-16 text: re-save the file as UTF-8',
  binary: 'binary file (contains NUL bytes), not an article',
  truncated: 'truncated: the file ends in the middle of a character (copy it again)',
  notUtf8: 'not valid UTF-8: re-save the file as UTF-8',
  unsupportedType: 'unsupported file type: use .md, .txt, .json, .ndjson, .jsonl, .csv, .arrow or .parquet',
  unreadableArrow: (error: unknown) => `unreadable Arrow IPC file: ${(error as Error).message}`,
  unreadableParquet: (error: unknown) => `unreadable Parquet file: ${(error as Error).message}`,
  invalidJson: (error: unknown) => `invalid JSON (${(error as Error).message}); for one record per line use .ndjson`,
  notJsonArray: 'JSON must be an array of article records',
  invalidJsonLine: 'invalid JSON on this line',
  csvHeader: 'CSV header must name the article columns (id,title,…,url)',
  unreadableCsv: (error: unknown) => `unreadable CSV: ${(error as Error).message}`,
  // A record of a structured file (JSON, NDJSON, CSV, Arrow, Parquet).
  notAnObject: 'not an object: each record must be a JSON object with the article fields',
  noTitle: 'no title',
  noUrlId: (url: string | null | undefined) => `no numeric article id in the URL: ${url ?? '(missing)'}`,
  invalidDate: (text: unknown, why: string) => `invalid published date: ${JSON.stringify(text ?? null)}${why}`,
  badCounts: (which: string) => `unreadable or missing counts: ${which}`,
  // A markdown article's header.
  noMarkdownTitle: 'no title: the first line should be "# Title"',
  noHeaderBlock: 'no header block: expected {% hint style="info" %} after the title',
  headerNotClosed: 'header block not closed: {% endhint %} is missing',
  noOriginal: 'no Original line: the article id comes from its URL',
  noOriginalId: (url: string) => `no numeric article id in the Original URL: ${url}`,
  invalidPublished: (text: string, why: string | null) => `invalid Published date: "${text}" (${why})`,
  noPublished: 'no Published line',
  noStats: 'no Stats line (views, comments, collects)',
  badStatsCount: (name: string, problem: string, line: string) => `Stats line has no readable ${name} count${problem}: "${line}"`,
} as const;

/** Warnings: the record is kept, with what was decided. */
export const warnings = {
  categoryDisagrees: (name: string, fromUrl: string) => `category "${name}" disagrees with the URL's "${fromUrl}"; using the URL's`,
  categoryLineDisagrees: (name: string, fromUrl: string) => `Category line says "${name}" but the Original URL says "${fromUrl}"; using the URL's`,
} as const;

/** Why a file found by the walk is not read as an article (by its kind; undefined: it is read). */
export const skipReasons: Readonly<Record<string, string>> = {
  index: 'index page',
  other: 'not an article file type',
  'broken-link': 'broken symbolic link',
  fifo: 'not a regular file: a FIFO (named pipe), never read',
  socket: 'not a regular file: a socket, never read',
  device: 'not a regular file: a device, never read',
  'unreadable-folder': 'unreadable folder: its files were not read (check its permissions)',
};
