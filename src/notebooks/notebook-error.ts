/**
 * An error in a notebook of the user's, told with the notebook's file and line: the message a
 * person needs to fix it, and the stack for the details.
 */
import { isAbsolute, relative, resolve } from 'node:path';

export class NotebookError extends Error {
  constructor(message: string, readonly notebook: string, readonly detail?: string) {
    super(message);
    this.name = 'NotebookError';
  }
}

/** A path as messages show it: relative to the current folder when inside it, else absolute. */
export function displayPath(path: string): string {
  const absolute = resolve(path);
  const inside = relative(process.cwd(), absolute);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : absolute;
}

/** `path:line:column` of the first stack frame inside one of `sources`, or null. */
export function locateInSources(stack: string, sources: readonly string[]): string | null {
  for (const line of stack.split('\n')) {
    const frame = /\(?((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!frame) continue;
    const path = frame[1]!.replace(/^file:\/\//, '');
    if (sources.includes(decodeURIComponent(path))) return `${displayPath(decodeURIComponent(path))}:${frame[2]}:${frame[3]}`;
  }
  return null;
}

/**
 * Wraps anything a notebook threw: the message prefixed with the notebook's file and line where
 * the stack shows them (else the file alone); the stack kept as detail.
 * @example throw notebookErrorFrom(error, 'notebooks/mine.ts', sources)
 */
export function notebookErrorFrom(error: unknown, notebook: string, sources: readonly string[]): NotebookError {
  if (error instanceof NotebookError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? error.stack ?? message : message;
  const where = locateInSources(stack, sources) ?? displayPath(notebook);
  return new NotebookError(`${where}: ${message}`, notebook, stack);
}
