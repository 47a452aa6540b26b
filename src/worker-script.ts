/**
 * How the toolkit starts its worker threads: the one function that starts them (startThread), the
 * file each runs, and the limits the threads beside a report's notebooks start with. Under tsx
 * (tests, `npm run pulse`) the file is the TypeScript source, started through a small
 * `NAME-tsx.mjs` beside it that registers tsx in the new thread; in the built package it is the
 * bundle's own entry, `dist/NAME.js`.
 */
import { getPriority, setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { isMainThread, Worker, type WorkerOptions } from 'node:worker_threads';

let compilingOnEachThread = false;

/**
 * Starts a worker thread: `new Worker(script, options)`, its hot functions compiled on the thread
 * itself. By default V8 hands a function to optimize to a background compiler and goes on running
 * it unoptimized until the code is ready; but the toolkit's threads run one per core (parse
 * workers) or beside a busy thread on every core (a report's), so that compiler waits for a core
 * while the thread runs slow code. Compiling where the code is needed
 * (`--no-concurrent-recompilation`) gets it sooner: a cold load of 100,000 markdown files takes
 * ~7% less time, a 1M-article NDJSON load ~4%, the 100k and 1M reports ~0.3–0.5 s less
 * (docs/performance.md). V8 reads the flag when a thread's isolate is created, so the calling
 * thread, and threads already running, keep the default; threads started later in the process,
 * by anyone, compile on their own thread.
 * @example const worker = startThread(workerScript(import.meta.url, 'parse-worker'))
 */
export function startThread(script: URL | string, options?: WorkerOptions): Worker {
  if (!compilingOnEachThread) {
    setFlagsFromString('--no-concurrent-recompilation');
    compilingOnEachThread = true;
  }
  return new Worker(script, options);
}

/**
 * The script of worker `name`, seen from the module that starts it.
 * @param moduleUrl the starting module's `import.meta.url` (its source sits beside the worker's)
 * @example startThread(workerScript(import.meta.url, 'parse-worker'))
 */
export function workerScript(moduleUrl: string, name: string): URL {
  if (moduleUrl.endsWith('.ts')) return new URL(`./${name}-tsx.mjs`, moduleUrl);
  // Bundled, the starting module is an entry in dist/ or a shared chunk in dist/chunks/.
  return new URL(moduleUrl.includes('/chunks/') ? `../${name}.js` : `./${name}.js`, moduleUrl);
}

/**
 * The limits of the threads that work beside a report's notebooks (workbook writer, leaderboard
 * helper, title words; the chart renderer's are CHART_THREAD_LIMITS): a young generation of 3 MB, that is 1 MB semi-spaces,
 * instead of V8's default of up to 16 MB semi-spaces, which a busy thread grows to and keeps
 * resident (~32 MB each). What these threads allocate is short-lived (cells, SVG pieces, words)
 * or kept whole, so collecting their young generation more often costs no measurable time; the
 * 1M report's peak is ~60 MB lower (docs/performance.md). The old generation is not limited.
 * @example startThread(workerScript(import.meta.url, 'xlsx-worker'), { resourceLimits: SIDE_THREAD_LIMITS })
 */
export const SIDE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 3 } as const;

/**
 * The chart renderer's limits: an 8 MB young generation instead of SIDE_THREAD_LIMITS' 3 MB.
 * Vega makes far more short-lived objects a chart than the other side threads do a row, and the
 * chart thread (lowered by yieldToNotebooks) is what a report waits for last: with 3 MB it spent
 * ~0.3 s of a 100k-article report collecting. 100k report, alternated: means 4.33 against 4.52 s
 * (10 runs each) and 4.21 against 4.31 s (8); the 1M reports' peaks stay within their
 * run-to-run noise (docs/performance.md).
 * @example startThread(workerScript(import.meta.url, 'chart-worker'), { resourceLimits: CHART_THREAD_LIMITS })
 */
export const CHART_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8 } as const;

/**
 * How much a thread whose work is wanted only when a report's pages are written (chart renderer,
 * workbook writer) yields to the notebooks and the loader: its Linux nice value. At 10 such a
 * thread gets about a tenth of a core that one of them also wants, and whatever the others leave
 * idle; far less (19) would starve it behind any other busy program on the machine.
 */
export const PAGE_THREAD_NICE = 10;

/**
 * Lowers the calling thread's scheduling priority to `nice` (PAGE_THREAD_NICE by default). On
 * Linux the nice value belongs to each thread, so the rest of the process keeps its own; other
 * systems set it for the whole process, so there this does nothing. It cannot be raised back
 * without privileges. On the 2-core machine of docs/performance.md a 100k-article report took
 * ~0.2 s less with the chart and workbook threads lowered (8 runs each, alternated).
 * @returns whether the priority was lowered
 * @example yieldToNotebooks() // first thing on the chart renderer's thread
 */
export function yieldToNotebooks(nice = PAGE_THREAD_NICE): boolean {
  if (process.platform !== 'linux' || isMainThread) return false;
  try {
    setPriority(Math.max(getPriority(), nice));
    return true;
  } catch {
    return false; // not permitted here: the thread runs as it was
  }
}
