/**
 * The header of a markdown article in exactly the form the archive tool writes today, read
 * straight from the bytes: no line splitting, no pattern per line, only the values decoded.
 * Anything else — another layout, CRLF, a field out of order, a count with a comma, a warning to
 * give, a value to reject — returns null and the general parser (markdown.ts) reads the file.
 * So this path never decides anything the general one would decide differently; a test checks
 * both agree on every file of the real and the generated archives and on mutated headers.
 *
 *   # Title
 *   {% hint style="info" %}
 *   **Category:** Operate            (optional)
 *   **Author:** [name](https://…/u/123)
 *   **Published:** 2025-05-27
 *   **Stats:** 👁️ 1437 views | 💬 1 comments | ⭐ 2 collects
 *   **Tags:** `A` `B`
 *   **Original:** [View on woshipm.com](https://www.woshipm.com/operate/6221872.html)
 *   {% endhint %}
 *   > brief
 */
import type { ArticleRecord } from '../../article.ts';
import { categorySlug, cleanAuthor, isoDate, parseArticleUrl, parseAuthorId } from './fields.ts';
import { trimmedRange } from './white-space.ts';

const bytesOf = (text: string) => Buffer.from(text);
const HINT_OPEN = bytesOf('{% hint style="info" %}\n');
const HINT_CLOSE = bytesOf('{% endhint %}\n');
const CATEGORY = bytesOf('**Category:** ');
const AUTHOR = bytesOf('**Author:** ');
const PUBLISHED = bytesOf('**Published:** ');
const STATS = bytesOf('**Stats:** 👁️ ');
const COMMENTS = bytesOf(' views | 💬 ');
const COLLECTS = bytesOf(' comments | ⭐ ');
const COLLECTS_END = bytesOf(' collects');
const TAGS = bytesOf('**Tags:** ');
const ORIGINAL = bytesOf('**Original:** [View on woshipm.com](');
const NEWLINE = 0x0a;
const BACKTICK = 0x60;

/**
 * The header's fields and where the body starts. The title and brief stay bytes of the file
 * (trimmed as the general parser trims them) until asked for: a batch copies them as they are
 * rather than decode them and encode them again (canonicalRecord decodes them).
 */
export interface CanonicalHeader {
  /** Every field but the title and brief; the body measures still to fill in. */
  fields: Omit<ArticleRecord, 'title' | 'brief'>;
  titleStart: number;
  titleEnd: number;
  /** -1 when there is no brief. */
  briefStart: number;
  briefEnd: number;
  bodyStart: number;
}

/**
 * The record a header gives, its title and brief decoded.
 * @example canonicalRecord(bytes, parseCanonicalHeader(bytes, 0, path)!).title
 */
export function canonicalRecord(bytes: Buffer, header: CanonicalHeader): ArticleRecord {
  const brief = header.briefStart < 0 ? null : bytes.toString('utf8', header.briefStart, header.briefEnd);
  return { ...header.fields, title: bytes.toString('utf8', header.titleStart, header.titleEnd), brief };
}

/** Does `literal` sit at bytes[at]? */
function has(bytes: Buffer, at: number, literal: Buffer): boolean {
  if (at + literal.length > bytes.length) return false;
  for (let k = 0; k < literal.length; k++) if (bytes[at + k] !== literal[k]) return false;
  return true;
}

/** End of the line starting at `at` (index of its newline, or -1 when there is none). */
function lineEnd(bytes: Buffer, at: number): number {
  return bytes.indexOf(NEWLINE, at);
}

const LINE_SEPARATOR = bytesOf('\u2028');
const PARAGRAPH_SEPARATOR = bytesOf('\u2029');

/** CR, U+2028 or U+2029 in bytes[from, to): line breaks to the general parser's patterns, so its business. */
function hasLineBreakBytes(bytes: Buffer, from: number, to: number): boolean {
  const region = bytes.subarray(from, to); // Buffer#indexOf is memchr/memmem, not a loop here
  return region.indexOf(0x0d) >= 0 || region.indexOf(LINE_SEPARATOR) >= 0 || region.indexOf(PARAGRAPH_SEPARATOR) >= 0;
}

/** A run of ASCII digits at bytes[at..]: its value and end, or null (none, or too long to be exact). */
function digitsAt(bytes: Buffer, at: number): { value: number; end: number } | null {
  let value = 0;
  let i = at;
  while (i < bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39) value = value * 10 + bytes[i++]! - 0x30;
  // Up to 12 digits (below MAX_COUNT, 10^12); longer numbers go to the general parser, which rejects them.
  return i === at || i - at > 12 ? null : { value, end: i };
}

/**
 * Index of the `)` closing a link target that starts at `from`, when the target is printable
 * ASCII without white space (what the general parser's patterns accept); else -1.
 */
function asciiLinkEnd(bytes: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to && bytes[i] !== 0x29) {
    if (bytes[i]! <= 0x20 || bytes[i]! >= 0x7f) return -1;
    i++;
  }
  return i < to ? i : -1;
}

/** Only spaces and tabs in bytes[from, to). */
function blank(bytes: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09) return false;
  return true;
}

// Category names repeat: slug each once.
const slugs = new Map<string, string>();
function slugOf(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) slugs.set(name, slug = categorySlug(name));
  return slug;
}

/** Index of `byte` in bytes[from, to), or -1. */
function indexIn(bytes: Buffer, byte: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (bytes[i] === byte) return i;
  return -1;
}

/** Backticked tags as the general parser reads them (pairs of backticks, trimmed, no `None`, no repeats), or null to leave it to it. */
function backtickedTags(bytes: Buffer, from: number, to: number): string[] | null {
  const tags: string[] = [];
  let open = indexIn(bytes, BACKTICK, from, to);
  if (open < 0) return null; // a comma-separated list: the general parser's
  while (open >= 0) {
    const close = indexIn(bytes, BACKTICK, open + 1, to);
    if (close < 0) break;
    for (let i = open + 1; i < close; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbc && bytes[i + 2] === 0x8c) return null; // ，splits a tag
    const tag = bytes.toString('utf8', open + 1, close).trim();
    if (tag !== '' && tag !== 'None' && !tags.includes(tag)) tags.push(tag);
    open = indexIn(bytes, BACKTICK, close + 1, to);
  }
  return tags;
}

/**
 * Reads the header of an article in the archive tool's current form.
 * @param bytes the file (valid UTF-8); `start` skips a BOM
 * @returns the record (body measures still to fill in) and where the body starts, or null when
 *   the file is not in exactly that form (the general parser then reads it)
 */
export function parseCanonicalHeader(bytes: Buffer, start: number, path: string): CanonicalHeader | null {
  // # Title
  if (bytes[start] !== 0x23 || bytes[start + 1] !== 0x20 || bytes[start + 2] === 0x23) return null;
  const titleLineEnd = lineEnd(bytes, start);
  if (titleLineEnd < 0) return null;
  let at = titleLineEnd + 1;
  if (!has(bytes, at, HINT_OPEN)) return null;
  at += HINT_OPEN.length;
  const closeAt = bytes.indexOf(HINT_CLOSE, at);
  if (closeAt < 0 || hasLineBreakBytes(bytes, start, closeAt)) return null;
  const [titleStart, titleEnd] = trimmedRange(bytes, start + 2, titleLineEnd);
  if (titleStart === titleEnd) return null;

  let categoryName: string | null = null;
  if (has(bytes, at, CATEGORY)) {
    const end = lineEnd(bytes, at);
    categoryName = bytes.toString('utf8', at + CATEGORY.length, end).trim() || null;
    at = end + 1;
  }

  // **Author:** [name](link) or a plain name
  if (!has(bytes, at, AUTHOR)) return null;
  const authorEnd = lineEnd(bytes, at);
  const valueStart = at + AUTHOR.length;
  let author: string | null;
  let authorId: number | null = null;
  if (bytes[valueStart] === 0x5b) {
    const nameEnd = indexIn(bytes, 0x5d, valueStart, authorEnd); // ]
    if (nameEnd < 0 || bytes[nameEnd + 1] !== 0x28) return null;
    const linkEnd = asciiLinkEnd(bytes, nameEnd + 2, authorEnd);
    if (linkEnd < 0) return null;
    author = cleanAuthor(bytes.toString('utf8', valueStart + 1, nameEnd));
    authorId = parseAuthorId(bytes.toString('latin1', nameEnd + 2, linkEnd));
  } else {
    const value = bytes.toString('utf8', valueStart, authorEnd);
    if (value.trimStart().startsWith('[')) return null; // a link after white space
    author = cleanAuthor(value);
  }
  at = authorEnd + 1;

  // **Published:** YYYY-MM-DD
  if (!has(bytes, at, PUBLISHED)) return null;
  const dateAt = at + PUBLISHED.length;
  const dateEnd = lineEnd(bytes, dateAt);
  const year = digitsAt(bytes, dateAt);
  const month = year && year.end === dateAt + 4 && bytes[year.end] === 0x2d ? digitsAt(bytes, year.end + 1) : null;
  const day = month && month.end === dateAt + 7 && bytes[month.end] === 0x2d ? digitsAt(bytes, month.end + 1) : null;
  if (!year || !month || !day || day.end !== dateAt + 10 || !blank(bytes, day.end, dateEnd)) return null;
  const published = isoDate(year.value, month.value, day.value);
  if (!published) return null;
  at = dateEnd + 1;

  // **Stats:** 👁️ N views | 💬 N comments | ⭐ N collects
  if (!has(bytes, at, STATS)) return null;
  const views = digitsAt(bytes, at + STATS.length);
  const comments = views && has(bytes, views.end, COMMENTS) ? digitsAt(bytes, views.end + COMMENTS.length) : null;
  const collects = comments && has(bytes, comments.end, COLLECTS) ? digitsAt(bytes, comments.end + COLLECTS.length) : null;
  const statsEnd = lineEnd(bytes, at);
  if (!views || !comments || !collects || !has(bytes, collects.end, COLLECTS_END) || !blank(bytes, collects.end + COLLECTS_END.length, statsEnd)) return null;
  at = statsEnd + 1;

  // **Tags:** `A` `B`
  if (!has(bytes, at, TAGS)) return null;
  const tagsEnd = lineEnd(bytes, at);
  const tags = backtickedTags(bytes, at + TAGS.length, tagsEnd);
  if (!tags) return null;
  at = tagsEnd + 1;

  // **Original:** [View on woshipm.com](url)
  if (!has(bytes, at, ORIGINAL)) return null;
  const urlStart = at + ORIGINAL.length;
  const originalEnd = lineEnd(bytes, at);
  const urlEnd = asciiLinkEnd(bytes, urlStart, originalEnd);
  if (urlEnd < 0 || !blank(bytes, urlEnd + 1, originalEnd)) return null;
  const urlParts = parseArticleUrl(bytes.toString('utf8', urlStart, urlEnd));
  if (!urlParts) return null;
  if (categoryName && slugOf(categoryName) !== urlParts.category) return null; // a warning to give
  at = originalEnd + 1;
  if (at !== closeAt) return null;
  at += HINT_CLOSE.length;

  // > brief, on the next line; a blank line there is left to the general parser.
  let briefStart = -1;
  let briefEnd = -1;
  let bodyStart = at;
  if (bytes[at] === 0x3e) {
    const end = lineEnd(bytes, at);
    const stop = end < 0 ? bytes.length : end;
    [briefStart, briefEnd] = trimmedRange(bytes, at + 1, stop);
    if (briefStart === briefEnd) briefStart = briefEnd = -1; // an empty brief is none
    bodyStart = Math.min(stop + 1, bytes.length);
  } else if (at >= bytes.length || bytes[at]! <= 0x20 || bytes[at]! >= 0x80) {
    return null; // blank, or white space the general parser might skip to a brief
  }
  return {
    fields: {
      id: urlParts.id, author, authorId, category: urlParts.category, categoryName, published,
      views: views.value, comments: comments.value, collects: collects.value, tags, url: urlParts.url,
      readingMinutes: null, bodyChars: 0, images: 0, source: path,
    },
    titleStart, titleEnd, briefStart, briefEnd, bodyStart,
  };
}
