import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/article.ts';
import { compareMany } from '../../src/analyze/compare-many.ts';
import { largestCategories } from '../../src/report/comparison-section.ts';
import * as aq from 'arquero';
import { DictionaryColumn } from '../../src/load/table/table-columns.ts';
import { selectGroup } from '../../src/analyze/select.ts';
import { seededRandom } from '../../src/stats/random.ts';
import { kruskalWallis } from '../../src/stats/tests.ts';
import { articleTable, record } from '../helpers/articles.ts';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

/** Tags A, B, C (40 articles each, alike), D (40, `liftD` × the views) and E (2 articles). */
function archive(liftD: number): ArticleRecord[] {
  const random = seededRandom(5);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const records: ArticleRecord[] = [];
  let id = 1;
  for (const [tag, size, lift] of [['A', 40, 1], ['B', 40, 1], ['C', 40, 1], ['D', 40, liftD], ['E', 2, 1]] as const) {
    for (let i = 0; i < size; i++) {
      records.push(record({ id: id++, tags: [tag], published: `2024-0${1 + (i % 6)}-15`, views: Math.round(Math.exp(7 + 0.8 * normal()) * lift) }));
    }
  }
  return records;
}

const pick = (table: ReturnType<typeof articleTable>, tags: string[]) => tags.map((tag) => selectGroup(table, 'tag', tag));

describe('compareMany', () => {
  it('names the group that differs, with Kruskal–Wallis and BH-corrected pairs', () => {
    const table = articleTable(archive(3));
    const result = compareMany(table, pick(table, ['A', 'B', 'C', 'D']), { resamples: 200 });
    expect(result.test!.df).toBe(3);
    expect(result.test!.p).toBeLessThan(0.001);
    const differ = (result.pairs.objects() as { groupA: string; groupB: string; differ: boolean }[]).filter((p) => p.differ).map((p) => `${p.groupA}-${p.groupB}`);
    expect(differ).toEqual(['A-D', 'B-D', 'C-D']);
    expect(result.sentence).toMatch(/^Across 4 groups, views for their age differ \(Kruskal–Wallis H = [\d.]+, p < 0\.001\): D above A \([\d.]+×\); D above B/);
    expect(result.pairs.numRows()).toBe(6);
  });

  it('says so when no group differs', () => {
    const table = articleTable(archive(1));
    const result = compareMany(table, pick(table, ['A', 'B', 'C', 'D']), { resamples: 200 });
    expect(result.test!.p).toBeGreaterThan(0.05);
    expect(result.sentence).toMatch(/do not clearly differ .*; no pair differs beyond chance after correcting for 6 pairs\.$/);
  });

  it('shows a tiny group with count and median only, out of every test', () => {
    const table = articleTable(archive(1));
    const result = compareMany(table, pick(table, ['A', 'B', 'E']), { resamples: 200 });
    const e = (result.groups.objects() as Record<string, unknown>[]).find((g) => g.group === 'E')!;
    expect(e).toMatchObject({ count: 2, enough: false, cohortIndexLow: null, cohortIndexHigh: null });
    expect(e.cohortIndex).not.toBeNull();
    expect((result.pairs.objects() as { groupA: string; groupB: string }[]).map((p) => `${p.groupA}-${p.groupB}`)).toEqual(['A-B']);
    expect(result.test!.df).toBe(1);
    expect(result.sentence).toMatch(/E has fewer than 5 articles and is left out of the tests\.$/);
  });

  it('Kruskal–Wallis agrees with SciPy', () => {
    // scipy.stats.kruskal([1, 1, 2, 3], [2, 2, 4, 5], [5, 5, 6]) → H 6.690363349131119, p 0.035253809855201705
    const result = kruskalWallis([[1, 1, 2, 3], [2, 2, 4, 5], [5, 5, 6]])!;
    expect(result.h).toBeCloseTo(6.690363349131119, 12);
    expect(result.p).toBeCloseTo(0.035253809855201705, 12);
  });
});

describe('pulse compare with three groups or more', () => {
  it('prints the sentence and the groups, writes groups and pairs, and refuses a name given twice', () => {
    const folder = hostileArchive();
    const out = join(writeTree({}), 'three');
    const run = runPulse(['compare', folder, '--category', 'pd', '--category', 'operate', '--category', 'ai', '--out', out, '--no-png', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Across \d groups, views for their age/);
    expect(run.stdout).toMatch(/\ngroup\s+count\s+medianViews\s+cohortIndex/);
    const pairs = readFileSync(join(out, 'compare-pairs.csv'), 'utf8').split('\n');
    expect(pairs[0]).toBe('groupA,groupB,countA,countB,ratio,ratioLow,ratioHigh,p,q,cliffsDelta,differ');
    expect(readFileSync(join(out, 'compare-groups.csv'), 'utf8').split('\n')[0]).toBe('group,count,medianViews,cohortIndex,cohortIndexLow,cohortIndexHigh,enough');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Kruskal');
    const twice = runPulse(['compare', folder, '--tag', '运营', '--tag', '运营', '--quiet']);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/given twice/);
  });
});

describe('collect-rate difference of large groups', () => {
  it('uses the normal interval of the ratio estimators, close to what the bootstrap gives', async () => {
    const { compareGroups } = await import('../../src/analyze/compare.ts');
    const { bootstrapRatioDifference } = await import('../../src/stats/bootstrap.ts');
    const random = seededRandom(3);
    const records: ArticleRecord[] = [];
    for (let i = 0; i < 24_000; i++) {
      const views = 100 + Math.floor(random() * 5000);
      const rate = i % 2 ? 0.006 : 0.005;
      records.push(record({ id: i + 1, tags: [i % 2 ? 'A' : 'B'], views, collects: Math.round(views * rate * 2 * random()), published: '2024-03-01' }));
    }
    const table = articleTable(records);
    const [a, b] = pick(table, ['A', 'B']);
    const result = compareGroups(table, a!, b!, { resamples: 200 });
    const views = table.array('views') as number[];
    const collects = table.array('collects') as number[];
    const side = (rows: number[]) => ({ top: rows.map((row) => collects[row]!), bottom: rows.map((row) => views[row]!) });
    const boot = bootstrapRatioDifference(side(a!.rows), side(b!.rows), { resamples: 400, seed: 5 })!;
    const width = boot.high - boot.low;
    expect(Math.abs(result.collectRateDifferenceLow! - boot.low)).toBeLessThan(0.15 * width);
    expect(Math.abs(result.collectRateDifferenceHigh! - boot.high)).toBeLessThan(0.15 * width);
    expect(result.collectRateDifferenceLow!).toBeLessThan(result.collectRateDifference!);
    expect(result.collectRateDifferenceHigh!).toBeGreaterThan(result.collectRateDifference!);
  });
});

describe('largestCategories', () => {
  it('lists the categories by articles, equal counts in code-point order, and no category for articles without one', () => {
    const categories = ['ops', 'pd', null, 'ai', 'pd', null, 'ops', 'Zeta', null, 'pd'];
    expect(largestCategories(aq.table({ category: categories }), 6)).toEqual(['pd', 'ops', 'Zeta', 'ai']);
    expect(largestCategories(aq.table({ category: categories }), 2)).toEqual(['pd', 'ops']);
    // A dictionary column (as loaded) and a filtered table count the same way.
    const codes = Int32Array.from(categories, (name) => (name === null ? -1 : ['ops', 'pd', 'ai', 'Zeta'].indexOf(name)));
    expect(largestCategories(aq.table({ category: new DictionaryColumn(codes, ['ops', 'pd', 'ai', 'Zeta']) }), 6)).toEqual(['pd', 'ops', 'Zeta', 'ai']);
    expect(largestCategories(aq.table({ category: categories }).filter((d: { category: string | null }) => d.category !== 'pd'), 6)).toEqual(['ops', 'Zeta', 'ai']);
  });
});
