/**
 * Is this a UTF-8 text file? The checks every text loader makes before parsing.
 */
import { isUtf8 } from 'node:buffer';
import { reasons } from '../../errors.ts';

/**
 * Why these bytes are not a UTF-8 text file, or null when they are.
 * @param tail the bytes are the end of a longer file read in pieces (then even a last piece that is
 *   nothing but a cut-off character means the file was truncated)
 */
export function textProblem(bytes: Uint8Array, tail = false): string | null {
  if (bytes.length === 0) return reasons.emptyFile;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return reasons.utf16;
  // Buffer#indexOf is memchr; TypedArray#includes walks element by element (5× slower here).
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength); // no second view of a Buffer
  if (buffer.indexOf(0) >= 0) return reasons.binary;
  if (!isUtf8(bytes)) {
    // Valid but for a character cut off at the very end: the file was truncated, not mis-encoded.
    for (let cut = 1; cut <= 3 && (tail ? cut <= bytes.length : cut < bytes.length); cut++) {
      if (isCutCharacter(bytes.subarray(bytes.length - cut)) && isUtf8(bytes.subarray(0, bytes.length - cut))) {
        return reasons.truncated;
      }
    }
    return reasons.notUtf8;
  }
  return null;
}

/** A lead byte followed by fewer continuation bytes than it announces: a character cut short. */
function isCutCharacter(end: Uint8Array): boolean {
  const lead = end[0]!;
  const width = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (end.length >= width) return false;
  for (let i = 1; i < end.length; i++) if ((end[i]! & 0xc0) !== 0x80) return false;
  return true;
}
