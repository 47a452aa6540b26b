/**
 * Stage 3 of a load: parse the files that need it, in order, on this thread or on worker threads
 * (pool/schedule.ts decides), a large NDJSON file in chunks of whole lines across them.
 */
import { readFileSync, statSync } from 'node:fs';
import type { FileList } from './walk/file-list.ts';
import { type ParsedFile, rejectedFile } from './formats/parsed-file.ts';
import { parseInWorkers } from './pool/parse-pool.ts';
import { scanNdjsonInWorkers } from './pool/ndjson-split.ts';
import { WorkerReserve } from './pool/workers.ts';
import { NDJSON_SPLIT_BYTES, ndjsonSplit, parseWorkers } from './pool/schedule.ts';
import { reasons } from '../errors.ts';

export async function readAndParseParquet(path: string): Promise<ParsedFile> {
  try {
    const { parseParquetBytes } = await import('./formats/parquet.ts');
    return await parseParquetBytes(path, readFileSync(path));
  } catch (error) {
    return rejectedFile(path, reasons.cannotRead(error));
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
  files: FileList, onProgress?: (done: number, total: number) => void, workers?: number, whenCoreFree?: () => void,
  reserve?: WorkerReserve,
): Promise<ParsedFile[]> {
  if (files.length === 0) return [];
  // Files read on their own: Parquet (its decoding is asynchronous) and a large NDJSON file (split
  // by lines across the workers). The others go the usual way; the results are put back in order.
  const split = ndjsonSplit(workers);
  const apart = new Set(files.positions((kind, k) => kind === 'parquet' || (split > 1 && kind === 'ndjson' && sizeOf(files.path(k)) >= NDJSON_SPLIT_BYTES)));
  if (apart.size > 0) {
    const others = await parseAll(files.select(files.positions((_, k) => !apart.has(k))), onProgress, workers, whenCoreFree, reserve);
    let next = 0;
    const out: ParsedFile[] = [];
    for (let k = 0; k < files.length; k++) {
      if (!apart.has(k)) out.push(others[next++]!);
      else if (files.kind(k) === 'parquet') out.push(await readAndParseParquet(files.path(k)));
      else out.push(await scanNdjsonInWorkers(files.path(k), split, { whenCoreFree }));
    }
    return out;
  }
  const pool = parseWorkers(files.length, workers);
  if (pool > 0) return parseInWorkers(files, pool, onProgress, whenCoreFree, reserve);
  const { parseFilesToBatch } = await import('./formats/parse-file.ts');
  const parsed: ParsedFile[] = [];
  for (let i = 0; i < files.length; i += PROGRESS_STEP) {
    parsed.push(...parseFilesToBatch(files.slice(i, Math.min(files.length, i + PROGRESS_STEP))));
    if (onProgress) {
      onProgress(parsed.length, files.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return parsed;
}
