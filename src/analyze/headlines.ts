/**
 * Headline analysis: features of each title (length, digits, a number with a measure word, a
 * question, an exclamation, brackets, a colon, Latin words, a leading @ or #) and, for each, how
 * the articles with it fare against those without, for their age (median cohort index, bootstrap
 * intervals, the ratio with its interval, Mann–Whitney p-values corrected by Benjamini–Hochberg);
 * title length in bins; and title keywords ranked like tags. Associations in this archive, not
 * causes: topics and authors differ between titles.
 */
import type { ColumnTable } from 'arquero';
import { bootstrapMedian, bootstrapMedianRatio } from '../stats/bootstrap.ts';
import { medianInPlace, medianSorted } from '../stats/quantiles.ts';
import { averageRanks, benjaminiHochberg, mannWhitneyFromRanks } from '../stats/tests.ts';
import { collectBeforeRowArrays } from '../free-memory.ts';
import { GroupMomentsBuilder } from '../stats/normal-shrinkage.ts';
import { seedFromText } from '../stats/random.ts';
import { articleColumns, ascendingOrder, compareText, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { SMALL_SAMPLE } from './group-stats.ts';
import { cohortIndexLogs, shrunkCohortIndexOf } from './shrunk-rank.ts';
import { titleFeatureBitsOfTable, titleWordIdsOfTable } from './title-facts.ts';
import { TITLE_FEATURES, type TitleFeature } from './title-rules.ts';

export { codePoints, TITLE_FEATURES, type TitleFeature, titleFeatures, titleWords } from './title-rules.ts';

export interface HeadlineOptions {
  /** Bootstrap resamples. @default 1000 */
  resamples?: number;
  /** Bootstrap seed. @default 1 */
  seed?: number;
}

/**
 * The finite values of a column in ascending order, read from the column's own ascending order
 * (ascendingOrder, shared with titleKeywords), with each one's average rank and the tie term
 * (averageRanks' of them) and each one's row, all in that order (no array in row order).
 */
function rankedFinite(column: Float64Array): { values: Float64Array; ranks: Float64Array; rows: Int32Array; tieTerm: number } {
  let count = 0;
  for (let row = 0; row < column.length; row++) if (Number.isFinite(column[row]!)) count++;
  const values = new Float64Array(count);
  const rows = new Int32Array(count);
  const ascending = ascendingOrder(column);
  for (let i = 0, k = 0; i < ascending.length; i++) {
    const row = ascending[i]!;
    const value = column[row]!;
    if (!Number.isFinite(value)) continue;
    values[k] = value;
    rows[k++] = row;
  }
  // Already sorted: the order that sorts them is themselves.
  const inOrder = new Uint32Array(count);
  for (let k = 0; k < count; k++) inOrder[k] = k;
  const { ranks, tieTerm } = averageRanks(values, inOrder);
  return { values, ranks, rows, tieTerm };
}

/** How many of the values have each of the lowest `bits` bits set. */
function countBits(values: Int32Array, bits: number): Int32Array {
  const counts = new Int32Array(bits);
  for (let i = 0; i < values.length; i++) {
    for (let set = values[i]!; set !== 0; set &= set - 1) {
      const bit = 31 - Math.clz32(set & -set);
      if (bit < bits) counts[bit]!++;
    }
  }
  return counts;
}

/**
 * One row per title feature: articles with and without it, each side's median cohort index with
 * its interval, their ratio with its interval, the Mann–Whitney p-value and its BH q-value.
 * @example headlineFeatures(articles).objects() // [{ feature: 'question', countWith: 120, ratio: 1.08, q: 0.4, … }, …]
 */
export function headlineFeatures(articles: ColumnTable, options: HeadlineOptions = {}): ColumnTable {
  const { resamples = 1000, seed = 1 } = options;
  collectBeforeRowArrays();
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  // The articles with a cohort index, ranked once and laid out in ascending order with their
  // feature bits: each feature's test is then a sum of ranks, and both its sides come out sorted
  // (no sort per feature). Counts and rank sums of every feature in one pass each.
  const { values: sortedValues, ranks: sortedRanks, rows: rated, tieTerm } = rankedFinite(c.cohortIndex);
  const { bits } = titleFeatureBitsOfTable(table);
  const features = Object.keys(TITLE_FEATURES) as TitleFeature[];
  const sortedBits = new Int32Array(rated.length);
  for (let k = 0; k < rated.length; k++) sortedBits[k] = bits[rated[k]!]! & ((1 << features.length) - 1);
  const countsWith = countBits(bits, features.length);
  const ratedWith = new Int32Array(features.length);
  const rankSums = new Float64Array(features.length); // sums of half-integers: exact in any order
  for (let k = 0; k < sortedBits.length; k++) {
    for (let set = sortedBits[k]!; set !== 0; set &= set - 1) {
      const bit = 31 - Math.clz32(set & -set);
      rankSums[bit]! += sortedRanks[k]!;
      ratedWith[bit]!++;
    }
  }
  const n = sortedValues.length;
  // Each feature's two sides in one buffer, the same for every feature (at a million articles
  // that is 8 MB once instead of 8 MB of garbage per feature).
  const sides = new Float64Array(n);
  const rows = features.map((feature, bit) => {
    const mask = 1 << bit;
    const countWith = countsWith[bit]!;
    const n1 = ratedWith[bit]!;
    const rankSum = rankSums[bit]!;
    const a = sides.subarray(0, n1);
    const b = sides.subarray(n1);
    for (let k = 0, i = 0, j = 0; k < sortedBits.length; k++) {
      if (sortedBits[k]! & mask) a[i++] = sortedValues[k]!;
      else b[j++] = sortedValues[k]!;
    }
    const base = seedFromText(feature, seed);
    const ia = bootstrapMedian(a, { resamples, seed: base });
    const ib = bootstrapMedian(b, { resamples, seed: base + 1 });
    const ratio = bootstrapMedianRatio(a, b, { resamples, seed: base + 2 });
    const medianWith = a.length ? medianSorted(a) : null;
    const medianWithout = b.length ? medianSorted(b) : null;
    return {
      feature, countWith, countWithout: c.n - countWith,
      cohortIndexWith: medianWith, cohortIndexWithLow: ia?.low ?? null, cohortIndexWithHigh: ia?.high ?? null,
      cohortIndexWithout: medianWithout, cohortIndexWithoutLow: ib?.low ?? null, cohortIndexWithoutHigh: ib?.high ?? null,
      ratio: medianWith !== null && medianWithout ? medianWith / medianWithout : null, ratioLow: ratio?.low ?? null, ratioHigh: ratio?.high ?? null,
      p: mannWhitneyFromRanks(rankSum, n1, n - n1, tieTerm)?.p ?? null, q: null as number | null,
      smallSample: countWith < SMALL_SAMPLE || c.n - countWith < SMALL_SAMPLE,
    };
  });
  const tested = rows.filter((r) => r.p !== null);
  const q = benjaminiHochberg(tested.map((r) => r.p!));
  tested.forEach((row, i) => { row.q = q[i]!; });
  return rowsTable(rows, ['feature', 'countWith', 'countWithout', 'cohortIndexWith', 'cohortIndexWithLow', 'cohortIndexWithHigh', 'cohortIndexWithout', 'cohortIndexWithoutLow', 'cohortIndexWithoutHigh', 'ratio', 'ratioLow', 'ratioHigh', 'p', 'q', 'smallSample']);
}

/** The title-length bins, in characters. */
export const LENGTH_BINS: readonly [string, number, number][] = [['≤10', 0, 10], ['11–15', 11, 15], ['16–20', 16, 20], ['21–25', 21, 25], ['26–30', 26, 30], ['31+', 31, Infinity]];

/**
 * Articles and median cohort index by title length (characters), in bins.
 * @example titleLengthBins(articles) // rows: lengthBin, articles, cohortIndex
 */
export function titleLengthBins(articles: ColumnTable): ColumnTable {
  collectBeforeRowArrays();
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const { lengths } = titleFeatureBitsOfTable(table);
  const cohortIndex = c.cohortIndex;
  // Each length's bin looked up (every length from the last bin's start is in the last bin).
  const last = LENGTH_BINS.at(-1)![1];
  const binOfLength = Int32Array.from({ length: last + 1 }, (_, length) => LENGTH_BINS.findIndex(([, low, high]) => length >= low && length <= high));
  const bins = new Int32Array(c.n);
  const articlesIn = new Int32Array(LENGTH_BINS.length);
  const rated = new Int32Array(LENGTH_BINS.length);
  for (let row = 0; row < c.n; row++) {
    const bin = binOfLength[Math.min(lengths[row]!, last)]!;
    bins[row] = bin;
    articlesIn[bin]!++;
    if (Number.isFinite(cohortIndex[row]!)) rated[bin]!++;
  }
  const values = LENGTH_BINS.map((_, i) => new Float64Array(rated[i]!));
  const filled = new Int32Array(LENGTH_BINS.length);
  for (let row = 0; row < c.n; row++) {
    const value = cohortIndex[row]!;
    if (Number.isFinite(value)) values[bins[row]!]![filled[bins[row]!]!++] = value;
  }
  return rowsTable(LENGTH_BINS.map(([label], i) => ({
    lengthBin: label, articles: articlesIn[i]!, cohortIndex: values[i]!.length ? medianInPlace(values[i]!) : null,
  })), ['lengthBin', 'articles', 'cohortIndex']);
}

export interface KeywordOptions extends HeadlineOptions {
  /** Least titles a word must be in to be ranked. @default 20 */
  minTitles?: number;
}

/**
 * Title keywords ranked like tags: articles whose title has the word, by their shrunk cohort index
 * (pulled toward typical the fewer titles have the word), with the median cohort index and its
 * interval beside it; words in fewer than 30 titles flagged smallSample.
 * @example titleKeywords(articles, { minTitles: 10 })
 */
export function titleKeywords(articles: ColumnTable, options: KeywordOptions = {}): ColumnTable {
  const { minTitles = 20, resamples = 1000, seed = 1 } = options;
  collectBeforeRowArrays();
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const { words, offsets, ids } = titleWordIdsOfTable(table);
  const titles = new Int32Array(words.length);
  for (let k = 0; k < ids.length; k++) titles[ids[k]!]!++;
  // Words in order of first appearance, each listed one numbered by its slot.
  const listed: number[] = [];
  const slot = new Int32Array(words.length).fill(-1);
  const starts = [0];
  for (let word = 0; word < words.length; word++) {
    if (titles[word]! < minTitles) continue;
    slot[word] = listed.length;
    listed.push(word);
    starts.push(starts.at(-1)! + titles[word]!);
  }
  // The shrinkage's moments of each listed word, its rows' logs taken in row order in one pass
  // over every title's words (no list of each word's rows in row order).
  const logs = cohortIndexLogs(c.cohortIndex);
  const moments = new GroupMomentsBuilder(listed.length);
  for (let row = 0; row < c.n; row++) {
    const y = logs[row]!;
    if (Number.isNaN(y)) continue;
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
      const s = slot[ids[k]!]!;
      if (s >= 0) moments.add(s, y);
    }
  }
  const shrunk = shrunkCohortIndexOf(listed.map((_, i) => moments.moments(i)));
  // Each listed word's rows with a finite value in ascending order of it, read off one sort of
  // the column, and one buffer that takes each word's values in turn (a million titles list some
  // 15 million words: 60 MB of rows, rather than 120 MB more of values beside them).
  const rowsOfWord = new Int32Array(starts.at(-1)!);
  const filled = Int32Array.from(starts.slice(0, -1));
  const cohortIndex = c.cohortIndex;
  const ascending = ascendingOrder(cohortIndex);
  for (let i = 0; i < ascending.length; i++) {
    const row = ascending[i]!;
    if (!Number.isFinite(cohortIndex[row]!)) continue;
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) {
      const s = slot[ids[k]!]!;
      if (s >= 0) rowsOfWord[filled[s]!++] = row;
    }
  }
  let largest = 0;
  for (let i = 0; i < listed.length; i++) largest = Math.max(largest, filled[i]! - starts[i]!);
  const values = new Float64Array(largest);
  const rows = listed.map((id, i) => {
    const word = words[id]!;
    const s = values.subarray(0, filled[i]! - starts[i]!);
    for (let k = 0; k < s.length; k++) s[k] = cohortIndex[rowsOfWord[starts[i]! + k]!]!;
    const interval = bootstrapMedian(s, { resamples, seed: seedFromText(`word:${word}`, seed) });
    return {
      word, titles: titles[id]!,
      cohortIndexShrunk: shrunk[i]!.cohortIndexShrunk, cohortIndexShrunkLow: shrunk[i]!.cohortIndexShrunkLow, cohortIndexShrunkHigh: shrunk[i]!.cohortIndexShrunkHigh,
      cohortIndex: s.length ? medianSorted(s) : null, cohortIndexLow: interval?.low ?? null, cohortIndexHigh: interval?.high ?? null, smallSample: titles[id]! < SMALL_SAMPLE };
  });
  rows.sort((a, b) => (b.cohortIndexShrunk ?? -1) - (a.cohortIndexShrunk ?? -1) || b.titles - a.titles || compareText(a.word, b.word));
  return rowsTable(rows, ['word', 'titles', 'cohortIndexShrunk', 'cohortIndexShrunkLow', 'cohortIndexShrunkHigh', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'smallSample']);
}
