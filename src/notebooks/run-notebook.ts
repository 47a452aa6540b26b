/**
 * Runs a notebook function on prepared input: awaits it, checks it returned a notebook, and turns
 * anything it throws into a NotebookError naming the notebook's file and line.
 */
import type { NotebookFunction, NotebookInput } from '../report/input.ts';
import type { Notebook } from '../report/notebook.ts';
import { md } from '../report/text.ts';
import { displayPath, NotebookError, notebookErrorFrom } from './notebook-error.ts';

/**
 * Runs `run(input)` for the notebook in `file` (`sources`: its files, to find the line).
 * @throws NotebookError when the notebook throws or returns something that is not a notebook
 * @example const nb = await runNotebook(imported.run, input, imported.file, imported.sources);
 */
export async function runNotebook(run: NotebookFunction, input: NotebookInput, file: string, sources: readonly string[] = [file]): Promise<Notebook> {
  let notebook: unknown;
  try {
    notebook = await run(input);
  } catch (error) {
    throw notebookErrorFrom(error, file, sources);
  }
  const cells = (notebook as { cells?: unknown } | null)?.cells;
  if (typeof (notebook as { title?: unknown } | null)?.title !== 'string' || !Array.isArray(cells)) {
    throw new NotebookError(`${displayPath(file)}: the notebook function must return a notebook (createNotebook(title) …), got ${notebook === null ? 'null' : typeof notebook}`, file);
  }
  const result = notebook as Notebook;
  // Every notebook states the filter in force, first thing.
  if (input.options.filter) result.cells.unshift({ kind: 'markdown', text: `> Filter: ${md(input.options.filter)}.` });
  return result;
}
