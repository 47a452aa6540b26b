/**
 * The CJK font content-pulse ships (Noto Sans Hans regular and bold, from @embedpdf/fonts-sc;
 * SIL Open Font License), cut down to the characters at hand with harfbuzz's subsetter: for PNG
 * charts (resvg reads it) and for report pages (a web font, so Chinese shows and prints on a
 * machine without CJK fonts). The whole fonts are 8 MB each; a report's subset is a few hundred KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedPackageFile } from '../package-root.ts';

/** The family name of the shipped font. */
export const FONT_FAMILY = 'Noto Sans Hans';
export const FONT_WEIGHTS = ['Regular', 'Bold'] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

/**
 * The shipped font's given weight, cut down to `text`'s characters.
 * @param format 'sfnt' (OpenType, for resvg) or 'woff2' (for pages)
 * @example const regular = await subsetFont('Regular', '小红书 views', 'woff2')
 */
export function subsetFont(weight: FontWeight, text: string, format: 'sfnt' | 'woff2'): Promise<Uint8Array> {
  // A report's pages and its PNGs ask for the same subset: cut it once.
  const key = `${weight}\u0000${format}\u0000${text}`;
  let subset = recent.get(key);
  if (!subset) {
    subset = cut(weight, text, format);
    recent.set(key, subset);
    if (recent.size > 4) recent.delete(recent.keys().next().value!);
  }
  return subset;
}

const recent = new Map<string, Promise<Uint8Array>>();

/**
 * Loads the subsetter ahead: its WebAssembly compiled (on the engine's own threads) and the font
 * read, which the first cut of a process otherwise waits for (~0.3 s of a report on this
 * machine's two cores, against ~0.1 s for a cut once loaded). A report calls it while it waits
 * for its charts. A failure is left to the cut that needs the font.
 * @example warmSubsetter(); … await subsetFont('Regular', text, 'sfnt')
 */
export function warmSubsetter(): void {
  cut('Regular', ' ', 'sfnt').catch(() => {});
}

async function cut(weight: FontWeight, text: string, format: 'sfnt' | 'woff2'): Promise<Uint8Array> {
  const { default: subset } = await import('subset-font');
  const file = join(installedPackageFile('@embedpdf/fonts-sc', 'fonts'), `NotoSansHans-${weight}.otf`);
  return subset(readFileSync(file), text || ' ', { targetFormat: format, preserveNameIds: [0, 1, 2, 3, 4, 5, 6, 16, 17] });
}
