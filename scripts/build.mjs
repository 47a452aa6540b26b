/**
 * Builds dist/ with esbuild: the CLI and the parse worker (`node scripts/build.mjs`), or one
 * bench case (`node scripts/build.mjs --case NAME` → dist/bench-NAME.js), with code splitting so
 * modules load when first used.
 *
 * arquero and flechette are bundled into dist: loaded from node_modules as ~50 separate modules
 * they took 165–220 ms to import here, bundled 35 ms — paid by every `pulse` run. The other
 * packages stay in node_modules.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['arquero', '@uwdata/flechette', 'vega', 'vega-lite']);
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {}), 'canvas'].filter((name) => !BUNDLED.has(name));
const common = { bundle: true, splitting: true, platform: 'node', format: 'esm', external, logLevel: 'warning', absWorkingDir: root, outdir: join(root, 'dist') };

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) {
  const name = process.argv[caseAt + 1];
  await build({ ...common, entryPoints: [join(root, 'bench/cases', `${name}.ts`)], entryNames: 'bench-[name]', chunkNames: `chunks/bench-${name}-[hash]` });
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await build({ ...common, entryPoints: ['src/cli.ts', 'src/load/parse-worker.ts'], entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]' });
}
