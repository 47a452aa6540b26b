/**
 * The worker thread of renderChartsAside: renders the charts it is sent, one after the other
 * (vega numbers SVG definitions globally, so renders do not interleave), and answers each with
 * its SVG, the spec it was rendered from and vega's warnings; draws a chart as PNG once rendered
 * when asked (while it renders the next), and SVGs it is sent as PNG; cuts the shipped font.
 */
import { parentPort } from 'node:worker_threads';
import { collectWhenHeapGrown } from '../free-memory.ts';
import { subsetFont } from './fonts.ts';
import { svgsToPngs } from './png.ts';
import { renderChart, warmChartEngine } from './render.ts';
import type { ChartAnswer, ChartJob } from './render-aside.ts';

// The engine loads before the first chart is asked for (the thread starts ahead of it).
warmChartEngine();

/**
 * Draws a rendered chart as PNG and answers under `id`, without the image where it cannot be
 * drawn (the caller then draws it). Drawing is mostly on libuv's threads: the next chart renders
 * meanwhile.
 */
function drawChart(id: number, svg: string): void {
  svgsToPngs(new Map([['', svg]])).then(
    (pngs) => {
      const png = pngs.get('')!;
      parentPort!.postMessage({ id, png } satisfies ChartAnswer, [png.buffer as ArrayBuffer]);
    },
    () => parentPort!.postMessage({ id } satisfies ChartAnswer),
  );
}

let queue = Promise.resolve();
parentPort!.on('message', (job: ChartJob) => {
  queue = queue.then(async () => {
    try {
      if ('weight' in job) {
        const font = await subsetFont(job.weight, job.text);
        parentPort!.postMessage({ id: job.id, font } satisfies ChartAnswer, [font.buffer as ArrayBuffer]);
        return;
      }
      if ('svgs' in job) {
        const pngs = [...await svgsToPngs(new Map(job.svgs), job.fonts)];
        parentPort!.postMessage({ id: job.id, pngs } satisfies ChartAnswer, pngs.map(([, png]) => png.buffer as ArrayBuffer));
        return;
      }
      const rendered = await renderChart(job.spec);
      // The spec goes back only when fitting its title changed it.
      parentPort!.postMessage({ id: job.id, svg: rendered.svg, warnings: rendered.warnings, ...(rendered.spec === job.spec ? {} : { spec: rendered.spec }) } satisfies ChartAnswer);
      if (job.pngId !== undefined) drawChart(job.pngId, rendered.svg);
      collectWhenHeapGrown();
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: (error as Error)?.message ?? String(error) } satisfies ChartAnswer);
      if ('pngId' in job && job.pngId !== undefined) parentPort!.postMessage({ id: job.pngId } satisfies ChartAnswer);
    }
  });
});
