/**
 * Builds dist/ with esbuild: the CLI, the public API (`content-pulse`, `content-pulse/danfo`)
 * and the parse worker, in one build with code splitting, so the CLI and a user's notebook share
 * one copy of every module (`node scripts/build.mjs`); then the API's type declarations
 * (dist/types) with tsc. `--case NAME` builds one bench case instead (dist/bench-NAME.js).
 *
 * Dependencies are bundled into dist: loaded from node_modules as separate modules, arquero alone
 * took 165–220 ms to import, bundled 35 ms, paid by every `pulse` run. Packages that must stay
 * files of their own stay external: esbuild and tsx (tools), DuckDB (a native addon, used by the
 * benchmark only), canvas (vega's optional renderer, not installed) and danfo.js (an optional
 * peer the user installs), and the PNG renderer and font subsetter (a native addon, and a wasm file
 * read beside its module).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['esbuild', 'tsx', '@duckdb/node-api', 'canvas', 'danfojs', 'danfojs-node', '@resvg/resvg-js'];
// Bundled CommonJS packages (commander, cli-progress) call require() for Node's built-ins: an ES
// module has no require, so each output file makes one.
const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };
const common = { bundle: true, splitting: true, platform: 'node', format: 'esm', external, banner, logLevel: 'warning', absWorkingDir: root, outdir: join(root, 'dist') };

/** Declarations of the public API; relative imports point at .js, as every resolver expects. */
function buildTypes() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.d.ts')) writeFileSync(path, readFileSync(path, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
    }
  };
  walk(join(root, 'dist/types'));
}

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) {
  const name = process.argv[caseAt + 1];
  await build({ ...common, entryPoints: [join(root, 'bench/cases', `${name}.ts`)], entryNames: 'bench-[name]', chunkNames: `chunks/bench-${name}-[hash]` });
} else {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await build({ ...common, entryPoints: ['src/cli.ts', 'src/index.ts', 'src/danfo.ts', 'src/load/pool/parse-worker.ts', 'src/export/xlsx-worker.ts', 'src/charts/chart-worker.ts', 'src/analyze/leaderboard-worker.ts'], entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]' });
  buildTypes();
}
