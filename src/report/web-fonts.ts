/**
 * The report's web font: the shipped CJK font cut down to every character of the report's pages
 * and charts, written beside the stylesheet (assets/cjk-regular.otf, cjk-bold.otf: plain OpenType, which browsers read; WOFF2's compression took 1.7 s a weight), so
 * Chinese shows, and prints to PDF as real text, on a machine without CJK fonts.
 */
import { subsetFont } from '../charts/fonts.ts';
import type { RenderedFiles } from './render.ts';

/** Every character of the pages, tables and charts of a set of files. */
export function pageText(files: RenderedFiles): string {
  const chars = new Set<string>();
  // A page of a million-article report holds millions of characters: the runs beyond ASCII are
  // found by a regular expression (faster than a loop over every character), each of their
  // characters looked at once, and only one not seen before (a flag per UTF-16 unit) added to the set.
  const seen = new Uint8Array(0x10000);
  const beyondAscii = /[^\x00-\x7e]+/g;
  for (const [path, content] of files) {
    if (typeof content !== 'string' || !/\.(html|svg)$/.test(path)) continue;
    beyondAscii.lastIndex = 0;
    for (let match; (match = beyondAscii.exec(content));) {
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
  // ASCII always: digits and letters the script writes (page numbers, sort arrows' labels).
  for (let code = 0x20; code <= 0x7e; code++) chars.add(String.fromCharCode(code));
  return [...chars].sort().join('');
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
