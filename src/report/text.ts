/**
 * Helpers for the sentences notebooks write from their numbers: data values escaped for
 * Markdown, numbers formatted for people. One place, so every notebook says numbers alike.
 */
import { escapeMarkdown } from './escape.ts';

/** A data value (tag, title, author) safe to put in notebook Markdown. */
export function md(value: unknown): string {
  return escapeMarkdown(value === null || value === undefined ? '' : String(value));
}

/** 12,345 */
export function count(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : Math.round(value).toLocaleString('en-US');
}

/** 0.52% (rates are small: two decimals under 1%) */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const p = value * 100;
  return `${p < 1 ? p.toFixed(2) : p.toFixed(1)}%`;
}

/** 1.4× */
export function times(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(value >= 10 ? 0 : 2)}×`;
}

/** 1.23 */
export function decimal(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** "a, b and c" */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
