import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorLeaderboard } from '../../src/analyze/authors.ts';
import { engagementSummary } from '../../src/analyze/engagement.ts';
import { tagLeaderboard } from '../../src/analyze/tags.ts';
import { trendByPeriod } from '../../src/analyze/trends.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { ARCHIVE, REFERENCE, skipRealData } from '../helpers/shared.ts';

const reference = (file: string) => parse(readFileSync(join(REFERENCE, file)), { columns: true }) as Record<string, string>[];
const round6 = (x: unknown) => (x === null ? null : Math.round((x as number) * 1e6) / 1e6);

/** Compares our rows with the reference's, field by field; returns the differences. */
function differences(ours: Record<string, unknown>[], key: string, theirs: Record<string, string>[], theirKey: string, fields: Record<string, string>): string[] {
  const byKey = new Map(ours.map((row) => [String(row[key]), row]));
  const out: string[] = [];
  for (const row of theirs) {
    const mine = byKey.get(row[theirKey]!);
    if (!mine) {
      out.push(`${row[theirKey]}: missing`);
      continue;
    }
    for (const [theirField, ourField] of Object.entries(fields)) {
      const expected = Number(row[theirField]);
      const actual = round6(mine[ourField]);
      if (expected !== actual) out.push(`${row[theirKey]}.${ourField}: ${expected} ≠ ${actual}`);
    }
  }
  return out;
}

describe.skipIf(skipRealData)('analyses of the real archive against the reference', () => {
  let articles: ColumnTable;
  beforeAll(async () => {
    articles = (await loadArticles([ARCHIVE])).articles;
  });

  it('tag table (level tags included, at least 5 articles) matches exactly', () => {
    const ours = tagLeaderboard(articles, { minCount: 5, includeLevelTags: true, resamples: 20 }).objects() as Record<string, unknown>[];
    const theirs = reference('tags.csv');
    expect(ours).toHaveLength(theirs.length);
    expect(differences(ours, 'tag', theirs, 'tag', {
      count: 'count', median_views: 'medianViews', mean_views: 'meanViews', median_collects: 'medianCollects',
      collect_rate: 'collectRate', comment_rate: 'commentRate',
    })).toEqual([]);
    const byTag = new Map(ours.map((r) => [r.tag, r]));
    expect(byTag.get('初级')).toMatchObject({ count: 739, medianViews: 6826, medianCollects: 25 });
    expect(byTag.get('小红书')).toMatchObject({ count: 97, medianViews: 4493, medianCollects: 19 });
  });

  it('topic leaderboard leaves the level tags out', () => {
    const tags = tagLeaderboard(articles, { resamples: 20 }).array('tag') as string[];
    expect(tags).not.toContain('初级');
    expect(tags).not.toContain('2年');
    expect(tags).toContain('经验分享');
  });

  it('author table matches exactly (1,000 authors)', () => {
    const ours = authorLeaderboard(articles, { minCount: 1, resamples: 20 }).objects() as Record<string, unknown>[];
    const theirs = reference('authors.csv');
    expect(ours).toHaveLength(1000);
    expect(differences(ours, 'authorId', theirs, 'author_id', {
      count: 'count', median_views: 'medianViews', total_views: 'totalViews', collect_rate: 'collectRate', distinct_names: 'distinctNames',
    })).toEqual([]);
    const chen = ours.find((r) => r.authorId === 773891)!;
    expect(chen).toMatchObject({ author: '接地气的陈老师', count: 154, medianViews: 8127.5, totalViews: 1_382_198 });
  });

  it('monthly and category tables match exactly', () => {
    const months = trendByPeriod(articles).objects() as Record<string, unknown>[];
    expect(differences(months, 'month', reference('months.csv'), 'month', { count: 'count', median_views: 'medianViews', median_collects: 'medianCollects' })).toEqual([]);
    expect(months).toHaveLength(58);
    const categories = engagementSummary(articles, { by: 'category' }).objects() as Record<string, unknown>[];
    expect(differences(categories, 'group', reference('categories.csv'), 'category', {
      count: 'count', median_views: 'medianViews', median_collects: 'medianCollects', total_views: 'totalViews',
      collect_rate: 'collectRate', comment_rate: 'commentRate',
    })).toEqual([]);
  });
});
