/**
 * Writes rendered notebooks: a folder is replaced as a whole (src/io/replace-folder.ts), so a run
 * that stops at any moment leaves the previous output or the new one, never a mix.
 */
import { join } from 'node:path';
import { replaceFolder, type ReplaceOptions } from '../io/replace-folder.ts';
import { reportAssets } from './assets.ts';
import type { Notebook } from './notebook.ts';
import { renderNotebook, type RenderedFiles } from './render.ts';
import { withPngs } from './with-pngs.ts';
import { pageText, withWebFonts } from './web-fonts.ts';

/**
 * Replaces `folder` with exactly these files.
 * @example await saveFiles('output/tags', await renderNotebook(notebook))
 */
export async function saveFiles(folder: string, files: RenderedFiles, options: ReplaceOptions = {}): Promise<void> {
  await replaceFolder(folder, files, options);
}

export interface StandaloneOptions {
  /** PNG beside every chart SVG. @default true */
  png?: boolean;
}

/**
 * Every file of a notebook that stands alone in its folder: its pages, tables and charts, the
 * page assets (`assets/`) and, unless turned off, a PNG of every chart.
 * @example const files = await renderStandalone(nb, warn, { png: false })
 */
export async function renderStandalone(notebook: Notebook, warn: (message: string) => void = () => {}, options: StandaloneOptions = {}): Promise<RenderedFiles> {
  const files = await renderNotebook(notebook, warn, { page: { assets: 'assets/', png: options.png ?? true } });
  for (const [path, content] of reportAssets()) files.set(path, content);
  const text = pageText(files);
  await withWebFonts(files, text);
  return options.png ?? true ? withPngs(files, text) : files;
}

/**
 * Renders a notebook and replaces `folder` with it as a whole: `index.html` (live charts,
 * interactive tables; its scripts in `assets/`), `index.md`, `tables/NAME.csv`, and
 * `charts/NAME.svg`, `.png` and `.vl.json` (and `.pulse-output`, which marks the folder as one
 * content-pulse may replace). The folder holds exactly these files afterwards, or, if rendering
 * or writing fails or the run is killed, is left as it was.
 * @param warn receives chart warnings @default ignore them
 * @returns the written files' paths (folder joined with each relative path), in writing order
 * @throws ForeignFolderError when the folder holds files content-pulse did not write
 * @example const paths = await saveNotebook(nb, 'output/my-notebook');
 */
export async function saveNotebook(notebook: Notebook, folder: string, warn: (message: string) => void = () => {}): Promise<string[]> {
  const files = await renderStandalone(notebook, warn);
  await saveFiles(folder, files);
  return [...files.keys()].map((path) => join(folder, path));
}
