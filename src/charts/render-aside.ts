/**
 * Charts rendered on a worker thread while the calling thread goes on: a report renders a
 * notebook's charts there as soon as the notebook has run, and runs the next notebooks
 * meanwhile. The same SVG as on the calling thread (renderChart's, each chart rendered alone).
 */
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { workerScript } from '../worker-script.ts';
import { type RenderedChart, renderChart } from './render.ts';

/** Renders charts aside; close it when done (its thread never keeps the process alive). */
export interface ChartRenderer {
  /** The chart rendered (renderChart's result); rejects with the error that stopped it. */
  render(spec: TopLevelSpec): Promise<RenderedChart>;
  /** Stops the worker; charts not yet answered are rendered on this thread. */
  close(): void;
}

interface Answer {
  id: number;
  svg?: string;
  spec?: TopLevelSpec;
  warnings?: string[];
  error?: string;
}

/**
 * A chart renderer with one worker thread, started on the first chart; where no worker can
 * start (or it stops), the charts are rendered on this thread instead.
 * @example const charts = renderChartsAside(); const pending = charts.render(spec); … await pending; charts.close()
 */
export function renderChartsAside(): ChartRenderer {
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  const pending = new Map<number, { spec: TopLevelSpec; resolve: (chart: RenderedChart) => void; reject: (error: Error) => void }>();
  const fallBack = () => {
    broken = true;
    worker = undefined;
    for (const [id, job] of pending) {
      pending.delete(id);
      renderChart(job.spec).then(job.resolve, job.reject);
    }
  };
  const started = (): Worker | undefined => {
    if (worker || broken) return worker;
    try {
      worker = new Worker(workerScript(import.meta.url, 'chart-worker'));
    } catch {
      broken = true;
      return undefined;
    }
    // The thread keeps the process alive only while a chart is being rendered there.
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      if (pending.size === 0) worker?.unref();
      if (answer.error !== undefined) job.reject(new Error(answer.error));
      else job.resolve({ svg: answer.svg!, spec: answer.spec ?? job.spec, warnings: answer.warnings ?? [] });
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    return worker;
  };
  return {
    render(spec) {
      const thread = started();
      if (!thread) return renderChart(spec);
      return new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { spec, resolve, reject });
        thread.ref();
        try {
          thread.postMessage({ id, spec });
        } catch {
          // A spec that cannot be copied to another thread (it holds a function) is rendered here.
          pending.delete(id);
          if (pending.size === 0) thread.unref();
          renderChart(spec).then(resolve, reject);
        }
      });
    },
    close() {
      const thread = worker;
      broken = true;
      worker = undefined;
      if (thread) {
        thread.removeAllListeners('exit');
        void thread.terminate();
      }
      fallBack();
    },
  };
}
