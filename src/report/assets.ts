/**
 * The files a report's pages load, written once per report folder in `assets/` and referenced
 * relatively, so the folder works from file://, from a zip and from any static host, with the
 * network off: vega, vega-lite and vega-embed as their builds ship, and the pages' own script and
 * stylesheet (src/report/assets).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedPackageFile as packageFile, packageRoot } from '../package-root.ts';
import type { RenderedFiles } from './render.ts';

/**
 * Every asset, by its path in the report folder (`assets/…`).
 * @example for (const [path, content] of reportAssets()) files.set(path, content);
 */
export function reportAssets(): RenderedFiles {
  const own = join(packageRoot(), 'src', 'report', 'assets');
  return new Map<string, string>([
    ['assets/vega.min.js', readFileSync(packageFile('vega', 'build/vega.min.js'), 'utf8')],
    ['assets/vega-lite.min.js', readFileSync(packageFile('vega-lite', 'build/vega-lite.min.js'), 'utf8')],
    ['assets/vega-embed.min.js', readFileSync(packageFile('vega-embed', 'build/vega-embed.min.js'), 'utf8')],
    ['assets/pulse.js', readFileSync(join(own, 'pulse.js'), 'utf8')],
    ['assets/pulse.css', readFileSync(join(own, 'pulse.css'), 'utf8')],
  ]);
}
