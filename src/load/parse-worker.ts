/**
 * Worker thread of the parse pool: receives a batch of files, reads and parses each, and posts
 * the results back in the same order; or a byte range of one NDJSON file, whose columns it posts
 * back without copying; or cache files to checksum; or files to stamp (size, mtime).
 */
import { parentPort } from 'node:worker_threads';
import { type ArticleBatch, batchBuffers } from './batch.ts';
import type { DiscoveredFile } from './discover.ts';
import type { ParsedFile } from './formats.ts';
import { checksumFile } from './checksum.ts';
import { scanNdjsonFile } from './ndjson-scan.ts';
import { statPaths } from './stat-files.ts';

type Message = { batch: number; files: DiscoveredFile[] } | { range: number; path: string; start: number; end: number } | { checksums: string[] } | { stamps: string[] };

parentPort?.on('message', async (message: Message) => {
  if ('stamps' in message) {
    const stamps = statPaths(message.stamps);
    parentPort!.postMessage(stamps, [stamps.size.buffer as ArrayBuffer, stamps.mtimeMs.buffer as ArrayBuffer]);
    return;
  }
  if ('checksums' in message) {
    parentPort!.postMessage(message.checksums.map(checksumFile));
    return;
  }
  if ('range' in message) {
    const scanned = scanNdjsonFile(message.path, message.start, message.end);
    parentPort!.postMessage({ range: message.range, scanned }, batchBuffers(scanned.batch));
    return;
  }
  // The file parsers (and arquero, for Arrow files) load only in workers that parse files:
  // a worker scanning an NDJSON range starts ~150 ms sooner without them.
  const { parseFilesToBatch } = await import('./parse-file.ts');
  const parsed = parseFilesToBatch(message.files);
  parentPort!.postMessage({ batch: message.batch, parsed }, parsedBuffers(parsed));
});

/** The buffers of every batch in the results, to transfer them rather than copy. */
function parsedBuffers(parsed: readonly ParsedFile[]): ArrayBuffer[] {
  const batches = new Set<ArticleBatch>();
  for (const file of parsed) {
    if (file.rows) batches.add(file.rows.batch);
    for (const batch of file.batches ?? []) batches.add(batch);
  }
  return [...new Set([...batches].flatMap(batchBuffers))];
}
