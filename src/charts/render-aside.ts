/**
 * Charts rendered on a worker thread while the calling thread goes on: a report renders each
 * chart there as soon as its notebook adds it, and runs the rest of its notebooks meanwhile; and
 * a share of their PNGs once all are in. The same SVG as on the calling thread (renderChart's,
 * each chart rendered alone), the same PNGs (svgsToPngs').
 */
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_THREAD_LIMITS, startThread, workerScript } from '../worker-script.ts';
import { svgsToPngs } from './png.ts';
import { type RenderedChart, renderChart } from './render.ts';

/** Renders charts aside; close it when done (its thread never keeps the process alive). */
export interface ChartRenderer {
  /** The chart rendered (renderChart's result); rejects with the error that stopped it. */
  render(spec: TopLevelSpec): Promise<RenderedChart>;
  /**
   * PNGs of SVG charts by the same keys (svgsToPngs'), drawn with these fonts (pngFonts') or the
   * charts' own characters; rejects with the error that stopped them.
   */
  pngs(svgs: ReadonlyMap<string, string>, fonts?: readonly Uint8Array[]): Promise<Map<string, Uint8Array>>;
  /**
   * Starts the worker now rather than on the first chart: it loads the chart engine (~0.4 s of
   * one core) while this thread loads the articles.
   */
  start(): void;
  /** Stops the worker; work not yet answered is done on this thread. */
  close(): void;
}

/** What the thread is asked: a chart to render, or SVGs to draw as PNG. */
export type ChartJob = { id: number; spec: TopLevelSpec } | { id: number; svgs: [string, string][]; fonts?: readonly Uint8Array[] | undefined };

export interface ChartAnswer {
  id: number;
  svg?: string;
  spec?: TopLevelSpec;
  warnings?: string[];
  pngs?: [string, Uint8Array][];
  error?: string;
}

/** A job waiting for its answer, and how it is done on this thread instead. */
interface Pending {
  here: () => Promise<unknown>;
  answer: (answer: ChartAnswer) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A chart renderer with one worker thread, started on the first chart (or by start()); where no worker can
 * start (or it stops), the charts are rendered on this thread instead.
 * @example const charts = renderChartsAside(); const pending = charts.render(spec); … await pending; charts.close()
 */
export function renderChartsAside(): ChartRenderer {
  let worker: Worker | undefined;
  let broken = false;
  let next = 0;
  const pending = new Map<number, Pending>();
  const fallBack = () => {
    broken = true;
    worker = undefined;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.here().then(job.resolve, job.reject);
    }
  };
  const started = (): Worker | undefined => {
    if (worker || broken) return worker;
    try {
      worker = startThread(workerScript(import.meta.url, 'chart-worker'), { resourceLimits: CHART_THREAD_LIMITS });
    } catch {
      broken = true;
      return undefined;
    }
    // The thread keeps the process alive only while a job is being done there.
    worker.unref();
    worker.on('message', (answer: ChartAnswer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      if (pending.size === 0) worker?.unref();
      if (answer.error !== undefined) job.reject(new Error(answer.error));
      else job.resolve(job.answer(answer));
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    return worker;
  };
  /** Sends a job to the thread, or does it here when there is none or the job cannot be sent. */
  const ask = <T>(job: Omit<ChartJob, 'id'>, here: () => Promise<T>, answer: (answer: ChartAnswer) => T): Promise<T> => {
    const thread = started();
    if (!thread) return here();
    return new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { here, answer, resolve: resolve as (value: unknown) => void, reject });
      thread.ref();
      try {
        thread.postMessage({ id, ...job });
      } catch {
        // A spec that cannot be copied to another thread (it holds a function) is rendered here.
        pending.delete(id);
        if (pending.size === 0) thread.unref();
        here().then(resolve, reject);
      }
    });
  };
  return {
    render(spec) {
      return ask({ spec }, () => renderChart(spec), (a) => ({ svg: a.svg!, spec: a.spec ?? spec, warnings: a.warnings ?? [] }));
    },
    pngs(svgs, fonts) {
      return ask({ svgs: [...svgs], fonts }, () => svgsToPngs(svgs, fonts), (a) => new Map(a.pngs));
    },
    start() {
      started();
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
