/**
 * A large NDJSON file scanned by several threads at once: cut into chunks of a few MB, which this
 * thread claims from the front of the file and the workers from the back (pool/chunk-claims.ts)
 * until none is left; then the chunks are put back in file order, with rejects and warnings
 * renumbered to the file's lines.
 */
import { statSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { type ParsedFile, rejectedFile } from '../formats/parsed-file.ts';
import { type ScannedChunks, scanNdjsonChunks } from '../formats/ndjson-file.ts';
import { claimFromFront, MAX_CHUNKS, newClaims, stopClaims } from './chunk-claims.ts';
import { startWorker, once } from './workers.ts';

/**
 * Bytes of a chunk: small enough that the thread finishing last waits little for the other
 * (a 4 MB chunk scans in ~30 ms here), large enough that claiming one costs nothing.
 */
export const NDJSON_CHUNK_BYTES = 4 << 20;

/** The chunks a file of `size` bytes is cut into. */
export function chunkCount(size: number, chunkBytes = NDJSON_CHUNK_BYTES): number {
  return Math.max(1, Math.min(MAX_CHUNKS, Math.ceil(size / chunkBytes)));
}

/** What a worker is asked: to scan chunks of the file claimed from the back (parse-worker.ts). */
export interface ChunksJob {
  path: string;
  size: number;
  chunks: number;
  claims: Int32Array;
}

/** How scanNdjsonInWorkers runs. */
export interface SplitOptions {
  /** Called once, when the first thread has no chunk left (a core is free). */
  whenCoreFree?: () => void;
  /** @default NDJSON_CHUNK_BYTES */
  chunkBytes?: number;
  /** @default startWorker (tests pass workers that fail) */
  start?: () => Pick<Worker, 'once' | 'postMessage' | 'terminate'>;
}

/**
 * Scans one large NDJSON file on `workers` threads (this one and workers - 1 workers); the
 * result is as scanning it whole would give: its rows in file order (as parts of the threads'
 * batches), rejects and warnings numbered from the file's first line. A worker that fails (it
 * cannot start, or dies) leaves the chunks it claimed to this thread, which scans them after.
 */
export async function scanNdjsonInWorkers(path: string, workers: number, options: SplitOptions = {}): Promise<ParsedFile> {
  const coreFree = once(options.whenCoreFree);
  const size = statSync(path).size;
  const chunks = chunkCount(size, options.chunkBytes);
  const claims = newClaims();
  const helpers = Array.from({ length: workers - 1 }, () => (options.start ?? startWorker)());
  const others = helpers.map((worker) => new Promise<ScannedChunks>((resolve, reject) => {
    worker.once('message', (message: { scannedChunks: ScannedChunks }) => {
      coreFree();
      resolve(message.scannedChunks);
      void worker.terminate();
    });
    worker.once('error', reject);
    const job: ChunksJob = { path, size, chunks, claims };
    worker.postMessage({ chunksJob: job });
  }));
  const stop = () => stopClaims(claims, chunks);
  let results: ScannedChunks[];
  try {
    results = [scanNdjsonChunks(path, size, chunks, () => claimFromFront(claims, chunks), stop)];
  } catch (error) {
    stop();
    await Promise.all(helpers.map((worker) => worker.terminate()));
    throw error;
  }
  coreFree();
  for (const outcome of await Promise.allSettled(others)) if (outcome.status === 'fulfilled') results.push(outcome.value);
  const left = results.some((result) => result.problem) ? [] : unscanned(chunks, results);
  if (left.length) results.push(scanNdjsonChunks(path, size, chunks, () => left.shift() ?? -1, stop));
  return inFileOrder(path, chunks, results);
}

/** The chunks no result holds, in order. */
function unscanned(chunks: number, results: readonly ScannedChunks[]): number[] {
  const scanned = new Uint8Array(chunks);
  for (const result of results) for (const { chunk } of result.chunks) scanned[chunk] = 1;
  return Array.from({ length: chunks }, (_, k) => k).filter((k) => !scanned[k]);
}

/** The threads' chunks as one parsed file, in file order; consecutive rows of one batch as one part. */
export function inFileOrder(path: string, chunks: number, results: readonly ScannedChunks[]): ParsedFile {
  const problem = results.find((result) => result.problem)?.problem;
  if (problem) return rejectedFile(path, problem);
  const inOrder = results.flatMap((result) => result.chunks.map((chunk) => ({ result, chunk }))).sort((a, b) => a.chunk.chunk - b.chunk.chunk);
  if (inOrder.length !== chunks || unscanned(chunks, results).length > 0) throw new Error(`${path}: the threads scanned ${inOrder.length} of its ${chunks} chunks`);
  const out: ParsedFile = { parts: [], rejects: [], warnings: [], itemsSeen: 0 };
  for (const result of results) out.itemsSeen += result.itemsSeen;
  let linesBefore = 0;
  for (const { result, chunk } of inOrder) {
    for (const reject of result.rejects.slice(chunk.firstReject, chunk.firstReject + chunk.rejects)) out.rejects.push({ ...reject, line: reject.line + linesBefore });
    for (const warning of result.warnings.slice(chunk.firstWarning, chunk.firstWarning + chunk.warnings)) out.warnings.push({ ...warning, line: warning.line + linesBefore });
    linesBefore += chunk.lines;
    if (chunk.rows === 0) continue;
    const last = out.parts.at(-1);
    if (last && last.batch === result.batch && last.first + last.count === chunk.firstRow) last.count += chunk.rows;
    else out.parts.push({ batch: result.batch, first: chunk.firstRow, count: chunk.rows });
  }
  return out;
}
