/**
 * One theme for every chart: a font stack with CJK fonts, readable sizes, one palette, the same
 * colour for the same category everywhere, and numbers formatted for people.
 */
import type { Config } from 'vega-lite';

/** Fonts tried in order; the CJK ones make Chinese labels render on every platform. */
export const FONT_STACK = '"Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", "WenQuanYi Micro Hei", Helvetica, Arial, sans-serif';

/** Tableau 10: distinct, colour-blind friendlier than the rainbow. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Numbers in charts as 12k / 3.4M (en) or 1.2万 / 3.4亿 (zh). */
export type NumberLocale = 'en' | 'zh';

/** 12k / 3.4M (en) or 1.2万 / 3.4亿 (zh); integers below 10,000 stay plain. */
export function formatCount(value: number, locale: NumberLocale = 'en'): string {
  if (!Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  const trim = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1).replace(/\.0$/, ''));
  if (locale === 'zh') {
    if (abs >= 1e8) return `${trim(value / 1e8)}亿`;
    if (abs >= 1e4) return `${trim(value / 1e4)}万`;
  } else {
    if (abs >= 1e9) return `${trim(value / 1e9)}B`;
    if (abs >= 1e6) return `${trim(value / 1e6)}M`;
    if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  }
  return Number.isInteger(value) ? String(value) : value.toPrecision(3).replace(/\.?0+$/, '');
}

/**
 * The expression (Vega's own functions only, so a spec opens in any Vega editor) that formats a
 * count as formatCount does, for `value` (an axis label's `datum.value`).
 */
export function countExpression(value: string, locale: NumberLocale = 'en'): string {
  const scaled = (divisor: number, unit: string) =>
    `(abs(${value} / ${divisor}) >= 100 ? format(${value} / ${divisor}, '.0f') : format(${value} / ${divisor}, '.1~f')) + '${unit}'`;
  const steps: [number, string][] = locale === 'zh' ? [[1e8, '亿'], [1e4, '万']] : [[1e9, 'B'], [1e6, 'M'], [1e4, 'k']];
  const plain = `(${value} === round(${value}) ? format(${value}, 'd') : format(${value}, '.3~r'))`;
  return steps.reduceRight((rest, [threshold, unit]) => `abs(${value}) >= ${threshold} ? ${scaled(unit === 'k' ? 1e3 : threshold, unit)} : ${rest}`, plain);
}

/** Axis properties for a count axis (views, collects) in the given locale: 12k or 1.2万. */
export function countAxis(locale: NumberLocale): { labelExpr: string } {
  return { labelExpr: countExpression('datum.value', locale) };
}

/** The Vega-Lite config every chart uses. */
export function chartConfig(): Config {
  return {
    font: FONT_STACK,
    background: 'white',
    padding: 8,
    title: { fontSize: 15, subtitleFontSize: 12, subtitleColor: '#555', anchor: 'start', offset: 10, font: FONT_STACK, subtitleFont: FONT_STACK },
    axis: { labelFontSize: 11, titleFontSize: 12, labelFont: FONT_STACK, titleFont: FONT_STACK, labelLimit: 160, gridColor: '#eee', titleFontWeight: 'normal', titleColor: '#333' },
    legend: { labelFontSize: 11, titleFontSize: 12, labelFont: FONT_STACK, titleFont: FONT_STACK, labelLimit: 160 },
    header: { labelFontSize: 12, titleFontSize: 12, labelFont: FONT_STACK, titleFont: FONT_STACK, labelLimit: 160 },
    text: { font: FONT_STACK },
    view: { stroke: null },
    // Live charts show every encoded field on hover (in the static SVG this draws nothing).
    mark: { tooltip: { content: 'encoding' } },
    range: { category: PALETTE },
  };
}

/** A colour scale that gives each category the same colour in every chart. */
export function categoryScale(categories: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...categories].sort();
  return { domain, range: domain.map((_, i) => PALETTE[i % PALETTE.length]!) };
}
