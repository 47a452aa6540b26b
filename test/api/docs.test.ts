/**
 * The committed API reference (docs/api, from `npm run docs`) matches the JSDoc of the source:
 * it is generated again into a temporary folder and compared file by file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return out;
}

describe('API reference', () => {
  const out = mkdtempSync(join(tmpdir(), 'pulse-docs-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('is current: npm run docs would write exactly docs/api', () => {
    const typedoc = join(createRequire(import.meta.url).resolve('typedoc/package.json'), '..', 'bin', 'typedoc');
    const run = spawnSync(process.execPath, [typedoc, '--out', out, '--logLevel', 'Error'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const fresh = files(out);
    const committed = files(join(ROOT, 'docs/api'));
    expect([...committed.keys()], 'files in docs/api: run npm run docs and commit').toEqual([...fresh.keys()]);
    for (const [path, text] of fresh) expect(committed.get(path), `docs/api/${path} is stale: run npm run docs and commit`).toBe(text);
  });
});
