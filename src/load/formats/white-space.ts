/**
 * White space in UTF-8 bytes, for the parsers that read bytes without decoding them: JSON's
 * (between tokens) and JavaScript's (what `String.prototype.trim` removes and `\s` matches), each
 * rule written once.
 */

/** JSON's white space between tokens (and the markdown header's blank lines): space, tab, CR, LF. */
export function isJsonSpace(c: number): boolean {
  // Between tokens of compact JSON nearly every byte is not a space: one comparison says so.
  return c <= 0x20 && (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a);
}

/**
 * Bytes of the character at bytes[at] when it is JavaScript white space (`\s`: tab to CR, space,
 * U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), else 0.
 * @param end where the bytes end (a character cut off there is not white space)
 */
export function whiteSpaceAt(bytes: Uint8Array, at: number, end: number): number {
  const a = bytes[at]!;
  if (a < 0x80) return a === 0x20 || (a >= 0x09 && a <= 0x0d) ? 1 : 0;
  const b = at + 1 < end ? bytes[at + 1]! : 0;
  if (a === 0xc2) return b === 0xa0 ? 2 : 0; // U+00A0
  const c = at + 2 < end ? bytes[at + 2]! : 0;
  if (a === 0xe3) return b === 0x80 && c === 0x80 ? 3 : 0; // U+3000
  if (a === 0xef) return b === 0xbb && c === 0xbf ? 3 : 0; // U+FEFF
  if (a === 0xe1) return b === 0x9a && c === 0x80 ? 3 : 0; // U+1680
  if (a !== 0xe2) return 0;
  if (b === 0x80) return c >= 0x80 && (c <= 0x8a || c === 0xa8 || c === 0xa9 || c === 0xaf) ? 3 : 0; // U+2000–200A, 2028, 2029, 202F
  return b === 0x81 && c === 0x9f ? 3 : 0; // U+205F
}

/** Bytes of the white space character (as whiteSpaceAt) that ends at bytes[end - 1], not before `start`, else 0. */
export function whiteSpaceBefore(bytes: Uint8Array, end: number, start: number): number {
  // Back over continuation bytes to the character's first byte (at most 3 bytes: no white space is longer).
  let at = end - 1;
  while (at > start && end - at < 3 && (bytes[at]! & 0xc0) === 0x80) at--;
  if (at < start) return 0;
  const length = whiteSpaceAt(bytes, at, end);
  return length === end - at ? length : 0;
}

/**
 * Where bytes[from, to) starts and ends without the JavaScript white space at its ends: the bytes
 * of what `String.prototype.trim` leaves of its text, found without decoding it.
 * @returns [start, end] (start === end when it is all white space)
 * @example trimmedRange(Buffer.from('\u3000 标题 '), 0, 11) // [4, 10]
 */
export function trimmedRange(bytes: Uint8Array, from: number, to: number): [start: number, end: number] {
  let start = from;
  for (let length; start < to && (length = whiteSpaceAt(bytes, start, to)) > 0;) start += length;
  let end = to;
  for (let length; end > start && (length = whiteSpaceBefore(bytes, end, start)) > 0;) end -= length;
  return [start, end];
}
