/**
 * A zip archive of named entries, deflated by Node's zlib, every entry stamped 1980-01-01 00:00
 * (the format's own epoch): the same entries give the same bytes, whenever and wherever they are
 * written. Enough for the containers of office files (XLSX); not a general archiver (no zip64:
 * an archive stops at 4 GiB).
 */
import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.ts';

/** One file of the archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  /**
   * Its bytes, or a function that writes them in pieces (each read during the call only): an
   * entry of tens of megabytes, such as a large worksheet, is then deflated as it is written,
   * never whole in memory.
   */
  data: Uint8Array | ((write: (piece: Uint8Array) => void) => void);
}

/**
 * One entry's bytes deflated piece by piece into one raw deflate stream (zlib's fastest level: a
 * 75 MB worksheet deflates in 0.4 s at level 1 against 1.2 s at the default 6, for 17% more
 * bytes), with their CRC-32 and size. Each piece but the last ends in a sync flush (byte-aligned
 * and not final, so the next piece's blocks continue the stream); the last one finishes it. An
 * entry of one piece is deflated exactly as deflateRawSync deflates it whole.
 */
class EntryDeflater {
  readonly packed: Buffer[] = [];
  crc = 0;
  size = 0;
  // The last piece taken (none yet: empty), copied since the writer may write its next piece
  // over it; deflated when the next one comes, with a sync flush, or at finish() as the end.
  private room = Buffer.alloc(0);
  private held = this.room;
  private holding = false;

  add(piece: Uint8Array): void {
    this.crc = crc32(piece, this.crc);
    this.size += piece.length;
    if (this.holding) this.packed.push(deflateRawSync(this.held, { level: 1, finishFlush: constants.Z_SYNC_FLUSH }));
    if (this.room.length < piece.length) this.room = Buffer.allocUnsafe(piece.length);
    this.held = this.room.subarray(0, piece.length);
    this.held.set(piece);
    this.holding = true;
  }

  /** The deflated stream, in pieces. */
  finish(): Buffer[] {
    this.packed.push(deflateRawSync(this.held, { level: 1 }));
    return this.packed;
  }
}

const DOS_DATE_1980_01_01 = (1 << 5) | 1; // years since 1980 (0), month 1, day 1
const UTF8_NAMES = 1 << 11; // general-purpose flag: names are UTF-8

/**
 * The archive's bytes: each entry deflated as it is written (EntryDeflater).
 * @throws Error when the archive would pass 4 GiB (zip64 is not written)
 * @example zip([{ name: 'a.txt', data: Buffer.from('hi') }])
 */
export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflater = new EntryDeflater();
    if (typeof entry.data === 'function') entry.data((piece) => deflater.add(piece));
    else deflater.add(entry.data);
    const packed = deflater.finish();
    const packedLength = packed.reduce((sum, piece) => sum + piece.length, 0);
    const { crc, size } = deflater;
    if (offset + 30 + name.length + packedLength > 0xffffffff || size > 0xffffffff) throw new Error(`zip: ${entry.name} takes the archive past 4 GiB`);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packedLength, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packedLength, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42); // extra, comment, disk, attributes: 0
    name.copy(central, 46);
    locals.push(local, ...packed);
    centrals.push(central);
    offset += local.length + packedLength;
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]));
}
