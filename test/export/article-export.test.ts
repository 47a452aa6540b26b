import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeArticles, writeArticleTable } from '../../src/export/article-export.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { articleTable, record } from '../helpers/articles.ts';
import { writeTree } from '../helpers/fixtures.ts';

describe('writeArticleTable', () => {
  const table = articleTable(Array.from({ length: 7 }, (_, i) => record({
    title: i === 3 ? '=HYPERLINK("x")' : `标题 "${i}"`, tags: i % 2 ? ['A|B', '运营'] : [], brief: i === 5 ? '逗号, 换行\n' : null, views: 10 * i,
  })));
  const rows = table.objects() as never[];

  it('writes in pieces exactly what one piece would hold (CSV, JSON, NDJSON)', () => {
    const dir = writeTree({});
    for (const extension of ['csv', 'json', 'ndjson']) {
      const file = join(dir, `a.${extension}`);
      writeArticleTable(table, file, 3);
      expect(readFileSync(file, 'utf8')).toBe(serializeArticles(rows, file));
    }
    const empty = join(dir, 'empty.json');
    writeArticleTable(table.filter(() => false), empty, 3);
    expect(readFileSync(empty, 'utf8')).toBe('[]\n');
  });

  it('writes Parquet and Arrow in pieces that load back to the same rows', async () => {
    const dir = writeTree({});
    for (const extension of ['parquet', 'arrow', 'ndjson']) writeArticleTable(table, join(dir, `a.${extension}`), 3);
    const fromNdjson = (await loadArticles([join(dir, 'a.ndjson')])).rows;
    for (const extension of ['parquet', 'arrow']) {
      const loaded = await loadArticles([join(dir, `a.${extension}`)]);
      expect(loaded.rejects).toEqual([]);
      expect(loaded.rows).toEqual(fromNdjson);
    }
    expect(fromNdjson).toHaveLength(7);
  });
});
