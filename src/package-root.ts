/** The folder of this package (holding its package.json), from src/ under tsx or dist/ bundled. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The content-pulse package folder. @throws when it cannot be found above this module */
export function packageRoot(): string {
  if (root) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'content-pulse') return (root = folder);
    const parent = dirname(folder);
    if (parent === folder) throw new Error('content-pulse: cannot find the package folder of the running library');
    folder = parent;
  }
}

const require = createRequire(import.meta.url);

/**
 * A file of an installed package, by its path inside the package: found from the package's main
 * module, as not every package exports its package.json.
 * @example installedPackageFile('vega', 'build/vega.min.js')
 */
export function installedPackageFile(name: string, path: string): string {
  let folder = dirname(require.resolve(name));
  while (!existsSync(join(folder, 'package.json')) || (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`cannot find the folder of the package ${name}`);
    folder = parent;
  }
  return join(folder, path);
}
