import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { authorArticleCounts, authorLeaderboard, mostProlificAuthors } from '../../src/analyze/authors.ts';
import { monthMedians, withCohortIndex } from '../../src/analyze/cohort.ts';
import { compareGroups } from '../../src/analyze/compare.ts';
import { tagCooccurrence } from '../../src/analyze/cooccurrence.ts';
import { engagementSummary } from '../../src/analyze/engagement.ts';
import { hiddenGems } from '../../src/analyze/gems.ts';
import { mergeSimilarTags, similarTagGroups } from '../../src/analyze/hygiene.ts';
import { risingTopics, shiftMonth } from '../../src/analyze/rising.ts';
import { selectGroup, UnknownGroupError } from '../../src/analyze/select.ts';
import { tagLeaderboard } from '../../src/analyze/tags.ts';
import { tagShareByPeriod, trendByPeriod } from '../../src/analyze/trends.ts';
import { articleTable, record } from '../helpers/articles.ts';
import { percentilesInMonth } from '../../src/metrics.ts';
import { seededRandom } from '../../src/stats/random.ts';

// Two months; January median views 200 (100, 200, 300), February median 50 (40, 60). Each month
// is its own cohort here (minArticles 1), so the expected numbers can be worked by hand.
const small = () => withCohortIndex(smallArticles(), { minArticles: 1 });
const smallArticles = () => articleTable([
  record({ id: 1, published: '2024-01-03', views: 100, collects: 1, comments: 1, tags: ['A', '初级', '2年'], author: '甲', authorId: 7, category: 'pd' }),
  record({ id: 2, published: '2024-01-10', views: 200, collects: 4, comments: 0, tags: ['A', 'B'], author: '甲', authorId: 7, category: 'pd' }),
  record({ id: 3, published: '2024-01-20', views: 300, collects: 3, comments: 2, tags: ['B'], author: '乙', authorId: 8, category: 'operate' }),
  record({ id: 4, published: '2024-02-01', views: 40, collects: 0, comments: 0, tags: ['A'], author: '甲', authorId: 7, category: 'operate' }),
  record({ id: 5, published: '2024-02-05', views: 60, collects: 6, comments: 0, tags: ['B', 'C'], author: '乙', authorId: 8, category: 'pd' }),
]);

describe('cohort index', () => {
  it('divides views by the median views of the publish month', () => {
    expect(withCohortIndex(smallArticles(), { minArticles: 1 }).array('cohortIndex')).toEqual([0.5, 1, 1.5, 0.8, 1.2]);
  });

  it('pools thin months with their calendar neighbours until the cohort has 20 articles', () => {
    // Five articles in all: every month borrows the others, so all divide by the median of 5 (100).
    expect(withCohortIndex(smallArticles()).array('cohortIndex')).toEqual([1, 2, 3, 0.4, 0.6]);
    // March has 1 article, April 5, May 50 (views 1000 each), January 30 (views 10 each).
    const month = (m: string, count: number, views: number, start: number) =>
      Array.from({ length: count }, (_, i) => record({ id: start + i, published: `2024-${m}-${String((i % 28) + 1).padStart(2, '0')}`, views }));
    const table = articleTable([...month('01', 30, 10, 1), ...month('03', 1, 500, 100), ...month('04', 5, 100, 200), ...month('05', 50, 1000, 300)]);
    const medians = monthMedians(table.array('month') as string[], table.array('views') as number[]);
    // May (50) and January (30) are their own cohorts.
    expect(medians.get('2024-05')).toBe(1000);
    expect(medians.get('2024-01')).toBe(10);
    // April (5): March–May holds 56 articles; 50 of them have 1000 views.
    expect(medians.get('2024-04')).toBe(1000);
    // March (1): February–April holds 6 (too few); January–May holds all 86, median 1000.
    expect(medians.get('2024-03')).toBe(1000);
    // Fewer than 20 articles in all: one cohort over everything.
    expect(monthMedians(['2024-01', '2024-09'], [10, 30])).toEqual(new Map([['2024-01', 20], ['2024-09', 20]]));
  });

  it('gives the same index through the month column\'s keys as through its groups', () => {
    const random = seededRandom(5);
    // Thin months (pooled with their neighbours) among full ones.
    const records = Array.from({ length: 400 }, (_, i) => record({
      id: i + 1, published: `2024-${String(1 + Math.floor(random() ** 3 * 12)).padStart(2, '0')}-1${i % 10}`, views: Math.floor(random() * 1000),
    }));
    const table = articleTable(records);
    const byKeys = withCohortIndex(table).array('cohortIndex') as number[];
    // A plain arquero table has no dictionary keys: the index comes through the month's groups.
    const byGroups = withCohortIndex(aq.from(table.objects())).array('cohortIndex') as number[];
    expect(byKeys).toEqual(byGroups);
    const months = monthMedians(table.array('month') as string[], table.array('views') as number[]);
    expect(byKeys[0]).toBe((table.array('views')[0] as number) / months.get(table.array('month')[0] as string)!);
    expect(new Set(byKeys).size).toBeGreaterThan(300);
  });
});

describe('engagementSummary', () => {
  it('computes counts, medians, quartiles, means and rates as sum over sum per group', () => {
    const rows = engagementSummary(small(), { by: 'category' }).objects();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      group: 'operate', count: 2, medianViews: 170, q1Views: 105, q3Views: 235, meanViews: 170,
      medianCollects: 1.5, collectRate: 3 / 340, commentRate: 2 / 340, cohortIndex: (1.5 + 0.8) / 2,
    });
    expect(rows[1]).toMatchObject({ group: 'pd', count: 3, medianViews: 100, meanViews: 120, collectRate: 11 / 360 });
  });

  it('groups by level and by weekday', () => {
    expect(engagementSummary(small(), { by: 'level' }).objects()).toMatchObject([{ group: '初级', count: 1 }]);
    const weekdays = engagementSummary(small(), { by: 'weekday' }).array('group');
    expect(weekdays).toEqual(['1', '3', '4', '6']); // 02-05 Mon; 01-03, 01-10 Wed; 02-01 Thu; 01-20 Sat
  });
});

describe('tagLeaderboard', () => {
  it('explodes topic tags, keeps level tags out unless asked, and applies minCount', () => {
    const rows = tagLeaderboard(small(), { minCount: 2, sort: 'count' }).objects() as Record<string, unknown>[];
    expect(rows.map((r) => r.tag)).toEqual(['A', 'B']);
    expect(rows[0]).toMatchObject({ tag: 'A', count: 3, share: 3 / 5, medianViews: 100, meanViews: 340 / 3, medianCollects: 1, collectRate: 5 / 340, smallSample: true, levelTag: false });
    expect(rows[1]).toMatchObject({ tag: 'B', count: 3, medianViews: 200, collectRate: 13 / 560, cohortIndex: 1.2 });
    const withLevels = tagLeaderboard(small(), { minCount: 1, includeLevelTags: true }).array('tag') as string[];
    expect(withLevels).toContain('初级');
    expect(withLevels).toContain('2年');
  });

  it('sorts by any column, nulls last, ties by count then tag; an unknown column is an error naming the columns', () => {
    const byTag = tagLeaderboard(small(), { minCount: 1, sort: 'tag' }).array('tag') as string[];
    expect(byTag).toEqual([...byTag].sort());
    const worstFirst = tagLeaderboard(small(), { minCount: 1, sort: 'medianViews', order: 'asc' }).array('medianViews') as number[];
    expect(worstFirst).toEqual([...worstFirst].sort((a, b) => a - b));
    expect(() => tagLeaderboard(small(), { sort: 'views' })).toThrow(/cannot sort by "views": the columns are tag, count, share/);
  });

  it('shrinks collect rates toward the pooled rate and gives intervals around the median', () => {
    const row = (tagLeaderboard(small(), { minCount: 3 }).objects() as Record<string, number>[]).find((r) => (r.tag as unknown) === 'B')!;
    // Prior mean: the pooled rate of all topic tags, A (5/340), B (13/560), C (6/60) = 24/960.
    const pooled = 24 / 960;
    expect(row.collectRateShrunk).toBeGreaterThanOrEqual(13 / 560);
    expect(row.collectRateShrunk).toBeLessThanOrEqual(pooled);
    expect(row.collectRateShrunkLow).toBeLessThanOrEqual(row.collectRateShrunk!);
    expect(row.collectRateShrunkHigh).toBeGreaterThanOrEqual(row.collectRateShrunk!);
    expect(row.medianViewsLow).toBeLessThanOrEqual(200);
    expect(row.medianViewsHigh).toBeGreaterThanOrEqual(200);
  });
});

describe('authorLeaderboard', () => {
  it('groups by author id with totals, dates and activity', () => {
    const rows = authorLeaderboard(small(), { minCount: 2, sort: 'count' }).objects() as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      authorId: 7, author: '甲', count: 3, medianViews: 100, totalViews: 340, collectRate: 5 / 340,
      firstPublished: '2024-01-03', lastPublished: '2024-02-01', activeMonths: 2, articlesPerActiveMonth: 1.5, distinctNames: 1,
    });
    expect(rows[1]).toMatchObject({ authorId: 8, count: 2, totalViews: 360, cohortIndex: 1.35 });
  });

  it('counts every author, named by the name they used most (on a tie the latest), unknown ids by name', () => {
    const table = articleTable([
      record({ id: 1, published: '2024-01-01', author: '旧名', authorId: 7 }),
      record({ id: 2, published: '2024-02-01', author: '新名', authorId: 7 }),
      record({ id: 3, published: '2024-03-01', author: '新名', authorId: 7 }),
      record({ id: 4, published: '2024-03-02', author: '丙', authorId: null }),
      record({ id: 5, published: '2024-03-03', author: '乙', authorId: 8 }),
      record({ id: 6, published: '2024-03-04', author: '乙2', authorId: 8 }),
    ]);
    expect(authorArticleCounts(table)).toEqual([
      { authorKey: '7', author: '新名', count: 3 },
      { authorKey: '8', author: '乙2', count: 2 },
      { authorKey: '丙', author: '丙', count: 1 },
    ]);
  });

  it('gives the most prolific authors as the first entries of every author in order, ties at the cut included', () => {
    // Counts 5, 3, 3, 3, 2, 1, 1 over seven authors: the cut after two or three falls among the threes.
    const sizes = [3, 1, 5, 3, 2, 3, 1];
    const rows = sizes.flatMap((size, a) => Array.from({ length: size }, (_, k) => ({ authorId: 20 - a, author: ['丁', '甲', '乙', '丙', '戊', '己', '庚'][a]!, k })));
    const fresh = () => articleTable(rows.map((row, i) => record({ id: i + 1, published: `2024-01-${String(1 + (row.k % 28)).padStart(2, '0')}`, author: row.author, authorId: row.authorId })));
    const all = authorArticleCounts(fresh());
    expect(all.map((entry) => entry.count)).toEqual([5, 3, 3, 3, 2, 1, 1]);
    expect(all.slice(1, 4).map((entry) => entry.author)).toEqual(['丁', '丙', '己']); // ties by name
    expect(mostProlificAuthors(fresh(), 2.5).top).toEqual(all.slice(0, 2));
    expect(mostProlificAuthors(fresh(), Infinity).top).toEqual(all);
    expect(mostProlificAuthors(fresh(), Number.NaN).top).toEqual([]);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 10]) {
      // On a new table (nothing cached) and after authorArticleCounts has listed every author.
      expect(mostProlificAuthors(fresh(), n), `n = ${n}`).toEqual({ authors: 7, top: all.slice(0, n) });
      const table = fresh();
      authorArticleCounts(table);
      expect(mostProlificAuthors(table, n), `n = ${n}, cached`).toEqual({ authors: 7, top: all.slice(0, n) });
    }
  });

  it('names, dates and months per author as a plain reading of the rows gives them, null names and filters included', () => {
    // The rule read row by row as text: the name used most, on a tie the latest date, then the
    // first seen; names (not null) and months counted; first and last date.
    const expected = (rows: Record<string, unknown>[]) => {
      const byAuthor = new Map<number, Record<string, unknown>[]>();
      for (const row of rows) byAuthor.set(row.authorId as number, [...(byAuthor.get(row.authorId as number) ?? []), row]);
      return [...byAuthor].filter(([, own]) => own.length >= 2).map(([authorId, own]) => {
        const names = new Map<string, { count: number; latest: string }>();
        for (const row of own) {
          if (row.author === null) continue;
          const entry = names.get(row.author as string) ?? { count: 0, latest: '' };
          entry.count++;
          if (((row.published as string | null) ?? '') > entry.latest) entry.latest = row.published as string;
          names.set(row.author as string, entry);
        }
        const best = [...names].reduce<[string, { count: number; latest: string }] | null>((b, e) => !b || e[1].count > b[1].count || (e[1].count === b[1].count && e[1].latest > b[1].latest) ? e : b, null);
        const dates = own.map((row) => row.published as string | null).filter((d) => d !== null).sort();
        return {
          authorId, author: best?.[0] ?? String(authorId), distinctNames: names.size, activeMonths: new Set(own.map((row) => row.month)).size,
          firstPublished: dates[0] ?? null, lastPublished: dates.at(-1) ?? null,
        };
      }).sort((a, b) => a.authorId - b.authorId);
    };
    const random = seededRandom(5);
    const pickOne = <T,>(values: T[]) => values[Math.floor(random() * values.length)]!;
    const table = withCohortIndex(articleTable(Array.from({ length: 400 }, (_, i) => record({
      id: i + 1, authorId: 1 + Math.floor(random() * 40), author: pickOne(['甲', '乙', '丙', null]),
      published: pickOne(['2024-01-05', '2024-01-20', '2024-03-01', '2023-12-31']), views: 10 + i,
    }))), { minArticles: 1 });
    const board = (articles: typeof table) => (authorLeaderboard(articles, { minCount: 2 }).objects() as Record<string, unknown>[])
      .map(({ authorId, author, distinctNames, activeMonths, firstPublished, lastPublished }) => ({ authorId, author, distinctNames, activeMonths, firstPublished, lastPublished }))
      .sort((a, b) => (a.authorId as number) - (b.authorId as number));
    expect(board(table)).toEqual(expected(table.objects() as Record<string, unknown>[]));
    const filtered = table.filter((d: { views: number }) => d.views % 3 !== 0);
    expect(board(filtered)).toEqual(expected(filtered.objects() as Record<string, unknown>[]));
  });

  it('groups site ids and any other ids alike, and a name-only author called by an id joins it', () => {
    const table = (offset: number) => articleTable(Array.from({ length: 40 }, (_, i) => record({
      id: i + 1, published: `2024-0${1 + (i % 6)}-0${1 + (i % 7)}`, views: 100 + ((i * 37) % 50), author: `作者${i % 4}`, authorId: offset + ((i * 7) % 5),
    })));
    const board = (offset: number) => (authorLeaderboard(table(offset), { minCount: 1 }).objects() as Record<string, unknown>[]).map(({ authorId, ...rest }) => ({ ...rest, id: (authorId as number) - offset }));
    expect(board(2 ** 40)).toEqual(board(0)); // ids beyond the dense range are grouped by their text
    const joined = articleTable([
      record({ id: 1, published: '2024-01-01', author: '乙', authorId: 8 }),
      record({ id: 2, published: '2024-01-02', author: '8', authorId: null }),
      record({ id: 3, published: '2024-01-03', author: '甲', authorId: 9 }),
    ]);
    expect(authorArticleCounts(joined)).toEqual([{ authorKey: '8', author: '8', count: 2 }, { authorKey: '9', author: '甲', count: 1 }]);
  });
});

describe('trends', () => {
  it('gives per-month counts and medians, named by period', () => {
    expect(trendByPeriod(small()).objects()).toMatchObject([
      { month: '2024-01', count: 3, medianViews: 200, medianCollects: 3 },
      { month: '2024-02', count: 2, medianViews: 50, medianCollects: 3 },
    ]);
    expect(trendByPeriod(small(), { by: 'quarter' }).objects()).toMatchObject([{ quarter: '2024-Q1', count: 5, medianViews: 100 }]);
  });

  it('gives each tag\'s share of a period', () => {
    const rows = tagShareByPeriod(small(), { by: 'month', tags: ['A'] }).objects();
    expect(rows).toEqual([
      { period: '2024-01', tag: 'A', count: 2, articles: 3, share: 2 / 3 },
      { period: '2024-02', tag: 'A', count: 1, articles: 2, share: 1 / 2 },
    ]);
  });

  it('finds a rising and a fading topic and corrects for many tags', () => {
    const records = [];
    for (let i = 0; i < 60; i++) {
      const recent = i % 2 === 0;
      const month = recent ? `2025-${String((i % 12) + 1).padStart(2, '0')}` : `2024-${String((i % 12) + 1).padStart(2, '0')}`;
      const tags = recent ? ['AI', ...(i % 10 === 0 ? ['直播'] : [])] : ['直播', ...(i % 10 === 1 ? ['AI'] : [])];
      records.push(record({ published: `${month}-10`, tags: [...tags, 'steady'] }));
    }
    const rows = risingTopics(articleTable(records), { endMonth: '2025-12', minSupport: 5 }).objects() as Record<string, unknown>[];
    const byTag = Object.fromEntries(rows.map((r) => [r.tag, r]));
    expect(byTag.AI).toMatchObject({ direction: 'rising', recentCount: 30, baselineCount: 6, recentShare: 1, baselineShare: 0.2 });
    expect(byTag['直播']).toMatchObject({ direction: 'fading', recentCount: 6, baselineCount: 30 });
    // On every article in both windows: no change, p = 1 (not NaN, which would poison the correction).
    expect(byTag.steady).toMatchObject({ direction: 'steady', oddsRatio: 1, p: 1, q: 1 });
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
  });
});

describe('compareGroups', () => {
  it('refuses a verdict with too few articles and says so', () => {
    const t = small();
    const result = compareGroups(t, selectGroup(t, 'tag', 'A'), selectGroup(t, 'tag', 'C'));
    expect(result.enough).toBe(false);
    expect(result.sentence).toBe('Too few articles to compare A with C: 3 vs 1 articles; at least 5 in each are needed for a verdict.');
    // Counts and medians, and nothing an interval or a test would need more articles for.
    for (const m of [result.views, result.cohortIndex]) {
      expect(m.medianA).not.toBeNull();
      expect([m.medianALow, m.medianAHigh, m.ratio, m.ratioLow, m.ratioHigh, m.p, m.cliffsDelta, m.superiority]).toEqual(Array(8).fill(null));
    }
    expect([result.collectRateDifferenceLow, result.collectRateDifferenceHigh]).toEqual([null, null]);
  });

  it('reports the ratio of cohort-index medians with an interval and a p-value', () => {
    const records = [];
    for (let i = 0; i < 40; i++) {
      records.push(record({ published: `2024-0${(i % 4) + 1}-01`, views: 2000 + i * 10, tags: ['小红书'] }));
      records.push(record({ published: `2024-0${(i % 4) + 1}-01`, views: 1000 + i * 5, tags: ['抖音'] }));
    }
    const t = articleTable(records);
    const result = compareGroups(t, selectGroup(t, 'tag', '小红书'), selectGroup(t, 'tag', '抖音'));
    expect(result.enough).toBe(true);
    expect(result.views.ratio).toBeCloseTo(2, 1);
    expect(result.cohortIndex.p).toBeLessThan(0.001);
    expect(result.cohortIndex.cliffsDelta).toBe(1);
    expect(result.sentence).toMatch(/^Articles tagged 小红书 get 2\.0× the views of those tagged 抖音 for their age \(95% interval 1\.\d–2\.\d; p < 0\.001; 40 vs 40 articles\)\.$/);
  });

  it('names the closest tags when one is unknown', () => {
    expect(() => selectGroup(small(), 'tag', 'b')).toThrow('unknown tag "b"; closest: B, A, C'); // tags are case-sensitive
    try {
      selectGroup(small(), 'tag', 'CC');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(UnknownGroupError);
      expect((error as Error).message).toBe('unknown tag "CC"; closest: C, 2年, A');
    }
    expect(selectGroup(small(), 'author', '8').label).toBe('乙');
  });

  it('selects an author by name or id and a category by its slug, on the whole table or a filtered one', () => {
    const t = small();
    expect(selectGroup(t, 'author', '甲').rows).toEqual([0, 1, 3]);
    expect(selectGroup(t, 'author', '8').rows).toEqual([2, 4]);
    expect(selectGroup(t, 'category', 'PD').rows).toEqual([0, 1, 4]);
    const later = t.filter((d: { views: number }) => d.views < 250);
    expect(selectGroup(later, 'author', '乙').rows).toEqual([3]);
    expect(selectGroup(later, 'category', 'operate').rows).toEqual([2]);
    expect(() => selectGroup(t, 'category', 'operat')).toThrow('unknown category "operat"; closest: operate, pd');
    expect(() => selectGroup(t, 'author', '丙')).toThrow(UnknownGroupError);
  });
});

describe('co-occurrence, hygiene, gems', () => {
  it('counts pairs and their lift', () => {
    const rows = tagCooccurrence(small(), { top: 3 }).objects();
    // A on 3, B on 3, C on 1 of 5; A+B together on 1: lift = 1·5/(3·3)
    expect(rows).toContainEqual({ tagA: 'A', tagB: 'B', count: 1, countA: 3, countB: 3, lift: 5 / 9 });
    expect(rows).toContainEqual({ tagA: 'B', tagB: 'C', count: 1, countA: 3, countB: 1, lift: 5 / 3 });
  });

  it('finds tags that differ only by spaces, case or width, and merges them', () => {
    const t = articleTable([
      record({ tags: ['ChatGPT', 'B端'] }), record({ tags: ['Chat GPT'] }), record({ tags: ['chatgpt', 'B 端'] }),
      record({ tags: ['ChatGPT', 'ＡＩ'] }), record({ tags: ['AI'] }), record({ tags: ['AI'] }),
    ]);
    const groups = similarTagGroups(t);
    expect(groups.map((g) => [g.canonical, g.variants.map((v) => v.tag)])).toEqual([
      ['AI', ['AI', 'ＡＩ']], ['B端', ['B端', 'B 端']], ['ChatGPT', ['ChatGPT', 'chatgpt', 'Chat GPT']], // ties: the shorter spelling first
    ]);
    const merged = mergeSimilarTags(t, groups);
    expect(merged.array('tags')).toEqual([['ChatGPT', 'B端'], ['ChatGPT'], ['ChatGPT', 'B端'], ['ChatGPT', 'AI'], ['AI'], ['AI']]);
  });

  it('lists hidden gems: high collect rate, low views for their age', () => {
    const t = articleTable([
      record({ published: '2024-01-01', views: 1000, collects: 5 }),
      record({ published: '2024-01-02', views: 4000, collects: 20 }),
      record({ published: '2024-01-03', views: 600, collects: 30, title: 'gem', author: '小王' }),
      record({ published: '2024-01-04', views: 5000, collects: 25 }),
      record({ published: '2024-01-05', views: 700, collects: 20, title: 'second gem', author: '老李' }),
    ]);
    expect(hiddenGems(t).objects()).toEqual([
      expect.objectContaining({ title: 'gem', author: '小王', published: '2024-01-03', views: 600, collects: 30 }),
      expect.objectContaining({ title: 'second gem', author: '老李', published: '2024-01-05', views: 700, collects: 20 }),
    ]);
    // On a filtered table, the shown texts are those of its own rows.
    expect(hiddenGems(t.filter((d: { views: number }) => d.views !== 600)).objects()).toEqual([
      expect.objectContaining({ title: 'second gem', author: '老李', published: '2024-01-05' }),
    ]);
  });
});

describe('percentilesInMonth', () => {
  it('gives each article the share of its month peers with fewer views, ties counted half, and months under 30 articles none', () => {
    const random = seededRandom(5);
    const n = 400;
    const months = Int32Array.from({ length: n }, () => Math.floor(random() * 5)); // month 4 is thin below
    for (let i = 0; i < n; i++) if (months[i] === 4 && random() < 0.9) months[i] = 0;
    const views = Float64Array.from({ length: n }, () => Math.floor(random() * 40)); // many ties
    const { percentile, score } = percentilesInMonth(months, views);
    for (let i = 0; i < n; i++) {
      const peers = [...months.keys()].filter((j) => j !== i && months[j] === months[i]);
      if (peers.length + 1 < 30) {
        expect(percentile[i]).toBeNaN();
        continue;
      }
      const fewer = peers.filter((j) => views[j]! < views[i]!).length;
      const equal = peers.filter((j) => views[j] === views[i]).length;
      const expected = (100 * (fewer + equal / 2)) / peers.length;
      expect(percentile[i]).toBeCloseTo(expected, 10);
      expect(score[i]).toBe(Math.min(5, Math.floor(percentile[i]! / 20) + 1));
    }
  });
});
