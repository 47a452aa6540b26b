/**
 * Bench case: every chart of every notebook for an input, rendered twice (the first warms vega
 * up); prints the slowest and largest chart, and one line per chart. Usage: charts.ts PATH
 */
import { BUILT_IN_NOTEBOOKS } from '../../src/cli/report-command.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { prepareNotebookInput } from '../../src/report/input.ts';

const load = await loadArticles([process.argv[2]!]);
const input = prepareNotebookInput(load, {});
const charts: { name: string; ms: number; bytes: number }[] = [];
for (const notebook of BUILT_IN_NOTEBOOKS) {
  for (const cell of (await notebook.run(input)).cells) {
    if (cell.kind !== 'chart') continue;
    await renderSvg(cell.spec);
    const start = performance.now();
    const svg = await renderSvg(cell.spec);
    charts.push({ name: `${notebook.name}/${cell.name}`, ms: Math.round(performance.now() - start), bytes: Buffer.byteLength(svg) });
  }
}
for (const chart of charts) console.error(`${chart.name.padEnd(48)} ${String(chart.ms).padStart(5)} ms ${String(chart.bytes).padStart(9)} bytes`);
const slowest = charts.reduce((a, b) => (b.ms > a.ms ? b : a));
const largest = charts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
console.log(JSON.stringify({ articles: load.stats.loaded, charts: charts.length, slowest: slowest.name, slowestMs: slowest.ms, largest: largest.name, largestBytes: largest.bytes }));
