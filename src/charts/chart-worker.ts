/**
 * The worker thread of renderChartsAside: renders the charts it is sent, one after the other
 * (vega numbers SVG definitions globally, so renders do not interleave), and answers each with
 * its SVG, the spec it was rendered from and vega's warnings; draws SVGs it is sent as PNG.
 */
import { parentPort } from 'node:worker_threads';
import { collectWhenHeapGrown } from '../free-memory.ts';
import { svgsToPngs } from './png.ts';
import { renderChart, warmChartEngine } from './render.ts';
import { yieldToNotebooks } from '../worker-script.ts';
import type { ChartAnswer, ChartJob } from './render-aside.ts';

// Charts are wanted when the pages are written: until then the notebooks and the loader come first.
yieldToNotebooks();
// The engine loads before the first chart is asked for (the thread starts ahead of it).
warmChartEngine();

let queue = Promise.resolve();
parentPort!.on('message', (job: ChartJob) => {
  queue = queue.then(async () => {
    try {
      if ('svgs' in job) {
        const pngs = [...await svgsToPngs(new Map(job.svgs), job.fonts)];
        parentPort!.postMessage({ id: job.id, pngs } satisfies ChartAnswer, pngs.map(([, png]) => png.buffer as ArrayBuffer));
        return;
      }
      const rendered = await renderChart(job.spec);
      // The spec goes back only when fitting its title changed it.
      parentPort!.postMessage({ id: job.id, svg: rendered.svg, warnings: rendered.warnings, ...(rendered.spec === job.spec ? {} : { spec: rendered.spec }) } satisfies ChartAnswer);
      collectWhenHeapGrown();
    } catch (error) {
      parentPort!.postMessage({ id: job.id, error: (error as Error)?.message ?? String(error) } satisfies ChartAnswer);
    }
  });
});
