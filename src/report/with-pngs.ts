/** PNGs beside every chart SVG of a set of rendered files, made at once (one font subset). */
import { pngFonts, svgsToPngs } from '../charts/png.ts';
import type { ChartRenderer } from '../charts/render-aside.ts';
import type { RenderedFiles } from './render.ts';

/**
 * Every `charts/NAME.svg` of the files (in any folder of a report), by path.
 * @example chartSvgs(files).get('tags/charts/tag-leaderboard.svg')
 */
export function chartSvgs(files: RenderedFiles): Map<string, string> {
  const svgs = new Map<string, string>();
  for (const [path, content] of files) if (/(^|\/)charts\/[^/]+\.svg$/.test(path) && typeof content === 'string') svgs.set(path, content);
  return svgs;
}

/**
 * Adds `NAME.png` beside every `charts/NAME.svg` in the files (in any folder of a report).
 * `text`: the characters the font must hold (the report's pages', to share their font subset)
 * @example await withPngs(files)
 */
export async function withPngs(files: RenderedFiles, text?: string): Promise<RenderedFiles> {
  const svgs = chartSvgs(files);
  for (const [path, png] of await svgsToPngs(svgs, await pngFonts(svgs.values(), text))) files.set(path.replace(/\.svg$/, '.png'), png);
  return files;
}

/**
 * The share of the charts (by SVG size) the renderer's thread draws when two threads share them:
 * it starts at once, the calling thread only once it has written its front page and font
 * (~0.3 s of the real archive's report on this machine's two cores).
 */
const ASIDE_SHARE = 0.6;

/**
 * PNGs of charts drawn by two threads, the same as svgsToPngs' (the same font, cut here now):
 * the renderer's thread starts on the first charts, about `asideShare` of them by size; the
 * returned function draws the rest on this thread, to be called once it has nothing else to do,
 * and gives all of them in the charts' order.
 * @example const drawRest = pngsOnTwoThreads(renderer, chartSvgs(files)); …; const pngs = await drawRest()
 */
export function pngsOnTwoThreads(renderer: ChartRenderer, svgs: ReadonlyMap<string, string>, asideShare = ASIDE_SHARE): () => Promise<Map<string, Uint8Array>> {
  const fonts = pngFonts(svgs.values());
  // A chart shown twice (the same SVG under two paths) is drawn once, under its first path.
  const firstPath = new Map<string, string>();
  for (const [path, svg] of svgs) if (!firstPath.has(svg)) firstPath.set(svg, path);
  const aside = new Map<string, string>();
  const here = new Map<string, string>();
  let total = 0;
  for (const svg of firstPath.keys()) total += svg.length;
  let taken = 0;
  for (const [svg, path] of firstPath) {
    (taken < asideShare * total ? aside : here).set(path, svg);
    taken += svg.length;
  }
  const drawnAside = fonts.then((cut) => renderer.pngs(aside, cut));
  drawnAside.catch(() => {}); // awaited below; a failure then is the caller's
  return async () => {
    const drawnHere = await svgsToPngs(here, await fonts);
    const drawn = await drawnAside;
    return new Map([...svgs].map(([path, svg]) => {
      const first = firstPath.get(svg)!;
      return [path, drawnHere.get(first) ?? drawn.get(first)!];
    }));
  };
}
