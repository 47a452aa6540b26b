/**
 * Parses one markdown article (any layout of the archiving tool) into a record or a reject.
 * Pure: text and path in, result out; no I/O.
 *
 * Layouts handled: the newest (`category/YYYY/MM/ID.md`, Category line, backticked tags),
 * the flat one (`category-ID.md`, comma-separated tags) and the oldest (no Category line,
 * a blank line before `{% hint %}`, trailing spaces, the brief after a blank line).
 */
import type { ArticleRecord, LoadWarning, Reject } from '../../article.ts';
import { readingMinutesInBytes, scanBody } from './body.ts';
import {
  categorySlug, cleanAuthor, cleanTags, countProblem, dateProblem, parseArticleUrl, parseAuthorId, parseCount, parseDate,
  splitTagList,
} from './fields.ts';
import { type CanonicalHeader, canonicalRecord, parseCanonicalHeader } from './markdown-fast.ts';
import { reasons, warnings as loadWarnings } from '../../errors.ts';
import { BatchBuilder } from '../table/batch.ts';
import { isJsonSpace } from './white-space.ts';
import { NO_WARNINGS } from './parsed-file.ts';

export type ParseResult =
  | { ok: true; record: ArticleRecord; warnings: LoadWarning[] }
  | { ok: false; reject: Reject };

// `# Title`; a missing space after `#` is tolerated (`#Title`), `## …` is not a title.
const TITLE = /^#(?!#)\s*(.*\S)\s*$/;
const HINT_OPEN = /^\{%\s*hint\b[^%]*%\}\s*$/;
const HINT_CLOSE = /^\{%\s*endhint\s*%\}\s*$/;
// `**Key:** value`, also `**Key**: value`.
const HEADER_LINE = /^\s*\*\*\s*([A-Za-z][A-Za-z ]*?)\s*(?::\s*\*\*|\*\*\s*:)\s*(.*?)\s*$/;
const MARKDOWN_LINK = /^\[([^\]]*)\]\(([^)\s]*)\)/;
const URL_IN_TEXT = /\((https?:\/\/[^)\s]+)\)|(https?:\/\/\S+)/;

// The whole token before a label: nothing that belongs to a number (a letter, a digit, a sign, a
// dot or comma) may stand right before it, so `1e309`, `-5` and `0x10` are not read as 309, 5, 10.
function statPattern(english: string, chinese: string): RegExp {
  return new RegExp(`(?<![\\w.,+\\-])((?:\\d[\\d.,]*|\\.\\d+)\\s*[万wWkK千]?\\+?)\\s*(?:${english}s?\\b|${chinese})`, 'i');
}
const STAT_PATTERNS = {
  views: statPattern('view', '浏览'),
  comments: statPattern('comment', '评论'),
  collects: statPattern('collect', '收藏'),
} as const;

interface HeaderField {
  value: string;
  line: number;
}

const encoder = new TextEncoder();
const ENDHINT = Buffer.from('endhint');
/** The result of an article read without a warning (frozen: shared by all of them). */
const READ_CLEANLY = Object.freeze({ ok: true as const, warnings: NO_WARNINGS });

/**
 * Where the header region ends: the line after the first `endhint` and the next non-blank line
 * (the brief), so only that much is decoded to a string; the whole file when there is no
 * `endhint`. parseHeader asks for more when the region proves too short.
 */
function headerEnd(bytes: Buffer, start: number): number {
  const hint = bytes.indexOf(ENDHINT, start);
  if (hint < 0) return bytes.length;
  let at = bytes.indexOf(0x0a, hint);
  if (at < 0) return bytes.length;
  at++;
  while (at < bytes.length && isJsonSpace(bytes[at]!)) at++;
  const lineEnd = bytes.indexOf(0x0a, at);
  return lineEnd < 0 ? bytes.length : lineEnd + 1;
}

/**
 * Parses one markdown article given as text.
 * @param text the file's text (a BOM and CRLF line endings are fine)
 * @param path where it came from, used in messages and as the `source` column
 */
export function parseMarkdownArticle(text: string, path: string): ParseResult {
  return parseMarkdownBytes(encoder.encode(text), path);
}

/**
 * Parses one markdown article from its UTF-8 bytes (already checked to be valid UTF-8).
 * Decodes only the header region; the body is measured on the bytes.
 * @param canonicalFirst try the byte reader of the archive tool's current form first (see
 *   markdown-fast.ts); false runs the general parser alone (tests compare the two)
 */
export function parseMarkdownBytes(bytes: Uint8Array, path: string, canonicalFirst = true): ParseResult {
  const buffer = asBuffer(bytes);
  const canonical = canonicalFirst ? canonicalArticle(buffer, path) : null;
  if (canonical) return { ok: true, record: canonicalRecord(buffer, canonical), warnings: [] };
  return parseGeneral(buffer, path);
}

/**
 * Reads one markdown article's bytes (valid UTF-8) into a batch: as parseMarkdownBytes, but an
 * article in the archive tool's current form keeps its title and brief as bytes (copied into the
 * batch, never decoded).
 * @returns the reject, or the warnings of the row appended
 * @example const read = appendMarkdownBytes(bytes, path, batch); if (!read.ok) rejects.push(read.reject)
 */
export function appendMarkdownBytes(bytes: Uint8Array, path: string, batch: BatchBuilder): { ok: true; warnings: LoadWarning[] } | { ok: false; reject: Reject } {
  const buffer = asBuffer(bytes);
  const canonical = canonicalArticle(buffer, path);
  if (canonical) {
    batch.appendCanonical(buffer, canonical);
    return READ_CLEANLY;
  }
  const result = parseGeneral(buffer, path);
  if (!result.ok) return result;
  batch.appendRecord(result.record);
  return { ok: true, warnings: result.warnings };
}

// Buffer's UTF-8 decoding is several times faster than TextDecoder's for short CJK text.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The general parser on a whole file's bytes: the header decoded, the body measured on the bytes. */
function parseGeneral(buffer: Buffer, path: string): ParseResult {
  const start = bomLength(buffer);
  let prefixEnd = headerEnd(buffer, start);
  let prefix = buffer.toString('utf8', start, prefixEnd);
  let result = parseHeader(prefix, path, prefixEnd === buffer.length);
  if (result === 'need-more') {
    // The header did not end where `endhint` first appeared: decode the whole file once.
    prefixEnd = buffer.length;
    prefix = buffer.toString('utf8', start);
    result = parseHeader(prefix, path, true) as HeaderResult;
  }
  if (!result.ok) return result;
  const { record, bodyOffset } = result;
  const bodyStart = start + Buffer.byteLength(prefix.slice(0, bodyOffset));
  withBody(record, buffer, bodyStart);
  return { ok: true, record, warnings: result.warnings };
}

/**
 * A markdown article in exactly the form the archive tool writes today (markdown-fast.ts), body
 * measures included, or null for any other (parseMarkdownBytes then reads it).
 * @example const article = canonicalArticle(bytes, path); if (article) batch.appendCanonical(bytes, article)
 */
function canonicalArticle(bytes: Buffer, path: string): CanonicalHeader | null {
  const header = parseCanonicalHeader(bytes, bomLength(bytes), path);
  if (header) withBody(header.fields, bytes, header.bodyStart);
  return header;
}

/** 3 when the bytes start with a UTF-8 byte order mark, else 0. */
function bomLength(bytes: Buffer): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Fills in the body measures of a record (read from the bytes from `bodyStart`). */
function withBody(record: Pick<ArticleRecord, 'readingMinutes' | 'bodyChars' | 'images'>, bytes: Buffer, bodyStart: number): void {
  record.readingMinutes = readingMinutesInBytes(bytes, bodyStart);
  const { bodyChars, images } = scanBody(bytes, bodyStart);
  record.bodyChars = bodyChars;
  record.images = images;
}

type HeaderResult =
  | { ok: true; record: ArticleRecord; warnings: LoadWarning[]; bodyOffset: number }
  | { ok: false; reject: Reject };

/** Parses title, header block and brief from the start of the text. */
function parseHeader(source: string, path: string, complete: boolean): HeaderResult | 'need-more' {
  const reject = (line: number, reason: string): HeaderResult => ({ ok: false, reject: { path, line, reason } });
  if (source.trim() === '') return complete ? reject(0, reasons.emptyFile) : 'need-more';

  // Walk the header line by line; the body is sliced off afterwards without splitting it.
  let offset = 0;
  let lineNo = 0;
  const nextLine = (): string | null => {
    if (offset >= source.length) return null;
    const end = source.indexOf('\n', offset);
    const stop = end === -1 ? source.length : end;
    const line = source.slice(offset, stop).replace(/\r$/, '');
    offset = stop + 1;
    lineNo++;
    return line;
  };
  const nextNonBlank = (): string | null => {
    let line = nextLine();
    while (line !== null && line.trim() === '') line = nextLine();
    return line;
  };

  const titleLine = nextNonBlank();
  const titleMatch = titleLine === null ? null : TITLE.exec(titleLine);
  if (!titleMatch) return reject(lineNo, reasons.noMarkdownTitle);
  const title = titleMatch[1]!.trim();

  const hintLine = nextNonBlank();
  if (hintLine === null || !HINT_OPEN.test(hintLine.trim())) {
    return reject(hintLine === null ? lineNo + 1 : lineNo, reasons.noHeaderBlock);
  }
  const hintLineNo = lineNo;

  const fields = new Map<string, HeaderField>();
  let closed = false;
  for (let line = nextLine(); line !== null; line = nextLine()) {
    if (HINT_CLOSE.test(line.trim())) {
      closed = true;
      break;
    }
    const match = HEADER_LINE.exec(line);
    const key = match?.[1]!.toLowerCase();
    if (key !== undefined && !fields.has(key)) fields.set(key, { value: match![2]!, line: lineNo });
  }
  if (!closed) return complete ? reject(hintLineNo, reasons.headerNotClosed) : 'need-more';

  const original = fields.get('original') ?? fields.get('url');
  if (!original) return reject(hintLineNo, reasons.noOriginal);
  const urlMatch = URL_IN_TEXT.exec(original.value);
  const urlParts = urlMatch ? parseArticleUrl(urlMatch[1] ?? urlMatch[2]!) : null;
  if (!urlParts) return reject(original.line, reasons.noOriginalId(original.value));

  const publishedField = fields.get('published') ?? fields.get('date');
  const published = publishedField ? parseDate(publishedField.value) : null;
  if (!published) {
    return publishedField
      ? reject(publishedField.line, reasons.invalidPublished(publishedField.value, dateProblem(publishedField.value)))
      : reject(hintLineNo, reasons.noPublished);
  }

  const stats = fields.get('stats');
  if (!stats) return reject(hintLineNo, reasons.noStats);
  const counts = { views: 0, comments: 0, collects: 0 };
  for (const name of ['views', 'comments', 'collects'] as const) {
    const found = STAT_PATTERNS[name].exec(stats.value);
    const count = found ? parseCount(found[1]!) : null;
    if (count === null) {
      const problem = found ? `: ${countProblem(found[1]!)}` : '';
      return reject(stats.line, reasons.badStatsCount(name, problem, stats.value));
    }
    counts[name] = count;
  }

  const { author, authorId } = parseAuthorField(fields.get('author')?.value ?? '');
  const categoryName = fields.get('category')?.value.trim() || null;
  const warnings: LoadWarning[] = [];
  const categoryField = fields.get('category');
  if (categoryName && categoryField && categorySlug(categoryName) !== urlParts.category) {
    warnings.push({
      path,
      line: categoryField.line,
      message: loadWarnings.categoryLineDisagrees(categoryName, urlParts.category),
    });
  }

  // The brief is the first quoted line after the header, possibly after blank lines.
  let brief: string | null = null;
  const afterHeader = offset;
  const briefLine = nextNonBlank();
  if (briefLine === null && !complete) return 'need-more'; // the brief may lie beyond the region
  if (briefLine !== null && briefLine.trimStart().startsWith('>')) {
    brief = briefLine.trimStart().replace(/^>\s?/, '').trim() || null;
  } else {
    offset = afterHeader;
  }
  return {
    ok: true,
    warnings,
    bodyOffset: Math.min(offset, source.length),
    record: {
      id: urlParts.id,
      title,
      author,
      authorId,
      category: urlParts.category,
      categoryName,
      published,
      ...counts,
      tags: parseTagField(fields.get('tags')?.value ?? ''),
      url: urlParts.url,
      brief,
      readingMinutes: null,
      bodyChars: 0,
      images: 0,
      source: path,
    },
  };
}

/** `[name](https://…/u/123)`, `[N/A](#)` or plain text. */
function parseAuthorField(value: string): { author: string | null; authorId: number | null } {
  const link = MARKDOWN_LINK.exec(value.trim());
  if (link) return { author: cleanAuthor(link[1]), authorId: parseAuthorId(link[2]) };
  return { author: cleanAuthor(value), authorId: null };
}

/** Backticked tags (`` `A` `B` ``) or a comma-separated list; `None` is no tags. */
function parseTagField(value: string): string[] {
  if (value.includes('`')) {
    return cleanTags([...value.matchAll(/`([^`]*)`/g)].map((m) => m[1]!));
  }
  return splitTagList(value);
}

let headerBranchesTaken = false;

/**
 * Reads made-up articles into a throwaway batch before a parse worker reads its first files:
 * headers with and without a category (a new one each round), a linked and a plain author, a
 * brief and none, a repeated tag. A branch first taken after the header reader was optimized
 * throws it back to the interpreter: without this, each worker's `parseCanonicalHeader` at its
 * first new category ~9,000 files in (`node --trace-deopt`). Twelve rounds, since V8 keeps no
 * type feedback for a function's first few calls. Once per thread (~9 ms, most of it compiling
 * what the first files would compile anyway), so only where thousands of files follow: a load
 * of the 3,000-file real archive on one thread gains nothing from it.
 * @example takeEveryHeaderBranch(); parseListed(files)
 */
export function takeEveryHeaderBranch(): void {
  if (headerBranchesTaken) return;
  headerBranchesTaken = true;
  const article = (category: string, author: string, tags: string, brief: string, id: number) => Buffer.from([
    '# 标题：一个例子', '{% hint style="info" %}', ...(category ? [`**Category:** ${category}`] : []), `**Author:** ${author}`,
    '**Published:** 2021-03-04  ', '**Stats:** 👁️ 1437 views | 💬 1 comments | ⭐ 2 collects', `**Tags:** ${tags}`,
    `**Original:** [View on woshipm.com](https://www.woshipm.com/${category ? category.toLowerCase() : 'pd'}/${id}.html)`,
    '{% endhint %}', ...(brief ? [`> ${brief}`] : []), '正文 **粗体** ![图](a.png) [链接](https://x.cn)', '',
  ].join('\n'));
  const batch = new BatchBuilder([1024, 1024, 1024], 16);
  for (let round = 0; round < 12; round++) {
    const articles = [
      article(`Warm${round}`, '[作者](https://www.woshipm.com/u/123)', '`产品` `运营`', '摘要', 1),
      article('', '名字', '`A` `None` `A`', '', 2),
    ];
    articles.forEach((bytes, k) => appendMarkdownBytes(bytes, `warm-up-${k}.md`, batch));
  }
}
