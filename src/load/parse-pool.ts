/**
 * Parses files on a pool of worker threads. Files go out in fixed batches, at most one batch per
 * worker at a time (memory stays bounded), and results are put back by batch number, so the
 * output order never depends on which worker finished first.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from './discover.ts';
import type { ParsedFile } from './formats.ts';

/** Files per message: large enough to amortise messaging, small enough to balance the load. */
const BATCH = 200;

/** The worker script: the TypeScript source under tsx, the built bundle's sibling otherwise. */
function workerSource(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './parse-worker-tsx.mjs' : './parse-worker.js', import.meta.url);
}

/** Default pool size: one worker per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Parses the files on `workers` threads.
 * @returns one ParsedFile per input file, in input order
 */
export async function parseInWorkers(files: readonly DiscoveredFile[], workers: number, onProgress?: (done: number, total: number) => void): Promise<ParsedFile[]> {
  const batches: DiscoveredFile[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const results = new Array<ParsedFile[]>(batches.length);
  const url = workerSource();
  let next = 0;
  let done = 0;
  const run = (worker: Worker) => new Promise<void>((resolve, reject) => {
    const send = () => {
      if (next >= batches.length) {
        resolve();
        return;
      }
      const batch = next++;
      worker.postMessage({ batch, files: batches[batch] });
    };
    worker.on('message', (message: { batch: number; parsed: ParsedFile[] }) => {
      results[message.batch] = message.parsed;
      done += message.parsed.length;
      onProgress?.(done, files.length);
      send();
    });
    worker.on('error', reject);
    send();
  });
  const pool = Array.from({ length: Math.max(1, Math.min(workers, batches.length)) }, () => new Worker(url));
  try {
    await Promise.all(pool.map(run));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results.flat();
}
