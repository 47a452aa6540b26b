import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.ts';

const CHILD = join(import.meta.dirname, 'input-released.child.ts');
const SAMPLE = join(import.meta.dirname, '../../data/sample');

describe('writeReport and the input', () => {
  // At a million articles the table and the analyses' caches are most of the memory: rendering
  // the pages, fonts and PNGs must not hold them too.
  it('lets the articles be collected once the notebooks have run, while the pages render', () => {
    const out = writeTree({});
    try {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', import.meta.resolve('tsx'), CHILD, SAMPLE, join(out, 'report')], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ heldWhilePagesRender: false });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
