/**
 * A leaderboard's groups as a job for helper threads, all in shared memory: the columns
 * leaderboardRow reads, each group's rows, the chunks to take, and room for each group's numbers
 * (a RowStore: written by whichever thread computes a group, read as rows or as columns).
 */
import type { Worker } from 'node:worker_threads';
import type { BetaPrior } from '../stats/beta-binomial.ts';
import type { ArticleColumns, NumberColumn, Rows } from './columns.ts';
import type { LeaderboardOptions, leaderboardRow } from './group-stats.ts';
import { ColumnCache } from './column-cache.ts';

/** One group's leaderboard numbers (leaderboardRow's). */
export type LeaderboardRow = ReturnType<typeof leaderboardRow>;

/** The fields of a LeaderboardRow, in the order a helper writes them. */
export const ROW_FIELDS = [
  'count', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'meanViews', 'totalViews', 'medianCollects', 'collectRate', 'commentRate',
  'collectRateShrunk', 'collectRateShrunkLow', 'collectRateShrunkHigh', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'cohortIndexQ1',
  'cohortIndexQ3', 'cohortIndexSpread', 'smallSample',
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
export const CHUNK_ROWS = 16_384;

/**
 * The leaderboard numbers of a number of groups, field by field: field f of group g at
 * values[f * groups + g] (NaN with isNull 1 for null), so that a field's values for every group
 * are one run of numbers, which a table takes as its column without copying.
 */
export interface RowStore {
  groups: number;
  values: Float64Array;
  isNull: Uint8Array;
}

/**
 * Room for the rows of this many groups, in shared memory when helpers write them.
 * @example writeRow(rowStore(2), 0, row)
 */
export function rowStore(groups: number, inSharedMemory = false): RowStore {
  const length = groups * ROW_FIELDS.length;
  return inSharedMemory
    ? { groups, values: shared(Float64Array, length), isNull: shared(Uint8Array, length) }
    : { groups, values: new Float64Array(length), isNull: new Uint8Array(length) };
}

/** What a helper is sent: shared memory only, so nothing is copied per job. */
export interface RowsJob extends RowStore {
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
}

/** The job for the helpers: the columns and group rows copied into shared memory, room for the results. */
export function rowsJob(c: ArticleColumns, groups: readonly Rows[], prior: BetaPrior | null, options: LeaderboardOptions, chunkRows: number): RowsJob {
  const offsets = shared(Int32Array, groups.length + 1);
  for (let g = 0; g < groups.length; g++) offsets[g + 1] = offsets[g]! + groups[g]!.length;
  const rows = sharedRows(offsets[groups.length]!);
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
    order, chunks, cursor: shared(Int32Array, 1), done: shared(Int32Array, starts.length - 1), ...rowStore(groups.length, true),
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
const sharedCopies = new ColumnCache<NumberColumn, Float64Array>();
// Shared memory made ahead for a column's copy (sharedRoomsAhead), and for a job's rows.
const roomsFor = new ColumnCache<NumberColumn, Float64Array>();
let rowsRoom: Int32Array | undefined;

function sharedColumn(column: NumberColumn): Float64Array {
  if (column.buffer instanceof SharedArrayBuffer) return column;
  let copy = sharedCopies.get(column);
  if (!copy) {
    copy = roomsFor.get(column) ?? shared(Float64Array, column.length).subarray(0, column.length);
    copy.set(column);
    sharedCopies.set(column, copy);
  }
  return copy;
}

/** Room for a job's rows: the room made ahead when it is large enough (taken once), else new. */
function sharedRows(length: number): Int32Array {
  const room = rowsRoom;
  rowsRoom = undefined;
  return room && room.length >= length ? room.subarray(0, length) : shared(Int32Array, length);
}

/**
 * Makes the shared copies of the columns a job reads (those not made yet) and room for its rows
 * (one per row: an author's job never needs more), and sends them to a helper to write their pages
 * first. On this machine fresh memory costs ~3 ms per MB in page faults (~120 ms for a million
 * rows' four columns), which the copy in rowsJob would otherwise pay on the calling thread while
 * the helpers wait. The helper adds 0 to one word a page (atomically, so a copy running at the
 * same time loses nothing).
 */
export function sharedRoomsAhead(c: ArticleColumns, helper: Worker): void {
  const buffers: SharedArrayBuffer[] = [];
  for (const name of ROW_COLUMNS) {
    const column = c[name];
    if (column.buffer instanceof SharedArrayBuffer || sharedCopies.has(column) || roomsFor.has(column)) continue;
    const buffer = new SharedArrayBuffer(column.length * Float64Array.BYTES_PER_ELEMENT);
    roomsFor.set(column, new Float64Array(buffer));
    buffers.push(buffer);
  }
  const rows = new SharedArrayBuffer(c.n * Int32Array.BYTES_PER_ELEMENT);
  rowsRoom = new Int32Array(rows);
  buffers.push(rows);
  helper.postMessage({ touch: buffers } satisfies TouchJob);
}

/** What a helper is sent to write the pages of (sharedRoomsAhead). */
export interface TouchJob {
  touch: SharedArrayBuffer[];
}

/** Writes every page of the buffers (a helper's side of sharedRoomsAhead). */
export function touchPages(job: TouchJob): void {
  for (const buffer of job.touch) {
    const words = new Int32Array(buffer);
    for (let i = 0; i < words.length; i += PAGE_WORDS) Atomics.add(words, i, 0);
  }
}

/** 32-bit words in a 4 KiB page. */
const PAGE_WORDS = 1024;

/** Writes group g's row into the store (from whichever thread computed it). */
export function writeRow(store: RowStore, g: number, row: LeaderboardRow): void {
  const { groups, values, isNull } = store;
  for (let f = 0, at = g; f < ROW_FIELDS.length; f++, at += groups) {
    const value = row[ROW_FIELDS[f]!];
    if (value === null) {
      values[at] = NaN;
      isNull[at] = 1;
    } else {
      values[at] = Number(value);
      isNull[at] = 0; // a chunk a stopped helper began is computed again here
    }
  }
}

/** Group g's row from the store, as leaderboardRow gave it. */
export function readRow(store: RowStore, g: number): LeaderboardRow {
  const row: Record<string, number | boolean | null> = {};
  for (let f = 0; f < ROW_FIELDS.length; f++) row[ROW_FIELDS[f]!] = fieldValue(store, f, g);
  return row as LeaderboardRow;
}

/**
 * A field's values for every group, in the groups' order: the store's own numbers when none is
 * null (read, do not change), else an array with nulls; smallSample as booleans.
 * @example fieldColumn(store, 'count') // Float64Array [12, 3, …]
 */
export function fieldColumn(store: RowStore, name: (typeof ROW_FIELDS)[number]): Float64Array | (number | boolean | null)[] {
  const f = ROW_FIELDS.indexOf(name);
  const from = f * store.groups;
  if (name !== 'smallSample' && store.isNull.subarray(from, from + store.groups).indexOf(1) === -1) {
    return store.values.subarray(from, from + store.groups);
  }
  return Array.from({ length: store.groups }, (_, g) => fieldValue(store, f, g));
}

function fieldValue(store: RowStore, f: number, g: number): number | boolean | null {
  const at = f * store.groups + g;
  const value = store.isNull[at] ? null : store.values[at]!;
  return ROW_FIELDS[f] === 'smallSample' ? value === 1 : value;
}
