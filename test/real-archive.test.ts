import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadResult } from '../src/load/load-articles.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { ARCHIVE, REFERENCE, skipRealData } from './helpers/shared.ts';

describe.skipIf(skipRealData)('the real archive (../shared/archive) against the reference figures', () => {
  let result: LoadResult;
  beforeAll(async () => {
    result = await loadArticles([ARCHIVE]);
  });

  it('loads 3,000 articles, skips 184 index pages, rejects nothing', () => {
    expect(result.stats).toMatchObject({ filesSeen: 3184, loaded: 3000, skipped: 184, rejected: 0, duplicates: 0 });
    expect(result.rows.reduce((sum, a) => sum + a.views, 0)).toBe(14_980_918);
    expect(result.rows.reduce((sum, a) => sum + a.comments, 0)).toBe(4673);
    expect(result.rows.reduce((sum, a) => sum + a.collects, 0)).toBe(73_313);
    expect(result.rows.filter((a) => a.tags.includes('初级'))).toHaveLength(739);
    expect(result.warnings).toHaveLength(1); // the one Category line that disagrees with its URL
  });

  it('reads article 4188476 and two others exactly', () => {
    const byId = new Map(result.rows.map((a) => [a.id, a]));
    expect(byId.get(4188476)).toMatchObject({
      title: '互联网创业项目分析思路', author: '李维鑫', authorId: 68057, category: 'chuangye', categoryName: 'Chuangye',
      published: '2020-09-22', views: 11813, comments: 0, collects: 17, tags: ['1年', '互联网创业', '初级'],
      url: 'https://www.woshipm.com/chuangye/4188476.html', readingMinutes: 23,
      level: '初级', experienceYears: 1, topicTags: ['互联网创业'], month: '2020-09', year: 2020, weekday: 2,
      ageDays: 1721, // to 2025-06-09, the newest article
    });
    expect(byId.get(4188476)!.brief).toMatch(/^编辑导语：经济和科技的高速发展/);
    // The one article whose Category line disagrees with its URL; its title has a `|`.
    expect(byId.get(5603585)).toMatchObject({
      title: '2万字 | 全面剖析需求分析方法论（建议收藏）', category: 'pd', categoryName: 'Data-analysis',
      views: 27494, comments: 9, collects: 306, tags: ['2年', '初级', '需求分析', '需求挖掘'], readingMinutes: 66,
    });
    // The one article without tags (`**Tags:** None`).
    expect(byId.get(5598608)).toMatchObject({ author: '赵越工作室', tags: [], topicTags: [], level: null, views: 6503 });
  });

  it('gives the same table from the cache as from a cold load', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pulse-cache-'));
    const first = await loadArticles([ARCHIVE], { cache });
    const warm = await loadArticles([ARCHIVE], { cache });
    expect(first.cache).toMatchObject({ parsed: 3000, reused: 0 });
    expect(warm.cache).toMatchObject({ parsed: 0, reused: 3000 });
    expect(warm.rows).toEqual(result.rows);
    expect(warm.stats).toEqual(result.stats);
  });

  it('agrees with the reference on every field of every article', () => {
    const reference = parse(readFileSync(join(REFERENCE, 'articles.csv')), { columns: true }) as Record<string, string>[];
    expect(reference).toHaveLength(3000);
    const byId = new Map(result.rows.map((a) => [a.id, a]));
    const mismatches: string[] = [];
    for (const row of reference) {
      const article = byId.get(Number(row.id));
      if (!article) {
        mismatches.push(`${row.id}: missing`);
        continue;
      }
      const expected: Record<string, unknown> = {
        title: row.title, author: row.author || null, authorId: row.author_id ? Number(row.author_id) : null,
        category: row.category, published: row.published, views: Number(row.views), comments: Number(row.comments),
        collects: Number(row.collects), tags: row.tags === 'None' || row.tags === '' ? '' : row.tags,
        readingMinutes: row.reading_minutes ? Number(row.reading_minutes) : null, url: row.url,
      };
      const actual: Record<string, unknown> = { ...article, tags: article.tags.join('|') };
      for (const key of Object.keys(expected)) {
        if (expected[key] !== actual[key]) mismatches.push(`${row.id}.${key}: ${String(expected[key])} ≠ ${String(actual[key])}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
