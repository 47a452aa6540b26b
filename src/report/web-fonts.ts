/**
 * The report's web font: the shipped CJK font cut down to every character of the report's pages
 * and charts, written beside the stylesheet (assets/cjk-regular.otf, cjk-bold.otf: plain OpenType, which browsers read; WOFF2's compression took 1.7 s a weight), so
 * Chinese shows, and prints to PDF as real text, on a machine without CJK fonts.
 */
import { subsetFont } from '../charts/fonts.ts';
import type { RenderedFiles } from './render.ts';

/**
 * Every character of the pages, tables and charts of a set of files: their HTML and SVG, as text
 * or as UTF-8 bytes (a page holding a large table, joinedHtml), each character once, in UTF-16
 * order, with printable ASCII always.
 * @example pageText(new Map([['index.html', '<p>运营</p>']])) // ' !"#…}~运营'
 */
export function pageText(files: RenderedFiles): string {
  const chars = new Set<string>();
  // A page of a million-article report holds millions of characters: each character beyond ASCII
  // is added to the set only the first time (a flag per UTF-16 unit).
  const seen = new Uint8Array(0x10000);
  for (const [path, content] of files) {
    if (!/\.(html|svg)$/.test(path)) continue;
    if (typeof content === 'string') addCharsOfText(content, seen, chars);
    else addCharsOfUtf8(content, seen, chars);
  }
  // ASCII always: digits and letters the script writes (page numbers, sort arrows' labels).
  for (let code = 0x20; code <= 0x7e; code++) chars.add(String.fromCharCode(code));
  return [...chars].sort().join('');
}

/** Adds a text's characters beyond ASCII: its runs of them found by a regular expression (faster than a loop over every character). */
function addCharsOfText(text: string, seen: Uint8Array, chars: Set<string>): void {
  const beyondAscii = /[^\x00-\x7e]+/g;
  for (let match; (match = beyondAscii.exec(text));) {
    const run = match[0];
    for (let i = 0; i < run.length; i++) {
      const unit = run.charCodeAt(i);
      const next = run.charCodeAt(i + 1);
      if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) chars.add(run.slice(i, ++i + 1)); // a surrogate pair
      else if (!seen[unit]) {
        seen[unit] = 1;
        chars.add(run[i]!);
      }
    }
  }
}

/**
 * Adds the characters beyond ASCII of UTF-8 bytes that Node encoded from text (so well formed; a
 * lone surrogate of that text is U+FFFD here), decoded where they are, without a copy as text.
 */
function addCharsOfUtf8(bytes: Uint8Array, seen: Uint8Array, chars: Set<string>): void {
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x7f) continue;
    let code = lead;
    if (lead >= 0xf0) {
      code = ((lead & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f);
      i += 3;
      chars.add(String.fromCodePoint(code)); // a surrogate pair in text
      continue;
    }
    if (lead >= 0xe0) {
      code = ((lead & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 2;
    } else if (lead >= 0xc0) {
      code = ((lead & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 1;
    }
    if (!seen[code]) {
      seen[code] = 1;
      chars.add(String.fromCharCode(code));
    }
  }
}

/**
 * Adds `assets/cjk-regular.otf` and `assets/cjk-bold.otf` for the files' pages.
 * @param text the characters to keep @default every character of the files' pages and charts
 * @example await withWebFonts(files)
 */
export async function withWebFonts(files: RenderedFiles, text = pageText(files)): Promise<RenderedFiles> {
  const [regular, bold] = await Promise.all([subsetFont('Regular', text), subsetFont('Bold', text)]);
  files.set('assets/cjk-regular.otf', regular);
  files.set('assets/cjk-bold.otf', bold);
  return files;
}
