/**
 * Stage 3 of a load: parse the files that need it, in order, on this thread or on worker threads
 * (pool/schedule.ts decides), a large NDJSON file split by lines across them.
 */
import { readFileSync, statSync } from 'node:fs';
import type { DiscoveredFile } from './walk/discover.ts';
import { type ParsedFile, rejectedFile } from './formats/parsed-file.ts';
import { parseInWorkers } from './pool/parse-pool.ts';
import { scanNdjsonInWorkers } from './pool/ndjson-split.ts';
import { WorkerReserve } from './pool/workers.ts';
import { NDJSON_SPLIT_BYTES, ndjsonSplit, parseWorkers } from './pool/schedule.ts';
import { reasons } from '../errors.ts';

export async function readAndParseParquet(file: DiscoveredFile): Promise<ParsedFile> {
  try {
    const { parseParquetBytes } = await import('./formats/parquet.ts');
    return await parseParquetBytes(file.path, readFileSync(file.path));
  } catch (error) {
    return rejectedFile(file.path, reasons.cannotRead(error));
  }
}

export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Files parsed on this thread between progress reports (and turns of the event loop). */
export const PROGRESS_STEP = 256;

/** Parses files in order, yielding to the event loop now and then so a progress bar can redraw. */
export async function parseAll(
  files: readonly DiscoveredFile[], onProgress?: (done: number, total: number) => void, workers?: number, whenCoreFree?: () => void,
  reserve?: WorkerReserve,
): Promise<ParsedFile[]> {
  if (files.some((file) => file.kind === 'parquet')) {
    // Parquet decoding is asynchronous: those files are read here, the rest as usual, in order.
    const others = files.filter((file) => file.kind !== 'parquet');
    const parsedOthers = await parseAll(others, onProgress, workers, whenCoreFree, reserve);
    let next = 0;
    const out: ParsedFile[] = [];
    for (const file of files) out.push(file.kind === 'parquet' ? await readAndParseParquet(file) : parsedOthers[next++]!);
    return out;
  }
  const split = ndjsonSplit(workers);
  const big = new Set(split > 1 ? files.filter((file) => file.kind === 'ndjson' && sizeOf(file.path) >= NDJSON_SPLIT_BYTES) : []);
  if (big.size > 0) {
    // A large NDJSON file is split by lines across the workers; the other files go the usual way.
    const parsedOthers = await parseAll(files.filter((file) => !big.has(file)), onProgress, workers, whenCoreFree, reserve);
    let next = 0;
    const out: ParsedFile[] = [];
    for (const file of files) out.push(big.has(file) ? await scanNdjsonInWorkers(file.path, split, whenCoreFree) : parsedOthers[next++]!);
    return out;
  }
  const pool = parseWorkers(files.length, workers);
  if (files.length === 0) return [];
  if (pool > 0) return parseInWorkers(files, pool, onProgress, whenCoreFree, reserve);
  const { parseFilesToBatch } = await import('./formats/parse-file.ts');
  const parsed: ParsedFile[] = [];
  for (let i = 0; i < files.length; i += PROGRESS_STEP) {
    parsed.push(...parseFilesToBatch(files.slice(i, i + PROGRESS_STEP)));
    if (onProgress) {
      onProgress(parsed.length, files.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return parsed;
}
