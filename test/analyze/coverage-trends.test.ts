import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/article.ts';
import * as aq from 'arquero';
import { categoryCoverage, coverageShift } from '../../src/analyze/coverage.ts';
import { DictionaryColumn } from '../../src/load/table/table-columns.ts';
import { mantelHaenszel, risingTopics } from '../../src/analyze/rising.ts';
import { seededRandom } from '../../src/stats/random.ts';
import { articleTable, record } from '../helpers/articles.ts';

interface CategoryPlan { perMonth: [baseline: number, recent: number]; tags: Record<string, [baseline: number, recent: number]> }

/** 24 months, 2023-07 to 2025-06; per category the articles per month and each tag's chance, before and in the recent year. */
function simulate(seed: number, plan: Record<string, CategoryPlan>): ArticleRecord[] {
  const random = seededRandom(seed);
  const records: ArticleRecord[] = [];
  let id = 1;
  for (let m = 0; m < 24; m++) {
    const month = `${2023 + Math.floor((6 + m) / 12)}-${String(((6 + m) % 12) + 1).padStart(2, '0')}`;
    const window = m < 12 ? 0 : 1;
    for (const [category, { perMonth, tags }] of Object.entries(plan)) {
      for (let i = 0; i < perMonth[window]; i++) {
        const chosen = Object.entries(tags).filter(([, chance]) => random() < chance[window]).map(([tag]) => tag);
        records.push(record({ id: id++, category, published: `${month}-${String((i % 28) + 1).padStart(2, '0')}`, tags: chosen }));
      }
    }
  }
  return records;
}

const steadyTopics = { pd: { P: [0.3, 0.3], X: [0.05, 0.05] }, operate: { O: [0.5, 0.5], X: [0.4, 0.4] } } as const;

describe('rising and fading topics survive a change of coverage', () => {
  // operate's coverage triples in the recent year; no tag changes within any category.
  const shifted = articleTable(simulate(3, {
    pd: { perMonth: [40, 40], tags: { ...steadyTopics.pd } as never },
    operate: { perMonth: [10, 30], tags: { ...steadyTopics.operate } as never },
  }));

  it('calls no tag rising or fading when only a category\'s coverage changed', () => {
    const rows = risingTopics(shifted).objects() as { tag: string; direction: string; recentShare: number; baselineShare: number }[];
    expect(rows.map((r) => r.tag).sort()).toEqual(['O', 'P', 'X']);
    // The confound is there: O's share of the whole archive rises by more than half …
    const o = rows.find((r) => r.tag === 'O')!;
    expect(o.recentShare / o.baselineShare).toBeGreaterThan(1.5);
    // … but within categories nothing moved.
    expect(rows.filter((r) => r.direction !== 'steady')).toEqual([]);
  });

  it('warns about the shift in the category mix and names the categories that moved', () => {
    const shift = coverageShift(shifted);
    // operate goes from 20% (10 of 50) to about 43% (30 of 70) of articles.
    expect(shift.distance).toBeCloseTo(30 / 70 - 10 / 50, 2);
    expect(shift.warning).toMatch(/operate rose from 20% to 43% of articles/);
    expect(shift.warning).toMatch(/pd fell from 80% to 57%/);
    const steady = coverageShift(articleTable(simulate(3, { pd: { perMonth: [40, 40], tags: {} }, operate: { perMonth: [10, 12], tags: {} } })));
    expect(steady.warning).toBeNull();
  });

  it('finds a topic that truly rises inside its category, under the same coverage shift', () => {
    const archive = articleTable(simulate(3, {
      pd: { perMonth: [40, 40], tags: { ...steadyTopics.pd, T: [0.05, 0.2] } as never },
      operate: { perMonth: [10, 30], tags: { ...steadyTopics.operate } as never },
    }));
    const rows = risingTopics(archive).objects() as { tag: string; direction: string; oddsRatio: number; oddsRatioLow: number }[];
    const called = rows.filter((r) => r.direction !== 'steady');
    expect(called.map((r) => `${r.tag} ${r.direction}`)).toEqual(['T rising']);
    expect(called[0]!.oddsRatioLow).toBeGreaterThan(1);
  });

  it('counts articles per category and month, empty months included', () => {
    const table = categoryCoverage(articleTable([record({ category: 'pd', published: '2024-01-03' }), record({ category: 'ai', published: '2024-03-09' })]));
    expect(table.objects()).toEqual([
      { month: '2024-01', category: 'ai', count: 0 }, { month: '2024-01', category: 'pd', count: 1 },
      { month: '2024-02', category: 'ai', count: 0 }, { month: '2024-02', category: 'pd', count: 0 },
      { month: '2024-03', category: 'ai', count: 1 }, { month: '2024-03', category: 'pd', count: 0 },
    ]);
  });

  it('counts an article without a category as \'\' and reads dictionary columns and filtered tables alike', () => {
    const months = new DictionaryColumn(Int32Array.of(1, 0, 1, 1), ['2024-02', '2024-01']);
    const categories = new DictionaryColumn(Int32Array.of(0, -1, 1, 0), ['pd', '']);
    expect(categoryCoverage(aq.table({ month: months, category: categories })).objects()).toEqual([
      { month: '2024-01', category: '', count: 1 }, { month: '2024-01', category: 'pd', count: 2 },
      { month: '2024-02', category: '', count: 1 }, { month: '2024-02', category: 'pd', count: 0 },
    ]);
    const plain = aq.table({ month: ['2024-01', '2024-01', '2024-03'], category: [null, 'ai', 'ai'] });
    expect(categoryCoverage(plain.filter((d: { month: string }) => d.month > '2024-01')).objects()).toEqual([{ month: '2024-03', category: 'ai', count: 1 }]);
    expect((categoryCoverage(plain).objects() as { month: string }[]).filter((r) => r.month === '2024-01')).toEqual([{ month: '2024-01', category: '', count: 1 }, { month: '2024-01', category: 'ai', count: 1 }]);
  });

  it('judges the windows and categories of dictionary columns as of plain ones, a missing category as \'\'', () => {
    // Recent window 2023-07..2024-06, baseline 2022-07..2023-06; the last row has no month.
    const months = ['2024-06', '2024-06', '2024-06', '2023-03', '2023-03', null];
    const categories = ['pd', null, '', 'pd', '', 'pd'];
    const topicTags = [['a'], ['a'], ['b'], ['a'], ['b'], ['a']];
    const dictionary = aq.table({
      month: new DictionaryColumn(Int32Array.of(0, 0, 0, 1, 1, -1), ['2024-06', '2023-03']),
      category: new DictionaryColumn(Int32Array.of(0, -1, 1, 0, 1, 0), ['pd', '']),
      topicTags,
    });
    const plain = aq.table({ month: months, category: categories, topicTags });
    for (const table of [dictionary, plain]) {
      const shift = coverageShift(table);
      expect(shift.recent).toEqual(['2023-07', '2024-06']);
      // Recent: '' 2 of 3 (no category and ''), pd 1 of 3; baseline: 1 of 2 each (pd's move is the larger in floating point).
      expect(shift.categories.map((k) => [k.category, k.recentShare, k.baselineShare])).toEqual([['pd', 1 / 3, 1 / 2], ['', 2 / 3, 1 / 2]]);
      expect(shift.distance).toBeCloseTo(1 / 6, 12);
    }
    const rising = (table: typeof plain) => risingTopics(table, { minSupport: 1 }).objects();
    expect(rising(dictionary)).toEqual(rising(plain));
    expect((rising(plain) as { tag: string; recentCount: number; baselineCount: number; categories: number }[]).map((r) => [r.tag, r.recentCount, r.baselineCount, r.categories]))
      .toEqual(expect.arrayContaining([['a', 2, 1, 2], ['b', 1, 1, 1]]));
  });
});

describe('mantelHaenszel', () => {
  it('matches the textbook common odds ratio', () => {
    // Two strata, odds ratios 2 and 4: MH = Σ ad/n / Σ bc/n = (20·20/60 + 10·40/80) / (10·10/60 + 10·20/80) = (6.667 + 5) / (1.667 + 2.5).
    const result = mantelHaenszel([
      { recentWith: 20, recentWithout: 10, baselineWith: 10, baselineWithout: 20 },
      { recentWith: 10, recentWithout: 10, baselineWith: 20, baselineWithout: 40 },
    ])!;
    expect(Math.exp(result.logOddsRatio)).toBeCloseTo((400 / 60 + 400 / 80) / (100 / 60 + 200 / 80), 10);
    expect(result.strata).toBe(2);
    expect(result.p).toBeLessThan(0.05);
  });

  it('ignores categories present in one window only, and needs one that informs it', () => {
    const one = { recentWith: 5, recentWithout: 15, baselineWith: 5, baselineWithout: 15 };
    const result = mantelHaenszel([one, { recentWith: 30, recentWithout: 0, baselineWith: 0, baselineWithout: 0 }])!;
    expect(result.logOddsRatio).toBeCloseTo(0, 12);
    expect(result.strata).toBe(1);
    expect(mantelHaenszel([{ recentWith: 9, recentWithout: 1, baselineWith: 0, baselineWithout: 0 }])).toBeNull();
  });
});
