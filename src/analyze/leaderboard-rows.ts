/**
 * leaderboardRow of every listed group, shared with helper threads when there are many (the
 * 60,000 authors of a million articles take most of a second on one core). The groups are cut
 * into chunks (leaderboard-job.ts) that this thread and the helpers take in turn from a shared
 * counter, so a helper still starting takes none, and a chunk's numbers are the same whoever
 * computes them (each group's bootstrap draws come from the seed and the group's size, not from
 * the thread): the table is identical with any number of helpers, or none.
 */
import type { Worker } from 'node:worker_threads';
import type { BetaPrior } from '../stats/beta-binomial.ts';
import type { ArticleColumns, Rows } from './columns.ts';
import { runningHelpers } from './helper-threads.ts';
import { type LeaderboardOptions, leaderboardIntervals, leaderboardRow } from './group-stats.ts';
import { CHUNK_ROWS, type LeaderboardRow, readRow, type RowsJob, rowsJob, type RowStore, rowStore, sharedRoomsAhead, writeRow } from './leaderboard-job.ts';

export type { LeaderboardRow } from './leaderboard-job.ts';

/**
 * Below this many rows in the listed groups, sharing does not pay for a helper's start and warm-up
 * (~0.25 s of the other core): a 100,000-article report's tag leaderboard (~250,000 rows) was
 * slower shared.
 */
const SHARE_FROM_ROWS = 500_000;

/**
 * The leaderboard numbers of each group, in order: computed here, with helper threads taking
 * chunks of them when the groups hold at least 500,000 rows and the machine has a second core.
 * @example leaderboardRows(c, [rowsOfA, rowsOfB], prior, { resamples: 1000, seed: 1 })
 */
export function leaderboardRows(c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions = {}): LeaderboardRow[] {
  return rowsOf(startLeaderboardRows(c, groups, prior, options).store());
}

/** Leaderboard rows begun: helpers may be computing them while this thread does other work. */
export interface PendingRows {
  /** The rows, in the groups' order: this thread computes the chunks no helper has taken. */
  store(): RowStore;
  /** No helper takes another chunk (the rows are no longer wanted). */
  abandon(): void;
}

/**
 * leaderboardRows begun: when they are shared, the helpers start on them now and this thread may
 * do other work before asking for the rows (a leaderboard's names and shrunk ranks, which the
 * second core otherwise waits through). Unshared rows are computed when asked.
 * @example const pending = startLeaderboardRows(c, groups, prior); const names = …; fieldColumn(pending.store(), 'count')
 */
export function startLeaderboardRows(c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions = {}): PendingRows {
  let total = 0;
  for (const rows of groups) total += rows.length;
  const helpers = total >= SHARE_FROM_ROWS ? runningHelpers() : [];
  if (helpers.length === 0) {
    return {
      store: () => {
        const intervals = leaderboardIntervals(options);
        const store = rowStore(groups.length);
        groups.forEach((rows, g) => writeRow(store, g, leaderboardRow(c, rows, prior, intervals)));
        return store;
      },
      abandon: () => {},
    };
  }
  const shared = startShared(c, groups, prior, options, { helpers });
  return { store: () => shared.finish().store, abandon: shared.abandon };
}

/** How leaderboardRows shares the groups (tests set the last two). */
export interface Sharing {
  helpers: readonly Worker[];
  /** Whether this thread takes chunks too; without, it computes only what the helpers do not. @default true */
  takeChunks?: boolean;
  /** Rows per chunk (a chunk ends with the group that reaches it). @default 16,384 */
  chunkRows?: number;
}

/**
 * leaderboardRows shared with these helpers.
 * @returns the rows, and how many chunks the helpers computed
 */
export function sharedLeaderboardRows(
  c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions, sharing: Sharing,
): { rows: LeaderboardRow[]; helperChunks: number } {
  const { store, helperChunks } = startShared(c, groups, prior, options, sharing).finish();
  return { rows: rowsOf(store), helperChunks };
}

/** The store's rows as objects. */
function rowsOf(store: RowStore): LeaderboardRow[] {
  return Array.from({ length: store.groups }, (_, g) => readRow(store, g));
}

/**
 * The job posted to the helpers; finish() computes here what they have not taken, into the same
 * store, and waits for the rest.
 */
function startShared(c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions, sharing: Sharing) {
  const job = rowsJob(c, groups, prior, options, sharing.chunkRows ?? CHUNK_ROWS);
  for (const helper of sharing.helpers) helper.postMessage(job);
  const { order, chunks: starts } = job;
  const chunks = job.done.length;
  // No helper takes a chunk of this job any more.
  const abandon = () => Atomics.store(job.cursor, 0, chunks);
  const finish = () => {
    const intervals = leaderboardIntervals(options);
    const computeChunk = (chunk: number) => {
      for (let at = starts[chunk]!; at < starts[chunk + 1]!; at++) {
        const g = order[at]!;
        writeRow(job, g, leaderboardRow(c, groups[g]!, prior, intervals));
      }
    };
    const mine = new Uint8Array(chunks);
    let helperChunks = 0;
    try {
      if (sharing.takeChunks ?? true) {
        for (let chunk = Atomics.add(job.cursor, 0, 1); chunk < chunks; chunk = Atomics.add(job.cursor, 0, 1)) {
          computeChunk(chunk);
          mine[chunk] = 1;
        }
      }
      for (let chunk = 0; chunk < chunks; chunk++) {
        if (mine[chunk]) continue;
        if (waitForHelper(job, chunk) === 1) helperChunks++;
        else computeChunk(chunk);
      }
    } finally {
      abandon(); // even when a group's numbers threw here
    }
    return { store: job as RowStore, helperChunks };
  };
  return { finish, abandon };
}

/** How long a helper may go without finishing a chunk before this thread computes it itself. */
const HELPER_PATIENCE_MS = 5000;

/**
 * Waits until a helper has done the chunk: 1 done, 2 failed there, 0 not done in time (a helper
 * that has not started or has stopped: this thread then computes it).
 */
function waitForHelper(job: RowsJob, chunk: number): number {
  const deadline = Date.now() + HELPER_PATIENCE_MS;
  let state = Atomics.load(job.done, chunk);
  while (state === 0 && Date.now() < deadline) {
    Atomics.wait(job.done, chunk, 0, 100);
    state = Atomics.load(job.done, chunk);
  }
  return state;
}

/**
 * Starts the helper threads ahead when a leaderboard over this many articles will share its
 * rows, so that they are running (and warmed up) by the time it does.
 * @example helpersAhead(articles.numRows())
 */
export function helpersAhead(articles: number): void {
  if (articles >= SHARE_FROM_ROWS) runningHelpers();
}

/**
 * Makes ahead the shared copies of the columns a leaderboard of many articles will share, and has
 * a helper write their pages first (see sharedRoomsAhead), while this thread groups the rows.
 * @example sharedColumnsAhead(articleColumns(articles))
 */
export function sharedColumnsAhead(c: ArticleColumns): void {
  const [helper] = c.n >= SHARE_FROM_ROWS ? runningHelpers() : [];
  if (helper) sharedRoomsAhead(c, helper);
}
