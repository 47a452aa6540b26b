/**
 * Worker thread of the parse pool: receives a batch of files, reads and parses each, and posts
 * the results back in the same order.
 */
import { parentPort } from 'node:worker_threads';
import type { DiscoveredFile } from './discover.ts';
import { readAndParse } from './parse-file.ts';

parentPort?.on('message', (message: { batch: number; files: DiscoveredFile[] }) => {
  parentPort!.postMessage({ batch: message.batch, parsed: message.files.map(readAndParse) });
});
