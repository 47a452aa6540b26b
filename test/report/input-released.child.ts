/**
 * Run by input-released.test.ts with --expose-gc: writes a report whose notebook's chart makes
 * Vega-Lite warn, and at the first warning (the pages are being rendered, the notebooks have all
 * run) collects garbage and prints whether the articles' table is still reachable.
 * Arguments: ARCHIVE OUT
 */
import { createNotebook } from '../../src/report/notebook.ts';
import { prepareNotebookInput } from '../../src/report/input.ts';
import { writeReport } from '../../src/report/write-report.ts';
import { loadArticles } from '../../src/load/load-articles.ts';

const [archive, out] = process.argv.slice(2) as [string, string];
const gc = (globalThis as { gc?: () => void }).gc!;
let table: WeakRef<object> | undefined;
let heldWhilePagesRender: boolean | undefined;
const entry = {
  name: 'warns',
  run: () => createNotebook('Warns').chart('bad', { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', aggregate: 'nope' } } } as never),
};
const warn = () => {
  if (heldWhilePagesRender !== undefined) return;
  gc();
  heldWhilePagesRender = table!.deref() !== undefined;
};
// Nothing here holds the input once the report has it: as `pulse report` calls it.
await loadArticles([archive]).then((load) => {
  const input = prepareNotebookInput(load);
  table = new WeakRef(input.articles);
  return writeReport(input, out, [entry], warn, () => {}, { png: false });
});
process.stdout.write(`${JSON.stringify({ heldWhilePagesRender })}\n`);
