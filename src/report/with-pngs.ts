/** PNGs beside every chart SVG of a set of rendered files, made at once (one font subset). */
import { svgsToPngs } from '../charts/png.ts';
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
  for (const [path, png] of await svgsToPngs(chartSvgs(files), text)) files.set(path.replace(/\.svg$/, '.png'), png);
  return files;
}
