/**
 * Helpers for the sentences notebooks write from their numbers: data values escaped for
 * Markdown, numbers formatted for people. One place, so every notebook says numbers alike.
 */
import { escapeMarkdown } from './escape.ts';

/**
 * A data value (tag, title, author) safe to put in notebook Markdown.
 * @example nb.markdown(`Top tag: **${md(row.tag)}**`) // a tag named `**x**` shows as typed
 */
export function md(value: unknown): string {
  return escapeMarkdown(value === null || value === undefined ? '' : String(value));
}

/**
 * A count for people: rounded, with thousands separators; 'n/a' when missing or not finite.
 * @example count(12345.6) // '12,346'; count(null) // 'n/a'
 */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : Math.round(value).toLocaleString('en-US');
}

/**
 * A rate (0–1) as a percentage: one decimal, two under 1% (rates are small); 'n/a' when missing.
 * @example percent(0.0123) // '1.2%'; percent(0.004) // '0.40%'
 */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const p = value * 100;
  return `${p < 1 ? p.toFixed(2) : p.toFixed(1)}%`;
}

/**
 * A ratio as 1.40× (no decimals from 10×); 'n/a' when missing or not finite.
 * @example times(1.4) // '1.40×'
 */
export function times(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(value >= 10 ? 0 : 2)}×`;
}

/**
 * A number with a fixed number of decimals; 'n/a' when missing or not finite.
 * @param digits digits after the point @default 2
 * @example decimal(1.2345) // '1.23'; decimal(1.2345, 1) // '1.2'
 */
export function decimal(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/**
 * Items joined as a sentence lists them: "a, b and c".
 * @example listing(['AI', '运营', '产品']) // 'AI, 运营 and 产品'
 */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
