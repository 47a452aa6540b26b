/**
 * Charts rendered on a worker thread while the calling thread goes on: a report renders each
 * chart there as soon as its notebook adds it, and runs the rest of its notebooks meanwhile, and
 * has the thread draw each chart's PNG as soon as its SVG is rendered. The same SVG as on the
 * calling thread (renderChart's, each chart rendered alone), the same PNGs (svgsToPngs').
 */
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { SIDE_THREAD_LIMITS, startThread, workerScript } from '../worker-script.ts';
import { type FontWeight, subsetFont } from './fonts.ts';
import { svgsToPngs } from './png.ts';
import { type RenderedChart, renderChart } from './render.ts';

/**
 * A chart rendered aside. With `png` asked for, its PNG as the thread draws it (svgsToPngs' of
 * the SVG alone); undefined where the thread could not draw it, for the caller to draw instead.
 */
export interface ChartAside extends RenderedChart {
  png?: Promise<Uint8Array | undefined>;
}

/** Renders charts aside; close it when done (its thread never keeps the process alive). */
export interface ChartRenderer {
  /**
   * The chart rendered (renderChart's result); rejects with the error that stopped it. With
   * `png`, the thread then draws it as PNG while it renders the next charts.
   */
  render(spec: TopLevelSpec, options?: { png?: boolean }): Promise<ChartAside>;
  /**
   * PNGs of SVG charts by the same keys (svgsToPngs'), drawn with these fonts (pngFonts') or the
   * charts' own characters; rejects with the error that stopped them.
   */
  pngs(svgs: ReadonlyMap<string, string>, fonts?: readonly Uint8Array[]): Promise<Map<string, Uint8Array>>;
  /**
   * The shipped font's weight cut to `text` (subsetFont's), on the thread, which loads the font
   * as it starts, while this thread loads the articles.
   */
  subsetFont(weight: FontWeight, text: string): Promise<Uint8Array>;
  /**
   * Starts the worker now rather than on the first chart: it loads the chart engine (~0.4 s of
   * one core) while this thread loads the articles.
   */
  start(): void;
  /** Stops the worker; work not yet answered is done on this thread. */
  close(): void;
}

/**
 * What the thread is asked: a chart to render (and, with `pngId`, to draw once rendered, answered
 * under that id), or SVGs to draw as PNG.
 */
export type ChartJob =
  | { id: number; spec: TopLevelSpec; pngId?: number }
  | { id: number; svgs: [string, string][]; fonts?: readonly Uint8Array[] | undefined }
  | { id: number; weight: FontWeight; text: string };

export interface ChartAnswer {
  id: number;
  svg?: string;
  spec?: TopLevelSpec;
  warnings?: string[];
  pngs?: [string, Uint8Array][];
  png?: Uint8Array;
  font?: Uint8Array;
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
      worker = startThread(workerScript(import.meta.url, 'chart-worker'), { resourceLimits: SIDE_THREAD_LIMITS });
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
  /** A job's answer to come under a new id; `here` does the job on this thread when the thread cannot. */
  const expect = <T>(here: () => Promise<T>, answer: (answer: ChartAnswer) => T): { id: number; answered: Promise<T> } => {
    const id = next++;
    const answered = new Promise<T>((resolve, reject) => {
      pending.set(id, { here, answer, resolve: resolve as (value: unknown) => void, reject });
    });
    return { id, answered };
  };
  /** Sends a job to the thread; where it cannot be sent, its awaited answers are done here instead. */
  const send = (thread: Worker, job: ChartJob, ids: number[]) => {
    thread.ref();
    try {
      thread.postMessage(job);
    } catch {
      // A spec that cannot be copied to another thread (it holds a function) is rendered here.
      for (const id of ids) {
        const waiting = pending.get(id)!;
        pending.delete(id);
        waiting.here().then(waiting.resolve, waiting.reject);
      }
      if (pending.size === 0) thread.unref();
    }
  };
  /** Sends a job to the thread, or does it here when there is none or the job cannot be sent. */
  const ask = <T>(job: Omit<ChartJob, 'id'>, here: () => Promise<T>, answer: (answer: ChartAnswer) => T): Promise<T> => {
    const thread = started();
    if (!thread) return here();
    const { id, answered } = expect(here, answer);
    send(thread, { id, ...job } as ChartJob, [id]);
    return answered;
  };
  const chartOf = (spec: TopLevelSpec) => (a: ChartAnswer): RenderedChart => ({ svg: a.svg!, spec: a.spec ?? spec, warnings: a.warnings ?? [] });
  return {
    render(spec, { png = false } = {}) {
      const thread = png ? started() : undefined;
      if (!thread) return ask({ spec }, () => renderChart(spec), chartOf(spec));
      const chart = expect(() => renderChart(spec), chartOf(spec));
      // Not drawn here when the thread cannot: the caller draws the charts it has no PNG of.
      const drawn = expect(async () => undefined, (a) => a.png);
      drawn.answered.catch(() => {});
      send(thread, { id: chart.id, spec, pngId: drawn.id }, [chart.id, drawn.id]);
      return chart.answered.then((rendered) => ({ ...rendered, png: drawn.answered }));
    },
    pngs(svgs, fonts) {
      return ask({ svgs: [...svgs], fonts }, () => svgsToPngs(svgs, fonts), (a) => new Map(a.pngs));
    },
    subsetFont(weight, text) {
      return ask({ weight, text }, () => subsetFont(weight, text), (a) => a.font!);
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
