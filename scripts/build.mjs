/**
 * Builds dist/ with esbuild: the CLI and the parse worker (`node scripts/build.mjs`), or one
 * bench case (`node scripts/build.mjs --case NAME` → dist/bench-NAME.js), with code splitting so
 * modules load when first used.
 *
 * Dependencies are bundled into dist: loaded from node_modules as separate modules, arquero alone
 * took 165–220 ms to import here, bundled 35 ms — paid by every `pulse` run. Packages that must
 * stay files of their own stay external: esbuild and tsx (tools), DuckDB (a native addon, used by
 * the benchmark only), and canvas (vega's optional renderer, not installed).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['esbuild', 'tsx', '@duckdb/node-api', 'canvas'];
// Bundled CommonJS packages (commander, cli-progress) call require() for Node's built-ins: an ES
// module has no require, so each output file makes one.
const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };
const common = { bundle: true, splitting: true, platform: 'node', format: 'esm', external, banner, logLevel: 'warning', absWorkingDir: root, outdir: join(root, 'dist') };

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) {
  const name = process.argv[caseAt + 1];
  await build({ ...common, entryPoints: [join(root, 'bench/cases', `${name}.ts`)], entryNames: 'bench-[name]', chunkNames: `chunks/bench-${name}-[hash]` });
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await build({ ...common, entryPoints: ['src/cli.ts', 'src/load/parse-worker.ts'], entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]' });
}
