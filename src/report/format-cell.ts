/**
 * How a table value is shown to a person in HTML and Markdown (CSV keeps the raw value).
 */
import type { ColumnFormat } from './notebook.ts';

/** The format a column gets when none is given: by its name, then by its values. */
export function inferFormat(column: string, values: readonly unknown[]): ColumnFormat {
  if (/(Rate|Share|share)(Low|High|Shrunk|ShrunkLow|ShrunkHigh|Difference|DifferenceLow|DifferenceHigh|A|B)?$/.test(column) || column === 'share') return 'percent';
  const sample = values.find((v) => v !== null && v !== undefined);
  if (column === 'p' || column === 'q') return 'pvalue';
  if (column === 'id' || column.endsWith('Id')) return 'text'; // identifiers: no thousands separators
  if (typeof sample === 'number' && /cohort|ratio|lift|^p$|^q$|superiority|delta|perActive|spread/i.test(column)) return 'number';
  if (typeof sample === 'number') return values.every((v) => v === null || v === undefined || Number.isInteger(v)) ? 'integer' : 'number';
  return 'text';
}

/** Formats one value for display. */
export function formatValue(value: unknown, format: ColumnFormat): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : '';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return '';
  switch (format) {
    case 'integer':
      return Math.round(value).toLocaleString('en-US');
    case 'percent':
      return `${(value * 100).toFixed(Math.abs(value) < 0.01 ? 3 : 1)}%`;
    case 'pvalue':
      return value < 0.001 ? '<0.001' : value.toFixed(3);
    case 'number':
      return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
    default:
      return String(value);
  }
}
