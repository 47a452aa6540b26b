/**
 * A large NDJSON file scanned by several threads at once: split at line starts in proportion to
 * each thread's share, this thread scanning the first range while workers scan the rest; rejects
 * and warnings renumbered to the file's lines.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type ParsedFile, rejectedFile } from '../formats/parsed-file.ts';
import { type ScannedNdjson, scanNdjsonFile } from '../formats/ndjson-scan.ts';
import { startWorker, once } from './workers.ts';

/**
 * Offsets that split a file into ranges in proportion to `weights`, each starting at the start
 * of a line.
 */
export function lineAlignedSplits(path: string, weights: readonly number[]): number[] {
  const parts = weights.length;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const window = new Uint8Array(1 << 16);
    const splits = [0];
    let before = 0;
    for (let k = 1; k < parts; k++) {
      before += weights[k - 1]!;
      let at = Math.max(Math.floor((size * before) / total), splits[splits.length - 1]!);
      for (;;) {
        const read = readSync(fd, window, 0, window.length, at);
        if (read === 0) {
          at = size;
          break;
        }
        const nl = window.subarray(0, read).indexOf(0x0a);
        if (nl >= 0) {
          at += nl + 1;
          break;
        }
        at += read;
      }
      splits.push(at);
    }
    splits.push(size);
    return splits;
  } finally {
    closeSync(fd);
  }
}

/**
 * Scans one large NDJSON file on `workers` threads, each taking a range of whole lines; the
 * batches come back in file order and line numbers are fixed up to count from the file's start.
 * @param whenCoreFree called once, when the first worker has finished (a core is free)
 */
export async function scanNdjsonInWorkers(path: string, workers: number, whenCoreFree?: () => void): Promise<ParsedFile> {
  const coreFree = once(whenCoreFree);
  // This thread scans the first range while workers - 1 threads scan the rest: no thread waits
  // idle, and this thread starts ~100 ms before a worker can, so its range is a little larger.
  const splits = lineAlignedSplits(path, [1.1, ...Array.from({ length: workers - 1 }, () => 1)]);
  const helpers: Worker[] = [];
  const others = splits.slice(1, -1).map((start, k) => new Promise<ScannedNdjson>((resolve, reject) => {
    const worker = startWorker();
    helpers.push(worker);
    worker.once('message', (message: { scanned: ScannedNdjson }) => {
      coreFree();
      resolve(message.scanned);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage({ range: k + 1, path, start, end: splits[k + 2]! });
  }));
  let first: ScannedNdjson;
  try {
    first = scanNdjsonFile(path, splits[0], splits[1]);
  } catch (error) {
    await Promise.all(helpers.map((worker) => worker.terminate()));
    throw error;
  }
  coreFree();
  const results = [first, ...(await Promise.all(others))];
  const problem = results.find((result) => result.problem)?.problem;
  if (problem) return rejectedFile(path, problem);
  const out: ParsedFile = { parts: [], rejects: [], warnings: [], itemsSeen: 0 };
  let linesBefore = 0;
  for (const result of results) {
    for (const reject of result.rejects) out.rejects.push({ ...reject, line: reject.line + linesBefore });
    for (const warning of result.warnings) out.warnings.push({ ...warning, line: warning.line + linesBefore });
    if (result.batch.n > 0) out.parts.push({ batch: result.batch, first: 0, count: result.batch.n });
    out.itemsSeen += result.itemsSeen;
    linesBefore += result.lines;
  }
  return out;
}
