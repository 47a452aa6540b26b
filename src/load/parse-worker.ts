/**
 * Worker thread of the parse pool: receives a batch of files, reads and parses each, and posts
 * the results back in the same order; or a byte range of one NDJSON file, whose columns it posts
 * back without copying.
 */
import { parentPort } from 'node:worker_threads';
import { batchBuffers } from './batch.ts';
import type { DiscoveredFile } from './discover.ts';
import { scanNdjsonFile } from './ndjson-scan.ts';
import { readAndParse } from './parse-file.ts';

type Message = { batch: number; files: DiscoveredFile[] } | { range: number; path: string; start: number; end: number };

parentPort?.on('message', (message: Message) => {
  if ('range' in message) {
    const scanned = scanNdjsonFile(message.path, message.start, message.end);
    parentPort!.postMessage({ range: message.range, scanned }, batchBuffers(scanned.batch));
    return;
  }
  parentPort!.postMessage({ batch: message.batch, parsed: message.files.map(readAndParse) });
});
