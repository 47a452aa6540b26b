/**
 * The worker thread of renderChartsAside: renders the charts it is sent, one after the other
 * (vega numbers SVG definitions globally, so renders do not interleave), and answers each with
 * its SVG, the spec it was rendered from and vega's warnings.
 */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './render.ts';

let queue = Promise.resolve();
parentPort!.on('message', ({ id, spec }: { id: number; spec: TopLevelSpec }) => {
  queue = queue.then(async () => {
    try {
      const rendered = await renderChart(spec);
      // The spec goes back only when fitting its title changed it.
      parentPort!.postMessage({ id, svg: rendered.svg, warnings: rendered.warnings, ...(rendered.spec === spec ? {} : { spec: rendered.spec }) });
    } catch (error) {
      parentPort!.postMessage({ id, error: (error as Error)?.message ?? String(error) });
    }
  });
});
