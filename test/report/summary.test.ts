/** The load summary of the report's front page: authors by id (else by name), views, dates. */
import { describe, expect, it } from 'vitest';
import { summarizeLoad } from '../../src/summary.ts';
import type { LoadResult } from '../../src/load/load-articles.ts';
import { articleTable, record } from '../helpers/articles.ts';

const stats = { filesSeen: 6, loaded: 6, rejected: 0, duplicates: 0, duplicatesWithDifferentStats: 0, skipped: 0, recordsSeen: 6 };

describe('summarizeLoad', () => {
  it('counts an author id once whatever its names, a name-only author by name, and neither not at all', () => {
    const articles = articleTable([
      record({ authorId: 7, author: '老张', views: 10, published: '2024-02-01' }),
      record({ authorId: 7, author: '张三', views: 20, published: '2023-11-30' }),
      record({ authorId: null, author: '老王', views: 5 }),
      record({ authorId: null, author: '老王', views: 0 }),
      record({ authorId: null, author: '老李', views: 0 }),
      record({ authorId: null, author: null, views: 1000, published: '2025-06-01' }),
    ]);
    const summary = summarizeLoad({ articles, stats, skipped: [], rejects: [], warnings: [], asOf: '2025-06-01' } as unknown as LoadResult);
    expect(summary.authors).toBe(3);
    expect(summary.totalViews).toBe(1035);
    expect([summary.firstPublished, summary.lastPublished]).toEqual(['2023-11-30', '2025-06-01']);
    expect(summary.articles).toBe(6);
  });
});
