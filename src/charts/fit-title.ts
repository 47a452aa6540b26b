/**
 * Chart titles that fit their chart: a title or subtitle line wider than the chart is wrapped
 * onto more lines, between words (and between CJK characters, which need no space), never cut
 * mid-word. Lines are measured with TITLE_SAFETY's room, as the renderer lays titles out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { measureText, TITLE_SAFETY } from './text-metrics.ts';

/** Title and subtitle sizes of the theme (theme.ts chartConfig). */
const TITLE = { fontSize: 15, fontWeight: 'bold' } as const;
const SUBTITLE = { fontSize: 12 } as const;

/** Places a line may break: after a space, or beside a full-width (CJK) character. */
function pieces(line: string): string[] {
  return line.match(/[^\s\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]+\s*|[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60][\s]*|\s+/g) ?? [line];
}

/**
 * One line as lines of at most `width` pixels (a single word wider than that stays whole).
 * @example wrapLine('Share of articles carrying each top tag, by period', 200, { fontSize: 15 })
 */
export function wrapLine(line: string, width: number, font: { fontSize: number; fontWeight?: string }): string[] {
  const measure = (text: string) => measureText(font, text) * TITLE_SAFETY;
  if (measure(line) <= width) return [line];
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces(line)) {
    if (current !== '' && measure((current + piece).trimEnd()) > width) {
      lines.push(current.trimEnd());
      current = piece.trimStart();
    } else current += piece;
  }
  if (current.trim() !== '') lines.push(current.trimEnd());
  return lines;
}

/** The widest title or subtitle line of a spec, in pixels as laid out (TITLE_SAFETY included). */
export function titleWidth(spec: TopLevelSpec): number {
  const title = (spec as { title?: unknown }).title;
  if (title === undefined || title === null) return 0;
  const object = typeof title === 'string' || Array.isArray(title) ? { text: title } : (title as { text?: unknown; subtitle?: unknown });
  const widths = [...linesOf(object.text).map((line) => measureText(TITLE, line)), ...linesOf(object.subtitle).map((line) => measureText(SUBTITLE, line))];
  return TITLE_SAFETY * Math.max(0, ...widths);
}

/** The spec without its title (to learn how wide the chart itself is). */
export function withoutTitle(spec: TopLevelSpec): TopLevelSpec {
  const { title: _title, ...rest } = spec as TopLevelSpec & { title?: unknown };
  return rest as TopLevelSpec;
}

const linesOf = (text: unknown): string[] => (Array.isArray(text) ? text.map(String) : text === undefined || text === null ? [] : [String(text)]);

/**
 * The spec with its title and subtitle wrapped to `width` pixels; the same object when they fit.
 * @example fitTitle(spec, 359)
 */
export function fitTitle(spec: TopLevelSpec, width: number): TopLevelSpec {
  const title = (spec as { title?: unknown }).title;
  if (title === undefined || title === null) return spec;
  const object = typeof title === 'string' || Array.isArray(title) ? { text: title } : (title as { text?: unknown; subtitle?: unknown });
  const text = linesOf(object.text);
  const subtitle = linesOf(object.subtitle);
  const fittedText = text.flatMap((line) => wrapLine(line, width, TITLE));
  const fittedSubtitle = subtitle.flatMap((line) => wrapLine(line, width, SUBTITLE));
  if (fittedText.length === text.length && fittedSubtitle.length === subtitle.length) return spec;
  return { ...spec, title: { ...object, text: fittedText, ...(subtitle.length ? { subtitle: fittedSubtitle } : {}) } } as TopLevelSpec;
}
