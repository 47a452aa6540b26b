/**
 * How a table value is shown to a person, the same in the terminal, Markdown, HTML and XLSX
 * number formats (CSV keeps the raw value). A column's format is chosen once for the whole
 * column, so its numbers line up: the same number of decimals in every row, thousands
 * separators, percentages with one decimal (two where every rate is under 1%), p-values to three
 * decimals, flags as "yes" or nothing.
 */
import type { ColumnFormat } from './notebook.ts';

/** The format a column gets when none is given: by its name, then by its values. */
export function inferFormat(column: string, values: ArrayLike<unknown>): ColumnFormat {
  if (/(Rate|Share|share)(Low|High|Shrunk|ShrunkLow|ShrunkHigh|Difference|DifferenceLow|DifferenceHigh|A|B)?$/.test(column) || column === 'share') return 'percent';
  // Values read where they are (a page's table can be a whole leaderboard: no copy of each column).
  let sample: unknown;
  for (let i = 0; i < values.length && (sample === null || sample === undefined); i++) sample = values[i];
  if (column === 'p' || column === 'q') return 'pvalue';
  if (column === 'id' || column.endsWith('Id')) return 'text'; // identifiers: no thousands separators
  if (typeof sample === 'boolean') return 'flag';
  if (typeof sample === 'number' && /cohort|ratio|lift|superiority|delta|perActive|spread/i.test(column)) return 'number';
  if (typeof sample === 'number') {
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value !== null && value !== undefined && !Number.isInteger(value)) return 'number';
    }
    return 'integer';
  }
  return 'text';
}

/** The largest absolute value of a column's finite numbers (0 for none). */
function largestMagnitude(values: ArrayLike<unknown>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'number' && Number.isFinite(value)) largest = Math.max(largest, Math.abs(value));
  }
  return largest;
}

/** Digits after the point for a column of numbers: 0 from 1,000, 1 from 10, else 2 (by the largest value). */
export function numberDecimals(values: ArrayLike<unknown>): number {
  const largest = largestMagnitude(values);
  return largest >= 1000 ? 0 : largest >= 10 ? 1 : 2;
}

/** Digits after the point of a percentage column: 2 when every rate is under 1%, else 1. */
export function percentDecimals(values: ArrayLike<unknown>): number {
  return largestMagnitude(values) < 0.01 ? 2 : 1;
}

/**
 * How a number of a column is written, as options of Intl.NumberFormat ('en-US'): the one rule,
 * used here and handed to report pages for chart tooltips. Null for formats that are not numbers.
 * @example numberFormatOptions('percent', 1) // { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }
 */
export function numberFormatOptions(format: ColumnFormat, decimals = 2): Intl.NumberFormatOptions | null {
  switch (format) {
    case 'integer': return { maximumFractionDigits: 0 };
    case 'percent': return { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    case 'pvalue': return { minimumFractionDigits: 3, maximumFractionDigits: 3, useGrouping: false };
    case 'number': return { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
    default: return null;
  }
}

/** The Intl.NumberFormatOptions of a whole column (its format and decimals), for pages. */
export function columnNumberOptions(column: string, values: ArrayLike<unknown>): Intl.NumberFormatOptions | null {
  const format = inferFormat(column, values);
  return numberFormatOptions(format, format === 'number' ? numberDecimals(values) : format === 'percent' ? percentDecimals(values) : 0);
}

/**
 * A formatter for one column: the format (given, or inferred from its name and values) with the
 * decimals chosen for the whole column.
 * @example const show = columnFormatter('medianViews', [1234.5, 99]); show(1234.5) // '1,235'
 */
export function columnFormatter(column: string, values: ArrayLike<unknown>, format: ColumnFormat = inferFormat(column, values)): (value: unknown) => string {
  const decimals = format === 'number' ? numberDecimals(values) : format === 'percent' ? percentDecimals(values) : 0;
  const write = numberWriter(format, decimals);
  return (value) => formatCell(value, format, write);
}

/** What a table shows where there is no value (an interval that could not be computed, an unknown author). */
export const NO_VALUE = '—';

/** Formats one value for display (see columnFormatter for a whole column). */
export function formatValue(value: unknown, format: ColumnFormat, decimals = 2): string {
  return formatCell(value, format, numberWriter(format, decimals));
}

/** formatValue with the format's number writer already found (once per column). */
function formatCell(value: unknown, format: ColumnFormat, write: ((value: number) => string) | null): string {
  // No value reads as "—" in every table (page, Markdown, terminal); CSV and XLSX leave the cell empty.
  if (value === null || value === undefined) return NO_VALUE;
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : '';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return NO_VALUE;
  if (format === 'flag') return value ? 'yes' : '';
  if (format === 'pvalue' && value < 0.001) return '<0.001';
  return write ? write(value) : String(value);
}

/** "1234567" → "1,234,567". */
function grouped(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/** A string of decimal digits plus one ("199" → "200", "99" → "100"). */
function incremented(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 57) i--; // '9'
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1);
}

/**
 * What Intl.NumberFormat('en-US') writes for a number with exactly `decimals` digits after the
 * point (and `style: 'percent'` when `percent`), made from the number's shortest decimal text
 * (String(value)), rounded half away from zero: ICU rounds that same text the same way, and this
 * is several times faster for the million cells of a large table. Null for numbers JavaScript
 * writes with an exponent (below 1e-6, from 1e21): Intl formats those.
 * @example decimalText(1234.5, 0, false, true) // '1,235'
 */
export function decimalText(value: number, decimals: number, percent: boolean, grouping: boolean): string | null {
  const text = String(Math.abs(value));
  if (text.includes('e')) return null;
  const point = text.indexOf('.');
  let whole = point < 0 ? text : text.slice(0, point);
  let fraction = point < 0 ? '' : text.slice(point + 1);
  if (percent) {
    // × 100: the point moves two digits right.
    fraction = fraction.padEnd(2, '0');
    whole = (whole + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '');
    fraction = fraction.slice(2);
  }
  let digits = whole + fraction.slice(0, decimals).padEnd(decimals, '0');
  if (fraction.length > decimals && fraction.charCodeAt(decimals) >= 53) digits = incremented(digits); // next digit 5 or more
  const wholeDigits = digits.slice(0, digits.length - decimals);
  const body = (grouping ? grouped(wholeDigits) : wholeDigits) + (decimals ? `.${digits.slice(digits.length - decimals)}` : '');
  return (value < 0 || Object.is(value, -0) ? '-' : '') + body + (percent ? '%' : '');
}

/**
 * How a number of each format and number of decimals is written, made once from
 * numberFormatOptions: decimalText with its digits, percent style and grouping, and Intl for
 * what decimalText leaves to it. (`toLocaleString` with options builds a formatter on every call,
 * which made formatting a 60,000-row table take seconds.) Null for formats that are not numbers.
 */
const numberWriters = new Map<string, ((value: number) => string) | null>();

function numberWriter(format: ColumnFormat, decimals: number): ((value: number) => string) | null {
  const key = `${format}:${decimals}`;
  let write = numberWriters.get(key);
  if (write === undefined) {
    const options = numberFormatOptions(format, decimals);
    if (options) {
      const intl = new Intl.NumberFormat('en-US', options);
      const digits = options.maximumFractionDigits ?? 0;
      const percent = options.style === 'percent';
      const grouping = options.useGrouping !== false;
      write = (value) => decimalText(value, digits, percent, grouping) ?? intl.format(value);
    } else {
      write = null;
    }
    numberWriters.set(key, write);
  }
  return write;
}

/** True for formats shown right-aligned (numbers). */
export function isNumericFormat(format: ColumnFormat): boolean {
  return format !== 'text' && format !== 'date' && format !== 'flag';
}
