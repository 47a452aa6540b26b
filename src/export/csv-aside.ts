/**
 * A large table's CSV written by two threads: this one writes the first rows while an
 * analysis helper thread, when one is running (helper-threads.ts), writes the rest. Most of the
 * time goes into numbers with a fraction (String(value), about 0.35 µs each on a 2-core VM): a
 * million articles' author leaderboard holds ~950,000 of them. A new thread is not started for it:
 * its start and warm-up cost about what it would save.
 */
import type { ColumnTable } from 'arquero';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { plainColumns } from '../analyze/columns.ts';
import { runningHelper } from '../analyze/helper-threads.ts';
import { type CsvColumn, csvRowsBytes } from './csv.ts';

/** From this many cells a table's CSV is shared with a helper. */
export const SHARE_CELLS = 500_000;

/**
 * The helper's share of the rows: less than half, as the rows reach it later (their values are
 * copied and sent first) and its writer is not yet warm (a million articles' author leaderboard:
 * ~250 ms on the helper against ~190 ms here for half the rows each).
 */
const HELPER_SHARE = 0.4;

/**
 * tableToCsvBytes' bytes in parts, to be written in order: the last 40% of the rows are
 * written by a helper thread when one is running, the table has SHARE_CELLS cells or more and its
 * values can be sent to a thread; else one part, written here.
 * @example for (const part of await tableToCsvParts(board)) process.stdout.write(part)
 */
export async function tableToCsvParts(table: ColumnTable): Promise<Uint8Array[]> {
  const columns = plainColumns(table);
  const rows = table.numRows();
  const helper = rows * columns.length >= SHARE_CELLS ? runningHelper() : undefined;
  if (!helper || !columns.every(sendable)) return [csvRowsBytes(columns, 0, rows, true)];
  const split = Math.round(rows * (1 - HELPER_SHARE));
  const rest = restOnHelper(helper, columns, split, rows);
  const head = csvRowsBytes(columns, 0, split, true);
  return [head, await rest];
}

/** What a helper is sent to write CSV rows of (no header); it answers on `reply`. */
export interface CsvJob {
  csv: CsvColumn[];
  rows: number;
  reply: MessagePort;
}

/** Writes a CSV job's rows and sends the bytes back (a helper's side; they move, not copied). */
export function answerCsvJob(job: CsvJob): void {
  const bytes = csvRowsBytes(job.csv, 0, job.rows, false);
  job.reply.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
  job.reply.close();
}

/** Rows `from` to `to - 1` of the columns, written by the helper (here when it stops first). */
function restOnHelper(helper: Worker, columns: readonly CsvColumn[], from: number, to: number): Promise<Uint8Array> {
  const { port1: answer, port2: reply } = new MessageChannel();
  return new Promise((resolve) => {
    const settle = (bytes: Uint8Array) => {
      helper.off('exit', stopped);
      answer.close();
      resolve(bytes);
    };
    const stopped = () => settle(csvRowsBytes(columns, from, to, false));
    helper.once('exit', stopped);
    answer.once('message', settle);
    const csv = columns.map((column) => ({ name: column.name, values: rowsOf(column.values, from, to) }));
    helper.postMessage({ csv, rows: to - from, reply } satisfies CsvJob, [reply]);
  });
}

/** A copy of rows `from` to `to - 1` (a typed array's subarray would send its whole buffer). */
function rowsOf(values: ArrayLike<unknown>, from: number, to: number): ArrayLike<unknown> {
  return ArrayBuffer.isView(values) ? (values as Float64Array).slice(from, to) : Array.prototype.slice.call(values, from, to);
}

/** Whether a column's values reach a thread as they are: numbers, text, booleans, dates and lists of text, or none. */
function sendable(column: CsvColumn): boolean {
  const { values } = column;
  if (ArrayBuffer.isView(values)) return true;
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined || value instanceof Date) continue;
    const type = typeof value;
    if (type === 'string' || type === 'number' || type === 'boolean') continue;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) continue;
    return false;
  }
  return true;
}
