import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticles } from '../../src/load/load-articles.ts';
import { stampFiles } from '../../src/load/parse-pool.ts';
import { generateArchive } from '../../scripts/sample-archive.ts';
import { writeTree } from '../helpers/fixtures.ts';

describe('parsing on worker threads', () => {
  it('gives exactly the main thread\'s result, whatever the scheduling', async () => {
    const files: Record<string, string> = { 'README.md': '# index', 'broken.md': '# no header\n', 'empty.md': '' };
    for (const article of generateArchive(700, 5)) files[article.path] = article.text;
    const archive = writeTree(files);
    const main = await loadArticles([archive], { workers: 0 });
    const pooled = await loadArticles([archive], { workers: 3 });
    expect(pooled.rows).toEqual(main.rows);
    expect(pooled.rejects).toEqual(main.rejects);
    expect(pooled.stats).toEqual(main.stats);
    expect(main.stats).toMatchObject({ filesSeen: 703, loaded: 700, rejected: 2, skipped: 1 });
  });
});

describe('stamping files on worker threads', () => {
  it('gives each path its size and mtime in order, -1 for a missing one', async () => {
    const folder = writeTree(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.md`, 'x'.repeat(i)])));
    const paths = Array.from({ length: 40 }, (_, i) => join(folder, `f${i}.md`));
    paths.splice(17, 0, join(folder, 'missing.md'));
    const stamps = await stampFiles(paths, 3, 0);
    expect([...stamps.size]).toEqual(paths.map((path, i) => (i === 17 ? -1 : statSync(path).size)));
    expect([...stamps.mtimeMs]).toEqual(paths.map((path, i) => (i === 17 ? -1 : statSync(path).mtimeMs)));
  });
});
