import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleColumns } from '../../src/analyze/columns.ts';
import { leaderboardIntervals, leaderboardRow } from '../../src/analyze/group-stats.ts';
import { fieldColumn, readRow, rowStore, sharedRoomsAhead, touchPages, writeRow } from '../../src/analyze/leaderboard-job.ts';
import { startHelper } from '../../src/analyze/helper-threads.ts';
import { leaderboardRows, sharedLeaderboardRows } from '../../src/analyze/leaderboard-rows.ts';
import { seededRandom } from '../../src/stats/random.ts';

// Columns of 3,000 rows with nulls (NaN), and groups of every kind: one row, tiny, odd and even
// sizes past the exact-interval range, all values equal, no views, no cohort index at all.
const n = 3000;
const random = seededRandom(11);
const column = (make: (row: number) => number) => Float64Array.from({ length: n }, (_, row) => make(row));
const c = {
  n,
  views: column((row) => (row % 97 === 0 ? NaN : row % 50 === 0 ? 0 : Math.floor(random() * 5000))),
  collects: column(() => Math.floor(random() * 40)),
  comments: column(() => Math.floor(random() * 9)),
  cohortIndex: column((row) => (row % 13 === 0 ? NaN : random() * 3)),
} as unknown as ArticleColumns;
const groups: Int32Array[] = [];
for (let g = 0, at = 0; at < n; g++) {
  const size = Math.min(n - at, [1, 2, 5, 11, 12, 13, 40, 41, 120][g % 9]!);
  groups.push(Int32Array.from({ length: size }, (_, k) => at + k));
  at += size;
}
groups.push(Int32Array.of(0, 50, 100, 150)); // every views value 0
groups.push(Int32Array.of(13, 26, 39)); // no cohort index
const prior = { alpha: 3, beta: 200 };
const options = { resamples: 300, seed: 4 };
const inThread = () => {
  const intervals = leaderboardIntervals(options);
  return groups.map((rows) => leaderboardRow(c, rows, prior, intervals));
};

const helpers: Worker[] = [];
const readyHelper = async () => {
  const helper = startHelper()!;
  helpers.push(helper);
  await once(helper, 'message'); // ready: warmed up, listening
  return helper;
};
afterAll(async () => {
  await Promise.all(helpers.map((helper) => helper.terminate()));
});

describe('the rows store', () => {
  it('gives back each row written, and each field as a column: its own numbers when none is null', () => {
    const rows = inThread();
    const store = rowStore(rows.length);
    rows.forEach((row, g) => writeRow(store, g, row));
    expect(rows.map((_, g) => readRow(store, g))).toEqual(rows);
    const counts = fieldColumn(store, 'count');
    expect(counts).toBeInstanceOf(Float64Array);
    expect((counts as Float64Array).buffer).toBe(store.values.buffer);
    expect([...counts]).toEqual(rows.map((row) => row.count));
    expect(fieldColumn(store, 'cohortIndex')).toEqual(rows.map((row) => row.cohortIndex));
    expect(fieldColumn(store, 'cohortIndex')).toContain(null);
    expect(fieldColumn(store, 'smallSample')).toEqual(rows.map((row) => row.smallSample));
  });

  it('keeps a number written over a null (a chunk computed again after a helper stopped in it)', () => {
    const [row] = inThread();
    const store = rowStore(1);
    writeRow(store, 0, { ...row!, medianCollects: null });
    writeRow(store, 0, row!);
    expect(readRow(store, 0)).toEqual(row);
  });
});

describe('leaderboardRows', () => {
  it('gives the rows of leaderboardRow, group by group, below the size worth sharing', () => {
    expect(leaderboardRows(c, groups, prior, options)).toEqual(inThread());
  });

  it('gives the same rows, nulls and flags included, when helpers compute every chunk', async () => {
    const helper = await readyHelper();
    const shared = sharedLeaderboardRows(c, groups, prior, options, { helpers: [helper], takeChunks: false, chunkRows: 200 });
    expect(shared.helperChunks).toBeGreaterThan(10);
    expect(shared.rows).toEqual(inThread());
    expect(shared.rows.some((row) => row.collectRate === null && row.cohortIndex !== null)).toBe(true);
    expect(shared.rows.some((row) => row.cohortIndex === null)).toBe(true);
    expect(shared.rows.filter((row) => row.smallSample).length).toBeGreaterThan(0);
    // A second job on the same helper: its draws per size are kept, the numbers the same.
    expect(sharedLeaderboardRows(c, groups, prior, options, { helpers: [helper], takeChunks: false, chunkRows: 500 }).rows).toEqual(inThread());
  }, 30_000);

  it('computes here what a stopped helper leaves', async () => {
    const helper = await readyHelper();
    await helper.terminate();
    const shared = sharedLeaderboardRows(c, groups, prior, options, { helpers: [helper], chunkRows: 200 });
    expect(shared.helperChunks).toBe(0);
    expect(shared.rows).toEqual(inThread());
  }, 30_000);

  it('keeps the values of memory whose pages a helper writes ahead, and shares columns copied there', async () => {
    const buffer = new SharedArrayBuffer(3 * 4096 + 8);
    const words = new Int32Array(buffer);
    words.forEach((_, i) => (words[i] = i * 7 - 5));
    const before = words.slice();
    touchPages({ touch: [buffer] });
    expect(words).toEqual(before);

    const helper = await readyHelper();
    const columns = { ...c, views: c.views.slice(), cohortIndex: c.cohortIndex.slice(), collects: c.collects.slice(), comments: c.comments.slice() };
    sharedRoomsAhead(columns, helper);
    const shared = sharedLeaderboardRows(columns, groups, prior, options, { helpers: [helper], takeChunks: false, chunkRows: 200 });
    expect(shared.helperChunks).toBeGreaterThan(10);
    expect(shared.rows).toEqual(inThread());
  }, 30_000);
});
