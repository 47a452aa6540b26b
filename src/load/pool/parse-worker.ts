/**
 * Worker thread of the parse pool: receives a batch of a file list (paths as bytes, kinds where
 * known), tells the other kinds, reads and parses each article file and posts the results back in
 * the same order; or chunks of one NDJSON file claimed from its back (pool/chunk-claims.ts), whose
 * columns it posts back without copying; or cache files to checksum; or files to stamp (size, mtime).
 */
import { parentPort } from 'node:worker_threads';
import { batchBuffers } from '../table/batch.ts';
import type { Utf8Strings } from '../table/batch-text.ts';
import { FileList } from '../walk/file-list.ts';
import { checksumFile } from '../cache/checksum.ts';
import { nativeFs } from '../native.ts';
import { packedBuffers, packFiles } from './packed-files.ts';
import { scanNdjsonChunks } from '../formats/ndjson-file.ts';
import { claimFromBack, stopClaims } from './chunk-claims.ts';
import type { ChunksJob } from './ndjson-split.ts';
import { statPaths } from '../walk/stat-files.ts';

type Message = { batch: number; paths: Utf8Strings; kinds: Uint8Array } | { chunksJob: ChunksJob } | { checksums: string[]; native?: boolean } | { stamps: string[] };

parentPort?.on('message', async (message: Message) => {
  if ('stamps' in message) {
    const stamps = statPaths(message.stamps);
    parentPort!.postMessage(stamps, [stamps.size.buffer as ArrayBuffer, stamps.mtimeMs.buffer as ArrayBuffer]);
    return;
  }
  if ('checksums' in message) {
    // The native helper's CRC-32 when the sums to match are its kind (the sender knows).
    const native = message.native ? nativeFs() : undefined;
    parentPort!.postMessage(native ? native.checksumFiles(message.checksums) : message.checksums.map(checksumFile));
    return;
  }
  if ('chunksJob' in message) {
    const { path, size, chunks, claims } = message.chunksJob;
    const scannedChunks = scanNdjsonChunks(path, size, chunks, () => claimFromBack(claims, chunks), () => stopClaims(claims, chunks));
    parentPort!.postMessage({ scannedChunks }, batchBuffers(scannedChunks.batch));
    return;
  }
  // The file parsers load only in workers that parse files: a worker scanning NDJSON chunks
  // starts sooner without them.
  const [{ parseListed }, { takeEveryHeaderBranch }] = await Promise.all([import('../formats/parse-file.ts'), import('../formats/markdown.ts')]);
  takeEveryHeaderBranch();
  // A batch of a file list: the paths made, the kinds not known yet told, and the files parsed here.
  const { parsed, skipped } = parseListed(FileList.ofPool(message.paths, message.kinds));
  const files = packFiles(parsed);
  parentPort!.postMessage({ batch: message.batch, files, skipped }, packedBuffers(files));
});
