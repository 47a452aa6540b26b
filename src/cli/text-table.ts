/**
 * Plain-text tables for the terminal, with column widths that know a Chinese character takes
 * two cells. Long cells are cut with an ellipsis.
 */
import { displayWidth } from '../display-width.ts';
import { printable } from './printable.ts';

export interface TextColumn {
  key: string;
  label?: string;
  /** Right-align (numbers). @default false */
  right?: boolean;
  /** Widest the column may get, in terminal cells. @default 40 */
  max?: number;
  format?: (value: unknown) => string;
}

/** Cuts text to at most `width` terminal cells, ending in `…` when cut. */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
}

/** Formats a number for a table cell: integers plain, others to 3 significant decimals. */
export function formatNumber(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);
}

/** Renders rows as an aligned text table. */
export function textTable(rows: readonly Record<string, unknown>[], columns: readonly TextColumn[]): string {
  const cells = rows.map((row) => columns.map((column) => {
    const value = row[column.key];
    const text = column.format ? column.format(value) : Array.isArray(value) ? value.join('|') : formatNumber(value);
    // White space folded to one space, then any other control character shown as an escape.
    return truncateToWidth(printable(text.replace(/\s+/g, ' ')), column.max ?? 40);
  }));
  const labels = columns.map((column) => column.label ?? column.key);
  const widths = columns.map((_, c) => Math.max(displayWidth(labels[c]!), ...cells.map((row) => displayWidth(row[c]!))));
  const line = (values: string[]) => values.map((v, c) => pad(v, widths[c]!, columns[c]!.right ?? false)).join('  ').trimEnd();
  return [line(labels), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
