/**
 * Charts as PNG (2× pixel density) with Chinese text drawn in the font content-pulse ships
 * (fonts.ts), so the images are the same on a machine without any CJK font. The font is cut down
 * to the characters of the charts at hand: loading the whole 8 MB fonts took 280 ms per chart,
 * the subsets a few milliseconds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FONT_FAMILY, FONT_WEIGHTS, subsetFont } from './fonts.ts';

/** The characters a set of SVGs draws as text (entities decoded). */
export function svgText(svgs: Iterable<string>): string {
  const chars = new Set<string>();
  for (const svg of svgs) {
    for (const match of svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)) {
      const text = match[1]!.replace(/<[^>]*>/g, '').replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
        .replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      for (const ch of text) chars.add(ch);
    }
  }
  return [...chars].sort().join('');
}

/**
 * The shipped font's weights (FONT_WEIGHTS, in order) cut to the characters PNGs of these SVGs draw.
 * @example const fonts = await pngFonts(svgs.values()); await svgsToPngs(svgs, fonts)
 */
export function pngFonts(svgs: Iterable<string>, text = svgText(svgs)): Promise<Uint8Array[]> {
  return Promise.all(FONT_WEIGHTS.map((weight) => subsetFont(weight, text)));
}

/**
 * PNG images of SVG charts, by the same keys, drawn at 2× with the shipped CJK font.
 * @param fonts the font's weights as pngFonts gives them @default pngFonts of the SVGs
 * @example const pngs = await svgsToPngs(new Map([['charts/tags.svg', svg]]))
 */
export async function svgsToPngs(svgs: ReadonlyMap<string, string>, fonts?: readonly Uint8Array[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (svgs.size === 0) return out;
  const { renderAsync } = await import('@resvg/resvg-js');
  const fontBytes = fonts ?? await pngFonts(svgs.values());
  // resvg reads fonts from files (its option for font bytes is not honoured in 2.6): the subsets go to a temporary folder.
  const folder = mkdtempSync(join(tmpdir(), 'pulse-fonts-'));
  try {
    const files = FONT_WEIGHTS.map((weight, i) => {
      const path = join(folder, `${weight}.otf`);
      writeFileSync(path, fontBytes[i]!);
      return path;
    });
    const font = { fontFiles: files, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
    // Rendered on libuv's thread pool, several at once, each encoded here as soon as it is drawn
    // (while the others are still drawing); in order in the result all the same. A chart shown
    // twice (the same SVG under two names, as in two notebooks) is drawn once.
    const drawn = new Map<string, Promise<Uint8Array>>();
    const draw = async (svg: string) => (await renderAsync(svg, { fitTo: { mode: 'zoom', value: 2 }, font })).asPng();
    for (const svg of svgs.values()) if (!drawn.has(svg)) drawn.set(svg, draw(svg));
    const pngs = await Promise.all([...svgs.values()].map((svg) => drawn.get(svg)!));
    [...svgs.keys()].forEach((name, i) => out.set(name, pngs[i]!));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return out;
}
