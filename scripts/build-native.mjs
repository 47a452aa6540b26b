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
  const npmFolders = [process.env.npm_execpath && join(dirname(process.env.npm_execpath), '..'), join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm')];
  for (const npm of npmFolders) {
    const bundled = npm && join(npm, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    if (bundled && existsSync(bundled)) return bundled;
  }
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

/**
 * node-gyp's options: Node's own headers where this Node has them beside it (a system or packaged
 * Node, as here: without them node-gyp downloads them, which a closed network refuses), unless
 * npm already names a folder.
 */
function gypOptions() {
  const prefix = join(dirname(process.execPath), '..');
  const local = !process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'));
  return ['rebuild', '--loglevel=error', ...(local ? [`--nodedir=${prefix}`] : [])];
}

/** The lines of node-gyp's output that say what went wrong (else its last lines). */
function whyNotBuilt(output) {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const telling = lines.filter((line) => /error|not found|no such file/i.test(line) && !/^gyp ERR! (stack|not ok|System|command|cwd|node -v|node-gyp -v)/.test(line));
  return (telling.length > 0 ? telling.slice(0, 2) : lines.slice(-3)).join(' | ');
}

if (process.env.PULSE_NATIVE === '0') {
  process.stdout.write('content-pulse: native helper not built (PULSE_NATIVE=0)\n');
  process.exit(0);
}
const gyp = nodeGyp();
const built = gyp ? spawnSync(process.execPath, [gyp, ...gypOptions()], { cwd: folder, encoding: 'utf8' }) : undefined;
if (built?.status === 0) {
  process.stdout.write('content-pulse: native file-system helper built\n');
} else {
  const why = !gyp ? 'node-gyp not found' : whyNotBuilt(`${built.stdout ?? ''}\n${built.stderr ?? ''}\n${built.error ?? ''}`);
  process.stdout.write(`content-pulse: native file-system helper not built (${why}); loads use the JavaScript path: same results, slower on 100,000+ files\n`);
}
