/**
 * PNG files from a drawing's pixels (resvg's: RGBA, each colour premultiplied by its alpha).
 * Charts are flat colour on an opaque background, so the image is written as RGB where every
 * pixel is opaque, each row as its difference from the row above (PNG's "Up" filter: the rows of
 * a bar, a blank margin or a gridline's gap are then runs of zeros), deflated at zlib's level 3.
 * Against resvg's own encoder, which tries each filter on every row, a report's 21 charts take
 * ~40% less CPU to encode into ~23% fewer bytes, with the same pixels (docs/performance.md).
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../export/crc32.ts';

/** A drawing: its pixels, row by row, 4 bytes (R, G, B, A premultiplied) each. */
export interface DrawnPixels {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FILTER_UP = 2;
const COLOUR_RGB = 2;
const COLOUR_RGBA = 6;
// zlib's fastest strategy (levels 1–3) at its best compression: level 4 and above search for
// longer matches, which took ~2.5× the time for files ~20% smaller.
const DEFLATE_LEVEL = 3;

// The filtered rows of the last image, reused by the next: charts come one after another, and a
// new array each (megabytes) would be garbage for the collector to find.
let scratch = new Uint8Array(0);

/**
 * The PNG file of a drawing: 8-bit RGB where every pixel is opaque, else 8-bit RGBA (the colours
 * divided back by their alpha, as resvg's own encoder does). Deflated at once, on this thread: a
 * drawing's rows are held only while it is encoded.
 * @example const png = encodePng(await renderAsync(svg, options)) // resvg's rendered image
 */
export function encodePng({ pixels, width, height }: DrawnPixels): Uint8Array {
  if (pixels.length !== width * height * 4) throw new Error(`encodePng: ${pixels.length} bytes are not ${width}×${height} RGBA pixels`);
  const opaque = isOpaque(pixels);
  const rows = upFilteredRows(opaque ? pixels : demultiplied(pixels), width, height, opaque ? 3 : 4);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bits per channel; compression, filter method and interlace stay 0
  header[9] = opaque ? COLOUR_RGB : COLOUR_RGBA;
  return pngFile([['IHDR', header], ['IDAT', deflateSync(rows, { level: DEFLATE_LEVEL })], ['IEND', new Uint8Array(0)]]);
}

// A pixel's alpha byte as a mask on the pixel read as one 32-bit number in this machine's byte order.
const ALPHA_MASK = new Int32Array(Uint8Array.of(0, 0, 0, 255).buffer)[0]!;

/** Whether every pixel's alpha is 255 (read a pixel at a time where the bytes are 4-aligned). */
function isOpaque(pixels: Uint8Array): boolean {
  if (pixels.byteOffset % 4 !== 0) {
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 255) return false;
    return true;
  }
  const words = new Int32Array(pixels.buffer, pixels.byteOffset, pixels.length / 4);
  for (let i = 0; i < words.length; i++) if ((words[i]! & ALPHA_MASK) !== ALPHA_MASK) return false;
  return true;
}

/** The pixels with each colour divided by its alpha (rounded as resvg rounds it), in a new array. */
function demultiplied(pixels: Uint8Array): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3]!;
    out[i + 3] = alpha;
    if (alpha === 0) continue; // fully transparent: black, as premultiplied
    for (let c = 0; c < 3; c++) out[i + c] = Math.min(255, Math.floor(pixels[i + c]! / (alpha / 255) + 0.5));
  }
  return out;
}

/**
 * The image data PNG deflates: each row a filter byte (Up) and, per pixel, the first `channels`
 * bytes of its RGBA minus those of the pixel above (stored modulo 256, as a byte array stores any
 * number). A row equal to the one above is all zeros, as the array starts. The array is the
 * module's scratch: read it before the next call.
 */
function upFilteredRows(rgba: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const source = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length);
  const words = rgba.byteOffset % 4 === 0 ? new Int32Array(rgba.buffer, rgba.byteOffset, rgba.length / 4) : undefined;
  const rowBytes = width * 4;
  const outRow = width * channels + 1;
  if (scratch.length < outRow * height) scratch = new Uint8Array(outRow * height);
  const out = scratch.subarray(0, outRow * height).fill(0);
  for (let y = 0; y < height; y++) {
    let o = y * outRow;
    out[o++] = FILTER_UP;
    const start = y * rowBytes;
    const end = start + rowBytes;
    if (y === 0) {
      // PNG takes the first row's row above as zeros: the row itself.
      for (let s = start; s < end; s += 4) for (let c = 0; c < channels; c++) out[o++] = source[s + c]!;
      continue;
    }
    const above = start - rowBytes;
    if (source.compare(source, above, start, start, end) === 0) continue;
    if (channels === 3) {
      // A pixel equal to the one above (most of a chart) stays zeros: compared as one word where the bytes are 4-aligned.
      for (let s = start, u = above, p = start >> 2; s < end; s += 4, u += 4, p++, o += 3) {
        if (words && words[p] === words[p - width]) continue;
        out[o] = source[s]! - source[u]!;
        out[o + 1] = source[s + 1]! - source[u + 1]!;
        out[o + 2] = source[s + 2]! - source[u + 2]!;
      }
    } else {
      for (let s = start, u = above; s < end; s++, u++) out[o++] = source[s]! - source[u]!;
    }
  }
  return out;
}

/** The signature and the chunks (type, data), each with its length and CRC-32, in one new array. */
function pngFile(chunks: readonly [string, Uint8Array][]): Uint8Array {
  const out = new Uint8Array(SIGNATURE.length + chunks.reduce((sum, [, data]) => sum + 12 + data.length, 0));
  const view = new DataView(out.buffer);
  out.set(SIGNATURE);
  let at = SIGNATURE.length;
  for (const [type, data] of chunks) {
    view.setUint32(at, data.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
    out.set(data, at + 8);
    view.setUint32(at + 8 + data.length, crc32(out.subarray(at + 4, at + 8 + data.length)));
    at += 12 + data.length;
  }
  return out;
}
