/**
 * The load's worker threads: the one place they are started (startWorker), and a reserve of
 * workers started ahead of need. Each runs parse-worker.ts, which answers every kind of job.
 */
import type { Worker } from 'node:worker_threads';
import { startThread, workerScript } from '../../worker-script.ts';

/**
 * A new parse worker: the one place a load starts a thread. Each one answers every kind of
 * message (parse a batch of files or of walked paths, scan chunks of an NDJSON file, stamp
 * files, check cache sums: parse-worker.ts), so the reserve below serves every stage.
 */
export function startWorker(): Worker {
  return startThread(workerScript(import.meta.url, 'parse-worker'));
}

/**
 * Worker threads started before they are needed (while files are still being discovered) and
 * handed to the first stage that asks: a worker takes ~75 ms to start here. release() terminates
 * the ones nobody took.
 */
export class WorkerReserve {
  private readonly idle: Worker[] = [];
  private readonly dropOnError = new Map<Worker, () => void>();

  /** Workers waiting to be taken. */
  get waiting(): number {
    return this.idle.length;
  }

  /** Starts workers until `count` wait in the reserve. */
  fill(count: number): void {
    while (this.idle.length < count) {
      const worker = startWorker();
      // A worker that fails before anyone took it leaves the reserve (and takes nothing down).
      const drop = () => {
        this.idle.splice(this.idle.indexOf(worker) >>> 0, 1);
        this.dropOnError.delete(worker);
      };
      worker.on('error', drop);
      this.dropOnError.set(worker, drop);
      this.idle.push(worker);
    }
  }

  /** `count` workers: reserved ones first, new ones for the rest. */
  take(count: number): Worker[] {
    const taken = this.idle.splice(0, count);
    for (const worker of taken) {
      worker.off('error', this.dropOnError.get(worker)!);
      this.dropOnError.delete(worker);
    }
    while (taken.length < count) taken.push(startWorker());
    return taken;
  }

  /** Terminates the workers nobody took. */
  async release(): Promise<void> {
    this.dropOnError.clear();
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }
}

/** A callback that runs on its first call only. */
export function once(callback: (() => void) | undefined): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    callback?.();
  };
}
