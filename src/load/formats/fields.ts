/**
 * Field parsers shared by every loader: counts, dates, tag lists, URLs.
 * Each returns null for a value it cannot read, so the caller can say which field was wrong.
 */

/** The largest count accepted: anything above is a broken counter or a broken file. */
export const MAX_COUNT = 1e12;

// A count is a whole number written with digits (thousands separated by commas, or not), or a
// decimal with a unit as the site abbreviates (1.2万, 3.4k, 10w+). Anchored: the whole token.
const PLAIN_COUNT = /^(?:\d{1,3}(?:,\d{3})+|\d+)\+?$/;
const UNIT_COUNT = /^(\d+(?:\.\d+)?|\.\d+)\s*([万wWkK千])\+?$/;

/** The value of a count token, or why it is not one. */
function readCount(text: unknown): number | string {
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return `${text} is not a count`;
    if (text < 0) return `${text} is negative`;
    if (!Number.isInteger(text)) return `${text} is not a whole number`;
    return text > MAX_COUNT ? `${text} is over 10^12` : text;
  }
  if (typeof text !== 'string') return `${text === null || text === undefined ? 'nothing' : typeof text} is not a count`;
  const token = text.trim();
  let value: number;
  if (PLAIN_COUNT.test(token)) value = Number(token.replace(/[,+]/g, ''));
  else {
    const unit = UNIT_COUNT.exec(token);
    if (!unit) return `"${token}" is not a count (a whole number such as 1234 or 1,234, or 1.2万 / 3.4k)`;
    value = Math.round(Number(unit[1]!) * (unit[2] === '万' || unit[2] === 'w' || unit[2] === 'W' ? 10_000 : 1_000));
  }
  return value > MAX_COUNT ? `"${token}" is over 10^12` : value;
}

/**
 * Reads a non-negative count as written on the site: `1234`, `1,234`, `1.2万`, `3.4k`, or a
 * whole number in an export. Decimals without a unit, signs, exponents, hex and values over
 * 10^12 are not counts.
 * @returns the integer, or null when the text is not a count (countProblem says why)
 * @example parseCount('1.2万') // 12000; parseCount('0.5') // null
 */
export function parseCount(text: unknown): number | null {
  const read = readCount(text);
  return typeof read === 'number' ? read : null;
}

/**
 * Why a value is not a count, for reject messages; null when it is one.
 * @example countProblem('-5') // '"-5" is not a count (a whole number such as 1234 or 1,234, or 1.2万 / 3.4k)'
 */
export function countProblem(text: unknown): string | null {
  const read = readCount(text);
  return typeof read === 'string' ? read : null;
}

const DATE_PATTERN = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;

/**
 * Finds the first calendar date in a text and returns it as `YYYY-MM-DD`.
 * @returns null when there is none, it does not exist (2023-02-30), or its year is outside
 *   1990–2100 (dateProblem says which)
 */
export function parseDate(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Why a text holds no accepted date, for reject messages; null when it holds one.
 * @example dateProblem('1900-01-02') // 'year 1900 is outside 1990–2100'
 */
export function dateProblem(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return 'expected a date like 2025-06-30';
  const year = Number(match[1]);
  if (year < 1990 || year > 2100) return `year ${year} is outside 1990–2100`;
  return isoDate(year, Number(match[2]), Number(match[3])) ? null : `${match[0]} is not a calendar day`;
}

/** Hours the reference site's clock is ahead of UTC: an instant is dated by its day in China. */
const CHINA_UTC_OFFSET_MS = 8 * 3600_000;

/**
 * The `YYYY-MM-DD` day of a date-typed cell (Arrow, Parquet), null when it is no valid day.
 * A calendar date or a timestamp without time zone is its own day (JavaScript holds it as that
 * wall-clock time in UTC); an instant (a timestamp adjusted to UTC) is dated by its day in China.
 */
export function dayOfDate(value: Date, instant: boolean): string | null {
  const ms = value.getTime() + (instant ? CHINA_UTC_OFFSET_MS : 0);
  if (!Number.isFinite(ms)) return null;
  const day = new Date(ms);
  return isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/**
 * A date-typed cell as text for the record checks: its day (see dayOfDate), or when it is no
 * valid day, how it reads, so the reject message shows the value.
 */
export function dateCellText(value: Date, instant: boolean): string {
  return dayOfDate(value, instant) ?? (Number.isFinite(value.getTime()) ? value.toISOString() : 'an invalid date');
}

// Each day's answer, once: an archive's articles share a few thousand publish dates, and the
// check and formatting cost ~1 µs a call (a tenth of a markdown header's reading).
const isoDates = new Map<number, string | null>();

/** `YYYY-MM-DD` for a real calendar day, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1990 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const key = year * 10000 + month * 100 + day;
  let iso = isoDates.get(key);
  if (iso === undefined) {
    const probe = new Date(Date.UTC(year, month - 1, day));
    iso = probe.getUTCMonth() !== month - 1 ? null : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    isoDates.set(key, iso);
  }
  return iso;
}

/**
 * Trims, drops empties and `None`, de-duplicates, keeps first-seen order.
 * Each piece is split again at full-width commas (`A，B` is two tags).
 */
export function cleanTags(pieces: Iterable<string>): string[] {
  const seen = new Set<string>();
  for (const piece of pieces) {
    for (const part of piece.split('，')) {
      const tag = part.trim();
      if (tag !== '' && tag !== 'None') seen.add(tag);
    }
  }
  return [...seen];
}

/** Tags from a comma-separated string (`1年,初级,数据埋点`; ASCII or full-width commas). */
export function splitTagList(text: string): string[] {
  return cleanTags(text.split(/[,，]/));
}

export interface ArticleUrlParts {
  url: string;
  id: number;
  category: string;
}

const ARTICLE_URL_PATTERN = /^https?:\/\/[^/\s]+\/([^/\s?#]+)\/(?:[^\s?#]*\/)?(\d+)\.html?(?:[?#]\S*)?$/i;

/**
 * Splits an article URL into its id (the number at the end) and category (first path segment).
 * @example parseArticleUrl('https://www.woshipm.com/operate/6221872.html') // {id: 6221872, category: 'operate', …}
 */
export function parseArticleUrl(url: string): ArticleUrlParts | null {
  const match = ARTICLE_URL_PATTERN.exec(url.trim());
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return { url: url.trim(), id, category: match[1]!.toLowerCase() };
}

/** The number in an author link (`https://www.woshipm.com/u/323307` → 323307). */
export function parseAuthorId(link: string | null | undefined): number | null {
  if (!link) return null;
  const match = /\/u\/(\d+)/.exec(link);
  return match ? Number(match[1]) : null;
}

/** A category name reduced to slug form, to compare `Data Analysis` with `data-analysis`. */
export function categorySlug(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** Author names that mean "unknown". */
export function cleanAuthor(name: string | null | undefined): string | null {
  const trimmed = (name ?? '').trim();
  return trimmed === '' || /^(N\/A|NA|None|null|未知)$/i.test(trimmed) ? null : trimmed;
}
