/**
 * Builds the optional native file-system helper (src/native → src/native/build/Release/pulse_fs.node)
 * with node-gyp, which npm carries. Run by `npm install`; a machine without a C compiler (or
 * Windows) gets a one-line notice and the JavaScript path, which gives the same results, slower.
 * PULSE_NATIVE=0 skips the build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'native');

/** node-gyp's script: the one npm names for its scripts, else npm's own copy, else a local install. */
function nodeGyp() {
  const named = process.env.npm_config_node_gyp;
  if (named && existsSync(named)) return named;
  const npmCli = process.env.npm_execpath;
  if (npmCli) {
    const bundled = join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (existsSync(bundled)) return bundled;
  }
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

if (process.env.PULSE_NATIVE === '0') {
  process.stdout.write('content-pulse: native helper not built (PULSE_NATIVE=0)\n');
  process.exit(0);
}
const gyp = nodeGyp();
const built = gyp ? spawnSync(process.execPath, [gyp, 'rebuild', '--loglevel=error'], { cwd: folder, encoding: 'utf8' }) : undefined;
if (built?.status === 0) {
  process.stdout.write('content-pulse: native file-system helper built\n');
} else {
  const why = !gyp ? 'node-gyp not found' : (built.stderr || built.stdout || String(built.error)).trim().split('\n').slice(-3).join(' | ');
  process.stdout.write(`content-pulse: native file-system helper not built (${why}); loads use the JavaScript path: same results, slower on 100,000+ files\n`);
}
