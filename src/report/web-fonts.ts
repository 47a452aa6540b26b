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
  for (const [path, content] of files) {
    if (typeof content !== 'string' || !/\.(html|svg)$/.test(path)) continue;
    for (const ch of content.match(/[^\u0000-\u007e]/gu) ?? []) chars.add(ch);
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
  const [regular, bold] = await Promise.all([subsetFont('Regular', text, 'sfnt'), subsetFont('Bold', text, 'sfnt')]);
  files.set('assets/cjk-regular.otf', regular);
  files.set('assets/cjk-bold.otf', bold);
  return files;
}
