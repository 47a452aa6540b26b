import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/load/load-articles.ts';
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
