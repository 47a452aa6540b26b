import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/article.ts';
import { authorLeaderboard } from '../../src/analyze/authors.ts';
import { shrunkCohortIndex, shrunkTypical, COHORT_SCALE } from '../../src/analyze/shrunk-rank.ts';
import { tagLeaderboard } from '../../src/analyze/tags.ts';
import { fitNormalPrior, groupMoments, GroupMomentsBuilder, shrinkMeans } from '../../src/stats/normal-shrinkage.ts';
import { seededRandom } from '../../src/stats/random.ts';
import { articleTable, record } from '../helpers/articles.ts';

/** A simulated archive: authors of very different sizes, views log-normal, the same for everyone unless `lift` says otherwise. */
function simulatedArchive(seed: number, lift: (author: number) => number = () => 1): ArticleRecord[] {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const records: ArticleRecord[] = [];
  let id = 1;
  for (let author = 1; author <= 300; author++) {
    // Most authors write 3–10 articles, a few write 30–120.
    const articles = author <= 20 ? 30 + Math.floor(random() * 90) : 3 + Math.floor(random() * 8);
    for (let i = 0; i < articles; i++) {
      const month = 1 + Math.floor(random() * 12);
      // Tag sizes from a few articles to a few hundred.
      const tag = `t${Math.floor(80 * random() ** 3)}`;
      records.push(record({
        id: id++, author: `作者${author}`, authorId: author, published: `2024-${String(month).padStart(2, '0')}-10`,
        views: Math.round(Math.exp(7 + normal()) * lift(author)), tags: [tag],
      }));
    }
  }
  return records;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe('GroupMomentsBuilder', () => {
  it('gives each group groupMoments\' moments of its values in the order added, to the bit, NaN left out', () => {
    const random = seededRandom(3);
    const builder = new GroupMomentsBuilder(3);
    const values: number[][] = [[], [], []];
    for (let i = 0; i < 500; i++) {
      const g = Math.floor(random() * 3);
      const y = i % 17 === 0 ? NaN : Math.log(0.01 + 5 * random());
      builder.add(g, y);
      values[g]!.push(y);
    }
    for (let g = 0; g < 3; g++) {
      const expected = groupMoments(values[g]!);
      const got = builder.moments(g);
      expect(got.n).toBe(expected.n);
      expect(got.mean).toBe(expected.mean);
      expect(got.sumSquares).toBe(expected.sumSquares);
    }
    expect(builder.moments(0).n).toBeLessThan(values[0]!.length); // its NaNs were left out
  });
});

describe('shrunkCohortIndex', () => {
  it('shrinks each column\'s own values, its logs kept per column', () => {
    const groups = [Int32Array.of(0, 1), Int32Array.of(2, 3, 4), Int32Array.of(5, 6, 7, 8), Int32Array.of(9)];
    const first = Float64Array.of(1, 2, 0.5, 0.7, 0.6, 3, 2.5, 4, 2.8, 1.1);
    const second = first.map((value) => value * 2);
    const valuesOf = (column: Float64Array) => groups.map((rows) => Array.from(rows, (row) => column[row]!));
    const expected = (column: Float64Array) => shrunkTypical(valuesOf(column), COHORT_SCALE).map((s) => s.shrunk);
    expect(shrunkCohortIndex(first, groups).map((s) => s.cohortIndexShrunk)).toEqual(expected(first));
    // A second column of the same length: its own logs, not the first's.
    expect(shrunkCohortIndex(second, groups).map((s) => s.cohortIndexShrunk)).toEqual(expected(second));
    expect(shrunkCohortIndex(first, groups).map((s) => s.cohortIndexShrunk)).toEqual(expected(first));
  });
});

describe('normal–normal shrinkage', () => {
  it('pulls small groups to the common mean and leaves large ones nearly alone', () => {
    const groups = [[0, 2], [1, 1.2, 0.8, 1, 1.1, 0.9, 1, 1, 1, 1], [5, 5.2, 4.8, 5, 5.1, 4.9, 5, 5, 5, 5], [3, 3.1, 2.9, 3]].map((values) => groupMoments(values));
    const prior = fitNormalPrior(groups)!;
    expect(prior.within).toBeCloseTo((2 + 0.1 + 0.1 + 0.02) / (1 + 9 + 9 + 3), 10);
    const shrunk = shrinkMeans(groups);
    // The large groups barely move; the noisy pair moves toward the common mean.
    expect(shrunk[1]!.estimate).toBeCloseTo(1, 1);
    expect(shrunk[2]!.estimate).toBeCloseTo(5, 1);
    expect(Math.abs(shrunk[0]!.estimate - prior.mean)).toBeLessThan(Math.abs(1 - prior.mean));
    for (const s of shrunk) expect(s!.low).toBeLessThan(s!.estimate);
  });

  it('gives every group the common mean when they differ no more than noise', () => {
    const groups = [[1, 3], [2, 2.5, 1.5], [1.8, 2.2], [2, 4, 0]].map((values) => groupMoments(values));
    const shrunk = shrinkMeans(groups);
    expect(fitNormalPrior(groups)!.between).toBe(0);
    expect(new Set(shrunk.map((s) => s!.estimate)).size).toBe(1);
  });

  it('keeps each group its own mean with fewer than three groups', () => {
    expect(fitNormalPrior([groupMoments([1, 2]), groupMoments([3, 4])])).toBeNull();
    expect(shrinkMeans([groupMoments([1, 2]), groupMoments([3, 4])])[1]!.estimate).toBe(3.5);
  });
});

describe('leaderboards rank by the shrunk cohort index', () => {
  const nullArchive = articleTable(simulatedArchive(7));

  it('on a null archive the top 20 authors are no smaller than authors in general; raw medians fail that', () => {
    const board = authorLeaderboard(nullArchive, { resamples: 50 }).objects() as { count: number; cohortIndex: number }[];
    const all = median(board.map((r) => r.count));
    const top = median(board.slice(0, 20).map((r) => r.count));
    expect(top).toBeGreaterThanOrEqual(all);
    const byRaw = authorLeaderboard(nullArchive, { resamples: 50, sort: 'cohortIndex' }).objects() as { count: number }[];
    expect(median(byRaw.slice(0, 20).map((r) => r.count))).toBeLessThan(all);
  });

  it('on a null archive the top tags are no smaller than tags in general', () => {
    const board = tagLeaderboard(nullArchive, { resamples: 50, minCount: 5 }).objects() as { count: number }[];
    expect(board.length).toBeGreaterThan(30);
    const all = median(board.map((r) => r.count));
    expect(median(board.slice(0, 20).map((r) => r.count))).toBeGreaterThanOrEqual(all);
    const byRaw = tagLeaderboard(nullArchive, { resamples: 50, minCount: 5, sort: 'cohortIndex' }).objects() as { count: number }[];
    expect(median(byRaw.slice(0, 20).map((r) => r.count))).toBeLessThan(all);
  });

  it('authors who truly do better still come out on top', () => {
    // Authors 3, 9 and 15 (30+ articles each) get twice the views for their age.
    const archive = articleTable(simulatedArchive(7, (author) => ([3, 9, 15].includes(author) ? 2 : 1)));
    const board = authorLeaderboard(archive, { resamples: 50 }).objects() as { authorId: number; cohortIndexShrunk: number; cohortIndexShrunkLow: number }[];
    expect(board.slice(0, 3).map((r) => r.authorId).sort((a, b) => a - b)).toEqual([3, 9, 15]);
    expect(board[0]!.cohortIndexShrunkLow).toBeGreaterThan(1);
  });
});
