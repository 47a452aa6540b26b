/**
 * percentileInAge and score: against a direct computation, with ties, in months under 30
 * articles (empty), and for a few articles of the real archive.
 */
import { describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/load/load-articles.ts';
import { articleTable, record } from '../helpers/articles.ts';
import { ARCHIVE, skipRealData } from '../helpers/shared.ts';

/** The percentile by its definition: 100 × (peers with fewer views + half the peers with as many) / peers. */
function direct(views: number[], own: number, index: number): number {
  let below = 0;
  let equal = 0;
  views.forEach((v, i) => {
    if (i === index) return;
    if (v < own) below++;
    else if (v === own) equal++;
  });
  return (100 * (below + equal / 2)) / (views.length - 1);
}

describe('percentileInAge and score', () => {
  it('rank each article among its month, with ties counted half; months under 30 articles get none', () => {
    const records = [
      ...Array.from({ length: 40 }, (_, i) => record({ published: '2024-03-10', views: (i % 20) * 10 })),
      ...Array.from({ length: 10 }, (_, i) => record({ published: '2024-04-10', views: i })),
    ];
    const rows = articleTable(records).objects() as { published: string; views: number; percentileInAge: number | null; score: number | null }[];
    const march = rows.filter((r) => r.published === '2024-03-10');
    march.forEach((row, i) => {
      const expected = direct(march.map((r) => r.views), row.views, i);
      expect(row.percentileInAge).toBeCloseTo(expected, 10);
      expect(row.score).toBe(Math.min(5, Math.floor(expected / 20) + 1));
    });
    expect(Math.min(...march.map((r) => r.percentileInAge!))).toBeCloseTo(100 / 39 / 2, 10);
    expect(rows.filter((r) => r.published === '2024-04-10').every((r) => r.percentileInAge === null && r.score === null)).toBe(true);
  });

  it.skipIf(skipRealData)('match a direct computation for articles of the real archive', async () => {
    const { articles } = await loadArticles([ARCHIVE]);
    const rows = articles.objects() as { id: number; month: string; views: number; percentileInAge: number | null; score: number | null }[];
    for (const pick of [0, 777, 1500, 2999]) {
      const row = rows[pick]!;
      const peers = rows.filter((r) => r.month === row.month);
      if (peers.length < 30) {
        expect(row.percentileInAge).toBeNull();
        continue;
      }
      const expected = direct(peers.map((r) => r.views), row.views, peers.indexOf(row));
      expect(row.percentileInAge, `article ${row.id}`).toBeCloseTo(expected, 10);
      expect(row.score).toBe(Math.min(5, Math.floor(expected / 20) + 1));
    }
  });
});
