/**
 * The analysis helper threads: started by a leaderboard of many articles (leaderboard-rows.ts) and
 * kept for the rest of the process, one per other core up to three. They run
 * leaderboard-worker.ts: chunks of a leaderboard's rows, the pages of shared memory made ahead,
 * and the rows of a large CSV (src/export/csv-aside.ts). They never keep the process alive.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { SIDE_THREAD_LIMITS, startThread, workerScript } from '../worker-script.ts';
import { TEXT_FAILED, type TextRead } from '../load/table/source-text.ts';

/** What a helper is sent to read text into shared memory (readTextsInto). */
export interface ReadTextJob {
  readText: TextRead[];
  ready: Int32Array;
}

/**
 * A helper thread already running (started by a leaderboard of many articles), for other work
 * worth sharing; undefined when none is.
 * @example const helper = runningHelper()
 */
export function runningHelper(): Worker | undefined {
  return helperThreads?.[0];
}

/**
 * Stops the helper threads (the next leaderboard that shares starts new ones).
 * @example afterAll(stopHelpers)
 */
export async function stopHelpers(): Promise<void> {
  const stopping = helperThreads ?? [];
  helperThreads = undefined;
  failReadsUnderway();
  await Promise.all(stopping.map((helper) => helper.terminate()));
}

/** Helper threads beside this one: one per other core, at most 3. */
const HELPER_COUNT = () => Math.min(3, availableParallelism() - 1);

let helperThreads: Worker[] | undefined;

/**
 * The helper threads, started on first use and kept for later leaderboards (they never keep the
 * process alive). None where the machine has one core or a thread cannot start.
 * @example const [helper] = runningHelpers()
 */
export function runningHelpers(): Worker[] {
  if (helperThreads) return helperThreads;
  helperThreads = [];
  for (let i = 0; i < HELPER_COUNT(); i++) {
    const helper = startHelper();
    if (helper) helperThreads.push(helper);
  }
  return helperThreads;
}

/**
 * A new helper thread, unref'd; undefined when it cannot start. A helper that stops leaves the
 * list (the chunks it held are computed by the calling thread when their wait runs out).
 * @example const helper = startHelper(); sharedLeaderboardRows(c, groups, prior, {}, { helpers: [helper!] })
 */
export function startHelper(): Worker | undefined {
  let helper: Worker;
  try {
    helper = startThread(workerScript(import.meta.url, 'leaderboard-worker'), { resourceLimits: SIDE_THREAD_LIMITS });
  } catch {
    return undefined;
  }
  helper.unref();
  const leave = () => {
    if (helperThreads) helperThreads = helperThreads.filter((other) => other !== helper);
  };
  helper.on('error', leave);
  helper.on('exit', leave);
  helper.on('exit', failReadsUnderway);
  return helper;
}

// Flags of reads sent to a helper (readTextAside); those it has set leave at the next read sent.
const readsUnderway = new Set<Int32Array>();

/** Reads sent and not done when a helper stops are told failed: no thread waits for them (they read the text themselves). */
function failReadsUnderway(): void {
  for (const ready of readsUnderway) {
    Atomics.compareExchange(ready, 0, 0, TEXT_FAILED);
    Atomics.notify(ready, 0);
  }
  readsUnderway.clear();
}

/**
 * Sends text still in its source file to a helper thread to be read into shared memory (see
 * Utf8Column.sharedBytes), starting the helpers if none runs.
 * @returns the flag the helper sets when done; undefined when no helper can run (read it yourself)
 * @example const shared = titles.sharedBytes(readTextAside)
 */
export function readTextAside(reads: TextRead[]): Int32Array | undefined {
  const [helper] = runningHelpers();
  if (!helper) return undefined;
  const ready = new Int32Array(new SharedArrayBuffer(4));
  // The ranges copied: a view of a larger array would send all of it.
  const readText = reads.map(({ text, offsets, room }) => ({ text: { ...text, starts: text.starts.slice(), lengths: text.lengths.slice() }, offsets, room }));
  for (const sent of readsUnderway) if (Atomics.load(sent, 0) !== 0) readsUnderway.delete(sent);
  readsUnderway.add(ready);
  helper.postMessage({ readText, ready } satisfies ReadTextJob);
  return ready;
}
