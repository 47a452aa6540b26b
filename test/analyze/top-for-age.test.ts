import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { TOP_FOR_AGE_COLUMNS, topForTheirAge } from '../../src/analyze/top-for-age.ts';

describe('topForTheirAge', () => {
  // Percentiles with many ties (and nulls), views with ties too: the order falls through to the id.
  const n = 5000;
  const at = (i: number, m: number) => ((i * 7919) % m);
  const articles = aq.table({
    id: Array.from({ length: n }, (_, i) => n * 3 - i * 3),
    title: Array.from({ length: n }, (_, i) => `标题 ${i}`),
    author: Array.from({ length: n }, (_, i) => (i % 5 ? `作者${i % 13}` : null)),
    tags: Array.from({ length: n }, (_, i) => [`t${i % 4}`]),
    published: Array.from({ length: n }, (_, i) => `2024-0${1 + (i % 9)}-01`),
    views: Array.from({ length: n }, (_, i) => at(i, 40)),
    percentileInAge: Array.from({ length: n }, (_, i) => (i % 11 ? 90 + at(i, 10) : null)),
    score: Array.from({ length: n }, (_, i) => (i % 11 ? 5 : null)),
  });
  /** What sorting the whole table gives. */
  const bySorting = (table: aq.ColumnTable, limit: number) => table
    .filter((d: { percentileInAge: number | null }) => d.percentileInAge !== null)
    .orderby(aq.desc('percentileInAge'), aq.desc('views'), 'id').slice(0, limit).select([...TOP_FOR_AGE_COLUMNS]).objects();

  it('gives the rows and order of sorting the table, ties broken by views then id', () => {
    for (const limit of [0, 1, 20, 137]) expect(topForTheirAge(articles, limit).objects(), `limit ${limit}`).toEqual(bySorting(articles, limit));
    expect(topForTheirAge(articles).numRows()).toBe(20);
  });

  it('works on a filtered or ordered table, in its own rows', () => {
    const some = articles.filter((d: { views: number }) => d.views % 3 === 0).orderby('views');
    expect(topForTheirAge(some, 25).objects()).toEqual(bySorting(some, 25));
    expect(topForTheirAge(articles.filter(() => false)).numRows()).toBe(0);
  });
});
