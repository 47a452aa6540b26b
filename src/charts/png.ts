/**
 * Charts as PNG (2× pixel density) with Chinese text drawn in the font content-pulse ships
 * (fonts.ts), so the images are the same on a machine without any CJK font. The font is cut down
 * to the characters of the charts at hand: loading the whole 8 MB fonts took 280 ms per chart,
 * the subsets a few milliseconds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FONT_FAMILY, FONT_WEIGHTS, subsetFont } from './fonts.ts';
import { type DrawnPixels, encodePng } from './png-encode.ts';

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

type RenderAsync = typeof import('@resvg/resvg-js').renderAsync;
let binding: Promise<RenderAsync> | undefined;

/**
 * resvg's renderAsync. On Linux with glibc its platform package is loaded directly, called as
 * resvg-js 2.6 calls it (the options as JSON): resvg-js's own loader asks process.report which C
 * library this is, and that call waits for every worker thread of the process to answer (~0.5 s
 * at the end of a 1M-article report, whose workbook thread is busy then). Elsewhere, or where
 * that package does not load (musl), resvg-js's own.
 */
function resvgRender(): Promise<RenderAsync> {
  return (binding ??= (async () => {
    if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
      try {
        const beside = createRequire(createRequire(import.meta.url).resolve('@resvg/resvg-js'));
        const native = beside(`@resvg/resvg-js-linux-${process.arch}-gnu`) as { renderAsync: (svg: string, options: string | null) => ReturnType<RenderAsync> };
        return (svg, options) => native.renderAsync(svg as string, options ? JSON.stringify(options) : null);
      } catch {
        // not installed, or not loadable here: resvg-js finds the right one
      }
    }
    return (await import('@resvg/resvg-js')).renderAsync;
  })());
}

/** A chart drawn by resvg: its pixels (encodePng's input), and resvg's own PNG encoder. */
export type DrawnChart = DrawnPixels & { asPng(): Uint8Array };

/** Draws SVG charts as PNG with one set of fonts; close() removes the fonts' temporary files. */
export interface PngDrawer {
  /** The chart as PNG, drawn at 2× with the drawer's fonts. */
  draw(svg: string): Promise<Uint8Array>;
  /** The chart drawn at 2× with the drawer's fonts, not yet encoded. */
  pixels(svg: string): Promise<DrawnChart>;
  close(): void;
}

/**
 * A PNG drawer with these fonts (pngFonts'). resvg reads fonts from files (its option for font
 * bytes is not honoured in 2.6): the subsets go to a temporary folder until close().
 * @example const drawer = await pngDrawer(await pngFonts([svg])); try { png = await drawer.draw(svg) } finally { drawer.close() }
 */
export async function pngDrawer(fonts: readonly Uint8Array[]): Promise<PngDrawer> {
  const renderAsync = await resvgRender();
  const folder = mkdtempSync(join(tmpdir(), 'pulse-fonts-'));
  const close = () => rmSync(folder, { recursive: true, force: true });
  let files: string[];
  try {
    files = FONT_WEIGHTS.map((weight, i) => {
      const path = join(folder, `${weight}.otf`);
      writeFileSync(path, fonts[i]!);
      return path;
    });
  } catch (error) {
    close(); // a full disk leaves no folder behind
    throw error;
  }
  const font = { fontFiles: files, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
  const pixels = (svg: string): Promise<DrawnChart> => renderAsync(svg, { fitTo: { mode: 'zoom', value: 2 }, font });
  return {
    // Drawn on libuv's thread pool, encoded here as soon as it is drawn.
    draw: async (svg) => encodePng(await pixels(svg)),
    pixels,
    close,
  };
}

/**
 * PNG images of SVG charts, by the same keys, drawn at 2× with the shipped CJK font, several at
 * once. A chart shown twice (the same SVG under two names, as in two notebooks) is drawn once.
 * @param fonts the font's weights as pngFonts gives them @default pngFonts of the SVGs
 * @example const pngs = await svgsToPngs(new Map([['charts/tags.svg', svg]]))
 */
export async function svgsToPngs(svgs: ReadonlyMap<string, string>, fonts?: readonly Uint8Array[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (svgs.size === 0) return out;
  const drawer = await pngDrawer(fonts ?? await pngFonts(svgs.values()));
  const drawn = new Map<string, Promise<Uint8Array>>();
  for (const svg of svgs.values()) if (!drawn.has(svg)) drawn.set(svg, drawer.draw(svg));
  // Every drawing settles before the fonts' files go; the first failure is then thrown.
  const settled = await Promise.allSettled(drawn.values()).finally(() => drawer.close());
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  for (const [name, svg] of svgs) out.set(name, await drawn.get(svg)!);
  return out;
}
