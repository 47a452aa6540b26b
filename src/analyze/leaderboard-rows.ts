/**
 * leaderboardRow of every listed group, shared with helper threads when there are many (the
 * 60,000 authors of a million articles take most of a second on one core). The groups are cut
 * into chunks that this thread and the helpers take in turn from a shared counter, so a helper
 * still starting takes none, and a chunk's numbers are the same whoever computes them (each
 * group's bootstrap draws come from the seed and the group's size, not from the thread): the
 * table is identical with any number of helpers, or none.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BetaPrior } from '../stats/beta-binomial.ts';
import { workerScript } from '../worker-script.ts';
import type { ArticleColumns, NumberColumn, Rows } from './columns.ts';
import { type LeaderboardOptions, leaderboardIntervals, leaderboardRow } from './group-stats.ts';

/** One group's leaderboard numbers (leaderboardRow's). */
export type LeaderboardRow = ReturnType<typeof leaderboardRow>;

/** The fields of a LeaderboardRow, in the order a helper writes them. */
export const ROW_FIELDS = [
  'count', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'meanViews', 'totalViews', 'medianCollects', 'collectRate', 'commentRate',
  'collectRateShrunk', 'collectRateShrunkLow', 'collectRateShrunkHigh', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'cohortIndexQ1',
  'cohortIndexQ3', 'smallSample',
] as const satisfies readonly (keyof LeaderboardRow)[];

// Every field of a row is written: this fails to compile when leaderboardRow gains one.
type Unwritten = Exclude<keyof LeaderboardRow, (typeof ROW_FIELDS)[number]>;
const everyFieldWritten: [Unwritten] extends [never] ? true : never = true;
void everyFieldWritten;

/** The columns leaderboardRow reads. */
export const ROW_COLUMNS = ['views', 'cohortIndex', 'collects', 'comments'] as const;

/**
 * Rows per chunk (a chunk ends with the group that reaches it): small enough that the threads end
 * close together, large enough that taking a chunk costs nothing beside computing it.
 */
const CHUNK_ROWS = 16_384;

/**
 * Below this many rows in the listed groups, sharing does not pay for a helper's start and warm-up
 * (~0.25 s of the other core): a 100,000-article report's tag leaderboard (~250,000 rows) was
 * slower shared.
 */
const SHARE_FROM_ROWS = 500_000;

/** What a helper is sent: shared memory only, so nothing is copied per job. */
export interface RowsJob {
  columns: Record<(typeof ROW_COLUMNS)[number], Float64Array>;
  /** Group g's rows are rows[offsets[g]..offsets[g + 1]]. */
  offsets: Int32Array;
  rows: Int32Array;
  prior: BetaPrior | null;
  resamples: number;
  seed: number;
  /** The groups by size, smallest first: a chunk holds groups of neighbouring sizes. */
  order: Int32Array;
  /** Chunk k holds the groups order[chunks[k]..chunks[k + 1] - 1]. */
  chunks: Int32Array;
  /** [0]: the next chunk to take. */
  cursor: Int32Array;
  /** Per chunk: 0 not done, 1 done by a helper, 2 failed in the helper. */
  done: Int32Array;
  /** Group g's field f at g * ROW_FIELDS.length + f; NaN with isNull 1 for null. */
  values: Float64Array;
  isNull: Uint8Array;
}

/**
 * The leaderboard numbers of each group, in order: computed here, with helper threads taking
 * chunks of them when the groups hold at least 500,000 rows and the machine has a second core.
 * @example leaderboardRows(c, [rowsOfA, rowsOfB], prior, { resamples: 1000, seed: 1 })
 */
export function leaderboardRows(c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions = {}): LeaderboardRow[] {
  let total = 0;
  for (const rows of groups) total += rows.length;
  const helpers = total >= SHARE_FROM_ROWS ? runningHelpers() : [];
  if (helpers.length === 0) {
    const intervals = leaderboardIntervals(options);
    return groups.map((rows) => leaderboardRow(c, rows, prior, intervals));
  }
  return sharedLeaderboardRows(c, groups, prior, options, { helpers }).rows;
}

/** How leaderboardRows shares the groups (tests set the last two). */
export interface Sharing {
  helpers: readonly Worker[];
  /** Whether this thread takes chunks too; without, it computes only what the helpers do not. @default true */
  takeChunks?: boolean;
  /** @default 16,384 */
  chunkRows?: number;
}

/**
 * leaderboardRows shared with these helpers.
 * @returns the rows, and how many chunks the helpers computed
 */
export function sharedLeaderboardRows(
  c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions, sharing: Sharing,
): { rows: LeaderboardRow[]; helperChunks: number } {
  const job = rowsJob(c, groups, prior, options, sharing.chunkRows ?? CHUNK_ROWS);
  for (const helper of sharing.helpers) helper.postMessage(job);
  const { order, chunks: starts } = job;
  const chunks = job.done.length;
  const intervals = leaderboardIntervals(options);
  const out = new Array<LeaderboardRow>(groups.length);
  const computeChunk = (chunk: number) => {
    for (let at = starts[chunk]!; at < starts[chunk + 1]!; at++) out[order[at]!] = leaderboardRow(c, groups[order[at]!]!, prior, intervals);
  };
  const mine = new Uint8Array(chunks);
  if (sharing.takeChunks ?? true) {
    for (let chunk = Atomics.add(job.cursor, 0, 1); chunk < chunks; chunk = Atomics.add(job.cursor, 0, 1)) {
      computeChunk(chunk);
      mine[chunk] = 1;
    }
  }
  let helperChunks = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (mine[chunk]) continue;
    if (waitForHelper(job, chunk) === 1) {
      helperChunks++;
      for (let at = starts[chunk]!; at < starts[chunk + 1]!; at++) out[order[at]!] = readRow(job, order[at]!);
    } else {
      computeChunk(chunk);
    }
  }
  // No helper takes a chunk of this job any more.
  Atomics.store(job.cursor, 0, chunks);
  return { rows: out, helperChunks };
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

/** The job for the helpers: the columns and group rows copied into shared memory, room for the results. */
function rowsJob(c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions, chunkRows: number): RowsJob {
  const offsets = shared(Int32Array, groups.length + 1);
  for (let g = 0; g < groups.length; g++) offsets[g + 1] = offsets[g]! + groups[g]!.length;
  const rows = shared(Int32Array, offsets[groups.length]!);
  for (let g = 0; g < groups.length; g++) rows.set(groups[g]!, offsets[g]);
  const columns = Object.fromEntries(ROW_COLUMNS.map((name) => [name, sharedColumn(c[name])])) as RowsJob['columns'];
  const order = bySize(groups);
  const starts = [0];
  let rowsInChunk = 0;
  for (let at = 0; at < groups.length; at++) {
    rowsInChunk += groups[order[at]!]!.length;
    if (rowsInChunk >= chunkRows && at + 1 < groups.length) {
      starts.push(at + 1);
      rowsInChunk = 0;
    }
  }
  starts.push(groups.length);
  const chunks = shared(Int32Array, starts.length);
  chunks.set(starts);
  return {
    columns, offsets, rows, prior, resamples: options.resamples ?? 1000, seed: options.seed ?? 1,
    order, chunks, cursor: shared(Int32Array, 1), done: shared(Int32Array, starts.length - 1),
    values: shared(Float64Array, groups.length * ROW_FIELDS.length), isNull: shared(Uint8Array, groups.length * ROW_FIELDS.length),
  };
}

/**
 * The groups' numbers by size, smallest first (a counting sort: stable, one pass to count and one
 * to place). Chunks of neighbouring sizes let each size's bootstrap draws, which MedianIntervals
 * keeps per size, be made by one thread rather than by each.
 */
function bySize(groups: readonly Rows[]): Int32Array {
  let largest = 0;
  for (const rows of groups) largest = Math.max(largest, rows.length);
  const next = new Int32Array(largest + 2);
  for (const rows of groups) next[rows.length + 1]!++;
  for (let size = 1; size <= largest + 1; size++) next[size]! += next[size - 1]!;
  const order = shared(Int32Array, groups.length);
  for (let g = 0; g < groups.length; g++) order[next[groups[g]!.length]!++] = g;
  return order;
}

/** A typed array over new shared memory. */
function shared<T extends Int32Array | Float64Array | Uint8Array>(type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new type(new SharedArrayBuffer(Math.max(1, length) * type.BYTES_PER_ELEMENT));
}

// A column's shared copy, made once: the report's tag and author leaderboards read the same columns.
const sharedCopies = new WeakMap<NumberColumn, Float64Array>();

function sharedColumn(column: NumberColumn): Float64Array {
  if (column.buffer instanceof SharedArrayBuffer) return column;
  let copy = sharedCopies.get(column);
  if (!copy) {
    copy = shared(Float64Array, column.length).subarray(0, column.length);
    copy.set(column);
    sharedCopies.set(column, copy);
  }
  return copy;
}

/** Writes group g's row into the job's results (a helper's side). */
export function writeRow(job: RowsJob, g: number, row: LeaderboardRow): void {
  const at = g * ROW_FIELDS.length;
  ROW_FIELDS.forEach((name, f) => {
    const value = row[name];
    if (value === null) {
      job.values[at + f] = NaN;
      job.isNull[at + f] = 1;
    } else {
      job.values[at + f] = Number(value);
    }
  });
}

/** Group g's row from the job's results, as leaderboardRow gave it. */
function readRow(job: RowsJob, g: number): LeaderboardRow {
  const at = g * ROW_FIELDS.length;
  const row: Record<string, number | boolean | null> = {};
  ROW_FIELDS.forEach((name, f) => {
    const value = job.isNull[at + f] ? null : job.values[at + f]!;
    row[name] = name === 'smallSample' ? value === 1 : value;
  });
  return row as LeaderboardRow;
}

/**
 * Starts the helper threads ahead when a leaderboard over this many articles will share its
 * rows, so that they are running (and warmed up) by the time it does.
 * @example helpersAhead(articles.numRows())
 */
export function helpersAhead(articles: number): void {
  if (articles >= SHARE_FROM_ROWS) runningHelpers();
}

/** Helper threads beside this one: one per other core, at most 3. */
const HELPER_COUNT = () => Math.min(3, availableParallelism() - 1);

let helperThreads: Worker[] | undefined;

/**
 * The helper threads, started on first use and kept for later leaderboards (they never keep the
 * process alive). None where the machine has one core or a thread cannot start.
 */
function runningHelpers(): Worker[] {
  if (helperThreads) return helperThreads;
  helperThreads = [];
  for (let i = 0; i < HELPER_COUNT(); i++) {
    const helper = startHelper();
    if (helper) helperThreads.push(helper);
  }
  return helperThreads;
}

/**
 * A new helper thread, unref'd; undefined when it cannot start. A helper that stops leaves the
 * list (the chunks it held are computed here when their wait runs out).
 * @example const helper = startHelper(); sharedLeaderboardRows(c, groups, prior, {}, [helper!])
 */
export function startHelper(): Worker | undefined {
  let helper: Worker;
  try {
    helper = new Worker(workerScript(import.meta.url, 'leaderboard-worker'));
  } catch {
    return undefined;
  }
  helper.unref();
  const leave = () => {
    if (helperThreads) helperThreads = helperThreads.filter((other) => other !== helper);
  };
  helper.on('error', leave);
  helper.on('exit', leave);
  return helper;
}
