/**
 * How a table command shows its result: a terminal table (columns formatted as in the reports),
 * or with `--json` the rows as JSON and with `--csv` as CSV on stdout, for jq and scripts. An
 * empty result prints one line saying why and what to change.
 */
import type { ColumnTable } from 'arquero';
import type { Command } from 'commander';
import { tableToCsvParts } from '../export/csv-aside.ts';
import { columnFormatter, inferFormat, isNumericFormat } from '../report/format-cell.ts';
import { CliError } from './errors.ts';
import { textTable } from './text-table.ts';

/** Adds `--json` and `--csv` to a table command. */
export function addTableOutputOptions(command: Command): Command {
  return command
    .option('--json', 'write every row as JSON to stdout (an array of objects)')
    .option('--csv', 'write every row as CSV to stdout');
}

export interface TableView {
  /** Columns of the terminal table (JSON and CSV have them all). */
  columns: string[];
  /** Rows shown in the terminal. @default 30 */
  limit?: number;
  /** The line printed when there are no rows: what was asked, and what to change. */
  empty: string;
  /** Lines printed under the terminal table. @default none */
  notes?: string[];
}

/** The rows as plain objects for JSON: numbers that are not finite become null. */
function jsonRows(table: ColumnTable): Record<string, unknown>[] {
  return (table.objects() as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && !Number.isFinite(v) ? null : v])));
}

/** The table as the terminal shows it. */
export function terminalTable(table: ColumnTable, columns: readonly string[], limit = 30): string {
  const rows = (table.objects() as Record<string, unknown>[]).slice(0, limit);
  return textTable(rows, columns.map((key) => {
    const values = table.array(key) as ArrayLike<unknown>;
    const format = inferFormat(key, values);
    return { key, right: isNumericFormat(format), format: columnFormatter(key, values, format) };
  }));
}

/**
 * A result table's CSV bytes in parts (tableToCsvParts'), made once per table: a command asked for
 * `--csv` and `--out FILE.csv` writes the same bytes twice (a million articles' author table:
 * ~0.3 s to make).
 * @example for (const part of await csvPartsOf(board)) process.stdout.write(part)
 */
export function csvPartsOf(table: ColumnTable): Promise<Uint8Array[]> {
  let parts = csvParts.get(table);
  if (!parts) csvParts.set(table, (parts = tableToCsvParts(table)));
  return parts;
}

const csvParts = new WeakMap<ColumnTable, Promise<Uint8Array[]>>();

/** Prints a table command's result as the flags ask. */
export async function writeTableOutput(table: ColumnTable, view: TableView, flags: { json?: boolean; csv?: boolean }): Promise<void> {
  if (flags.json && flags.csv) throw new CliError('--json and --csv: choose one');
  if (flags.json) {
    const rows = jsonRows(table);
    process.stdout.write(rows.length ? `[\n${rows.map((row) => JSON.stringify(row)).join(',\n')}\n]\n` : '[]\n');
    return;
  }
  if (flags.csv) {
    for (const part of await csvPartsOf(table)) process.stdout.write(part);
    return;
  }
  if (table.numRows() === 0) {
    process.stdout.write(`${view.empty}\n`);
    return;
  }
  const limit = view.limit ?? 30;
  process.stdout.write(`${terminalTable(table, view.columns, limit)}\n`);
  if (table.numRows() > limit) process.stdout.write(`… ${(table.numRows() - limit).toLocaleString('en-US')} more rows (--out FILE.csv, --csv or --json give all)\n`);
  for (const note of view.notes ?? []) process.stdout.write(`${note}\n`);
}
