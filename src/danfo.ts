/**
 * `content-pulse/danfo`: moves a table into danfo.js (the pandas-like DataFrame library) and
 * back. danfo.js is an optional peer dependency: install `danfojs-node` (Node) or `danfojs`
 * yourself; content-pulse runs without either, and these functions say what to install when
 * neither is there.
 *
 * Values are handed over as they are: numbers stay numbers, list columns (`tags`, `topicTags`)
 * stay arrays, empty values stay null. danfo's own `toCSV` does not quote fields and its
 * `toJSON` format names are swapped, so neither is used here (write CSV with content-pulse).
 * @module content-pulse/danfo
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type ColumnTable, table as columnTable } from 'arquero';

/** The part of danfo.js these functions use. */
export interface DanfoModule {
  DataFrame: new (data: Record<string, unknown[]>, options?: { columns?: string[] }) => DanfoFrame;
}

/**
 * A danfo.js DataFrame, as far as it is typed here (danfo's own types describe the rest; cast to
 * `import('danfojs-node').DataFrame` for them).
 */
export interface DanfoFrame {
  columns: string[];
  shape: number[];
  /** Rows of values, as held (a column Series would turn lists into strings). */
  values: unknown[][];
  groupby(keys: string[]): { agg(spec: Record<string, string | string[]>): DanfoFrame };
  describe(): DanfoFrame;
  print(): void;
}

export interface DanfoOptions {
  /** The danfo.js module to use (`import * as dfd from 'danfojs-node'`). @default `danfojs-node`, else `danfojs`, as installed */
  danfo?: DanfoModule;
}

const PACKAGES = ['danfojs-node', 'danfojs'];

/** Finds an installed danfo.js: beside content-pulse, then from the current folder. */
function loadDanfo(): DanfoModule {
  const requirers = [createRequire(import.meta.url), createRequire(join(process.cwd(), 'noop.js'))];
  for (const name of PACKAGES) {
    for (const require of requirers) {
      try {
        return require(name) as DanfoModule;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      }
    }
  }
  throw new Error('content-pulse/danfo needs danfo.js, which is not installed: run `npm install danfojs-node` (or `npm install danfojs`). See the README, section "danfo.js", for the overrides npm needs.');
}

/** Nulls for missing values: danfo may hand back undefined or NaN where a cell was empty. */
function cell(value: unknown): unknown {
  return value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : value;
}

/**
 * A danfo.js DataFrame with the table's columns, in order, and its values as they are.
 * @example const df = toDataFrame(tagLeaderboard(articles)); df.describe().print();
 */
export function toDataFrame(table: ColumnTable, options: DanfoOptions = {}): DanfoFrame {
  const danfo = options.danfo ?? loadDanfo();
  const columns = table.columnNames();
  const data: Record<string, unknown[]> = {};
  for (const name of columns) data[name] = Array.from(table.array(name) as ArrayLike<unknown>, cell);
  return new danfo.DataFrame(data, { columns });
}

/**
 * An arquero table with the DataFrame's columns, in order; empty values (undefined, NaN) become null.
 * @example const table = fromDataFrame(df.groupby(['category']).agg({ views: 'median' }));
 */
export function fromDataFrame(frame: DanfoFrame): ColumnTable {
  const rows = frame.values;
  const data: Record<string, unknown[]> = {};
  frame.columns.forEach((name, index) => {
    data[name] = rows.map((row) => cell(row[index]));
  });
  return columnTable(data, frame.columns);
}
