/**
 * Names of hundreds of characters (CJK, and characters outside the BMP: 3–4 bytes each in UTF-8)
 * become file names within the file system's limit, unique, with their suffixes kept.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, safeFileName } from '../../src/report/escape.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { runPulse } from '../helpers/run-cli.ts';

const LONG_A = `${'增长'.repeat(150)}𠀀𠀁𠀂A`;
const LONG_B = `${'增长'.repeat(150)}𠀀𠀁𠀂B`;

function names(root: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    out.push(name);
    if (statSync(join(root, name)).isDirectory()) out.push(...names(join(root, name)));
  }
  return out;
}

describe('long names', () => {
  let archive: string;
  let out: string;
  beforeAll(() => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 24; i++) {
      files[`operate/2025/0${(i % 6) + 1}/${700 + i}.md`] = newestLayout({
        title: `长标题 ${i}`,
        author: `[${'作者'.repeat(120)}${i % 2}](https://www.woshipm.com/u/${60 + (i % 2)})`,
        published: `2025-0${(i % 6) + 1}-1${i % 9}`,
        stats: `👁️ ${1000 + i * 37} views | 💬 1 comments | ⭐ ${5 + i} collects`,
        tags: `\`${i % 2 ? LONG_A : LONG_B}\` \`运营\``,
        original: `[View](https://www.woshipm.com/operate/${700 + i}.html)`,
      });
    }
    archive = writeTree(files);
    out = writeTree({});
  });
  afterAll(() => {
    rmSync(archive, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('limits names in bytes, keeps them unique and keeps their suffixes', () => {
    const a = safeFileName(`tag-${LONG_A}-distribution`);
    const b = safeFileName(`tag-${LONG_B}-distribution`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(a).not.toBe(b);
    expect(a.endsWith('-distribution')).toBe(true);
    expect(safeFileName(`${LONG_A}-monthly`).endsWith('-monthly')).toBe(true);
  });

  it('pulse compare --out and pulse report write every file', () => {
    const compare = runPulse(['compare', archive, '--tag', LONG_A, '--tag', LONG_B, '--out', join(out, 'compare'), '--no-cache', '--quiet']);
    expect(compare.stderr).toBe('');
    expect(compare.code).toBe(0);
    const report = runPulse(['report', archive, '--out', join(out, 'report'), '--min-count', '2', '--min-author-count', '2', '--no-cache', '--quiet']);
    expect(report.stderr).toBe('');
    expect(report.code).toBe(0);
    const all = [...names(join(out, 'compare')), ...names(join(out, 'report'))];
    expect(Math.max(...all.map((name) => Buffer.byteLength(name)))).toBeLessThanOrEqual(MAX_NAME_BYTES + 20);
    expect(all.filter((name) => name.endsWith('-distribution.svg')).length).toBeGreaterThan(0);
    expect(all.filter((name) => name.endsWith('-monthly.svg')).length).toBeGreaterThan(0);
  });
});
