/**
 * Checksums of cache files: CRC-32 where zlib has it, SHA-256 otherwise, named by algorithm.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import * as zlib from 'node:zlib';

// CRC-32 (zlib's, several GB/s) detects corruption and truncation at a fraction of SHA-256's
// cost, which mattered: checking a million rows' files took 0.45 s with SHA-256.
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** A checksum computed piece by piece, named by its algorithm (SHA-256 where this Node has no zlib.crc32). */
export class Checksum {
  private value = 0;
  private length = 0;
  private readonly hash = crc32 ? undefined : createHash('sha256');

  add(bytes: Uint8Array): void {
    if (crc32) this.value = crc32(bytes, this.value);
    else this.hash!.update(bytes);
    this.length += bytes.length;
  }

  toString(): string {
    return crc32 ? `crc32:${this.value.toString(16)}:${this.length}` : `sha256:${this.hash!.digest('hex')}`;
  }
}

let scratch: Uint8Array | undefined;

/** The checksum of a file, read a few MB at a time; "unreadable: …" when it cannot be read. */
export function checksumFile(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const sum = new Checksum();
    // One buffer for every file a thread checks (4 MiB of fresh memory per file cost more than small files' reads).
    scratch ??= new Uint8Array(4 << 20);
    for (let read; (read = readSync(fd, scratch, 0, scratch.length, null)) > 0;) sum.add(scratch.subarray(0, read));
    return sum.toString();
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
