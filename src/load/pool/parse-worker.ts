/**
 * Worker thread of the parse pool: receives a batch of files (or of a walk's paths, which it
 * classifies first), reads and parses each, and posts the results back in the same order; or a
 * byte range of one NDJSON file, whose columns it posts
 * back without copying; or cache files to checksum; or files to stamp (size, mtime).
 */
import { parentPort } from 'node:worker_threads';
import { batchBuffers } from '../table/batch.ts';
import type { Utf8Strings } from '../table/batch-text.ts';
import type { DiscoveredFile } from '../walk/discover.ts';
import { checksumFile } from '../cache/checksum.ts';
import { packedBuffers, packFiles } from './packed-files.ts';
import { scanNdjsonFile } from '../formats/ndjson-scan.ts';
import { statPaths } from '../walk/stat-files.ts';

type Message = { batch: number; files: DiscoveredFile[] } | { batch: number; paths: Utf8Strings } | { range: number; path: string; start: number; end: number } | { checksums: string[] } | { stamps: string[] };

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
  // The file parsers load only in workers that parse files: a worker scanning an NDJSON range
  // starts sooner without them.
  const { parseFilesToBatch, parsePoolBatch } = await import('../formats/parse-file.ts');
  if ('paths' in message) {
    // A batch of a walk's path pool: the paths made, classified and parsed here.
    const { parsed, skipped } = parsePoolBatch(message.paths);
    const files = packFiles(parsed);
    parentPort!.postMessage({ batch: message.batch, files, skipped }, packedBuffers(files));
    return;
  }
  const files = packFiles(parseFilesToBatch(message.files));
  parentPort!.postMessage({ batch: message.batch, files }, packedBuffers(files));
});

