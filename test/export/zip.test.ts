import { crc32, deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zip } from '../../src/export/zip.ts';

/** Bytes that deflate like a worksheet: repeated markup with changing numbers. */
function markup(rows: number, from = 0): Buffer {
  const parts: string[] = [];
  for (let r = from; r < from + rows; r++) parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>作者${r % 977}</t></is></c><c r="B${r}"><v>${(r * 7.31) % 1000}</v></c></row>`);
  return Buffer.from(parts.join(''), 'utf8');
}

/** The local header's CRC-32, compressed and uncompressed sizes of the archive's first entry. */
function firstHeader(archive: Uint8Array): { crc: number; packed: number; size: number } {
  const view = Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  return { crc: view.readUInt32LE(14), packed: view.readUInt32LE(18), size: view.readUInt32LE(22) };
}

describe('zip', () => {
  it('deflates an entry written in pieces into one stream that an independent reader inflates whole', () => {
    const pieces = [markup(20_000), markup(20_000, 20_000), markup(10, 40_000)];
    const whole = Buffer.concat(pieces);
    // The writer reuses one buffer for every piece, as a draining ByteWriter does.
    const shared = Buffer.alloc(Math.max(...pieces.map((p) => p.length)));
    const archive = zip([{ name: 'sheet.xml', data: (write) => {
      for (const piece of pieces) {
        piece.copy(shared);
        write(shared.subarray(0, piece.length));
      }
    } }]);
    expect(Buffer.from(unzipSync(archive)['sheet.xml']!).equals(whole)).toBe(true);
    const header = firstHeader(archive);
    expect(header.size).toBe(whole.length);
    expect(header.crc).toBe(crc32(whole) >>> 0);
    // Three pieces each flushed, not three streams: about the size of deflating it whole.
    expect(header.packed / deflateRawSync(whole, { level: 1 }).length).toBeLessThan(1.02);
  });

  it('writes an entry of one piece, or none, as the same bytes as its data given whole', () => {
    const data = markup(5_000);
    expect(Buffer.from(zip([{ name: 'a.xml', data: (write) => write(data) }])).equals(Buffer.from(zip([{ name: 'a.xml', data }])))).toBe(true);
    const empty = zip([{ name: 'e.xml', data: () => {} }]);
    expect(Buffer.from(empty).equals(Buffer.from(zip([{ name: 'e.xml', data: new Uint8Array(0) }])))).toBe(true);
    expect(unzipSync(empty)['e.xml']!.length).toBe(0);
  });
});
