/**
 * Bench case: every chart of every notebook for an input, rendered twice (the first warms vega
 * up); prints the slowest and largest chart, and one line per chart. Then the charts drawn as PNG
 * are encoded by resvg's own encoder and by encodePng, alternated (5 rounds, the first a warm-up):
 * each one's median time for all the charts, and their bytes. Usage: charts.ts PATH
 */
import { BUILT_IN_NOTEBOOKS } from '../../src/cli/report-command.ts';
import { renderSvg } from '../../src/charts/render.ts';
import { pngDrawer, pngFonts } from '../../src/charts/png.ts';
import { encodePng } from '../../src/charts/png-encode.ts';
import { median } from '../measure.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { prepareNotebookInput } from '../../src/report/input.ts';

const load = await loadArticles([process.argv[2]!]);
const input = prepareNotebookInput(load, {});
const charts: { name: string; ms: number; bytes: number }[] = [];
const svgs: string[] = [];
for (const notebook of BUILT_IN_NOTEBOOKS) {
  for (const cell of (await notebook.run(input)).cells) {
    if (cell.kind !== 'chart') continue;
    await renderSvg(cell.spec);
    const start = performance.now();
    const svg = await renderSvg(cell.spec);
    charts.push({ name: `${notebook.name}/${cell.name}`, ms: Math.round(performance.now() - start), bytes: Buffer.byteLength(svg) });
    svgs.push(svg);
  }
}

// PNG encoding only: the charts are drawn once, then encoded each way in turn.
const drawer = await pngDrawer(await pngFonts(svgs));
const drawn = await Promise.all(svgs.map((svg) => drawer.pixels(svg)));
drawer.close();
// Both encode on this thread, synchronously: the total bytes each writes.
const encoders = { resvg: () => drawn.reduce((sum, chart) => sum + chart.asPng().length, 0), encodePng: () => drawn.reduce((sum, chart) => sum + encodePng(chart).length, 0) };
const encodeMs: Record<string, number[]> = { resvg: [], encodePng: [] };
const pngBytes: Record<string, number> = {};
for (let round = 0; round < 5; round++) {
  for (const [name, encode] of Object.entries(encoders)) {
    const start = performance.now();
    pngBytes[name] = encode();
    if (round > 0) encodeMs[name]!.push(performance.now() - start);
  }
}
for (const chart of charts) console.error(`${chart.name.padEnd(48)} ${String(chart.ms).padStart(5)} ms ${String(chart.bytes).padStart(9)} bytes`);
const slowest = charts.reduce((a, b) => (b.ms > a.ms ? b : a));
const largest = charts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
console.log(JSON.stringify({ articles: load.stats.loaded, charts: charts.length, slowest: slowest.name, slowestMs: slowest.ms, largest: largest.name, largestBytes: largest.bytes,
  pngResvgMs: Math.round(median(encodeMs.resvg!)), pngResvgBytes: pngBytes.resvg!, pngEncodeMs: Math.round(median(encodeMs.encodePng!)), pngEncodeBytes: pngBytes.encodePng! }));
