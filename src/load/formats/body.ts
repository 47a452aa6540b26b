/**
 * Measures of an article body: text length without markup, image count, reading time.
 * One scanner serves markdown and HTML bodies, and it works on UTF-8 bytes so a loader never
 * has to decode a whole body into a string (decoding was most of the load time).
 */
import { whiteSpaceBefore } from './white-space.ts';

export interface BodyStats {
  /** Non-whitespace characters of text once images, link targets, HTML tags and markup are removed. */
  bodyChars: number;
  /** Images in the body (`![…](…)` or `<img>`). */
  images: number;
  /** Minutes from the site's meta line (`… 51 收藏 7 分钟`), null where absent. */
  readingMinutes: number | null;
}

const NEWLINE = 0x0a;
// Markdown punctuation that is markup, not text: # * _ ` > ~ | [ ]
const MARKUP_BYTES = new Uint8Array(256);
for (const ch of '#*_`>~|[]') MARKUP_BYTES[ch.charCodeAt(0)] = 1;
// ASCII that always counts as one text character: printable, not markup, and not where an image,
// a link target, a tag or a {% … %} block can start (! ] < {), which take the slower checks.
const PLAIN_ASCII = new Uint8Array(256);
for (let c = 0x21; c < 0x7f; c++) if (MARKUP_BYTES[c] === 0 && c !== 0x21 && c !== 0x5d && c !== 0x3c && c !== 0x7b) PLAIN_ASCII[c] = 1;

/** Index of `target` in bytes[from, end) before the next newline, or -1. */
function findOnLine(bytes: Uint8Array, from: number, end: number, target: number): number {
  for (let i = from; i < end; i++) {
    const c = bytes[i]!;
    if (c === target) return i;
    if (c === NEWLINE) return -1;
  }
  return -1;
}

/** Bytes of the list marker or rule at a line start (`- `, `+ `, `1. `, `---`), or 0. */
function lineMarkupLength(bytes: Uint8Array, i: number, end: number): number {
  let j = i;
  while (j < end && (bytes[j] === 0x20 || bytes[j] === 0x09)) j++;
  const c = bytes[j];
  if (c === 0x2d && bytes[j + 1] === 0x2d && bytes[j + 2] === 0x2d) {
    let k = j;
    while (k < end && bytes[k] === 0x2d) k++;
    while (k < end && (bytes[k] === 0x20 || bytes[k] === 0x0d)) k++;
    if (k >= end || bytes[k] === NEWLINE) return k - i;
  }
  if ((c === 0x2d || c === 0x2b) && bytes[j + 1] === 0x20) return j + 2 - i;
  let k = j;
  while (k < end && bytes[k]! >= 0x30 && bytes[k]! <= 0x39) k++;
  if (k > j && bytes[k] === 0x2e && bytes[k + 1] === 0x20) return k + 2 - i;
  return 0;
}

/**
 * Counts text characters and images in a UTF-8 body (markdown or HTML) in one pass.
 * Removed: image syntax, link targets `](…)`, HTML tags, `{% … %}`, list markers, rules and the
 * markup characters `# * _ \` > ~ | [ ]`. Counted: every other non-whitespace code point (no-break
 * space, ideographic space and the BOM are white space too).
 */
export function scanBody(bytes: Uint8Array, start = 0, end = bytes.length): { bodyChars: number; images: number } {
  let chars = 0;
  let images = 0;
  let lineStart = true;
  let i = start;
  while (i < end) {
    if (lineStart) {
      lineStart = false;
      const skip = lineMarkupLength(bytes, i, end);
      if (skip > 0) {
        i += skip;
        continue;
      }
    }
    let c = bytes[i]!;
    if (c >= 0xc0) {
      // A run of multi-byte characters (most of a Chinese body): each counted unless it is wide
      // white space, jumped over whole, without going back through the checks below.
      do {
        if (c >= 0xe4 && c <= 0xee) { // U+4000–U+EFFF (the CJK ideographs among them): never white space
          chars++;
          i += 3;
        } else if (c >= 0xe0) {
          if (c >= 0xf0) {
            chars++;
            i += 4;
          } else {
            if (!(c === 0xe3 && bytes[i + 1] === 0x80 && bytes[i + 2] === 0x80) && !(c === 0xef && bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf)) chars++;
            i += 3;
          }
        } else {
          if (!(c === 0xc2 && bytes[i + 1] === 0xa0)) chars++;
          i += 2;
        }
        c = i < end ? bytes[i]! : 0;
      } while (c >= 0xc0);
      continue;
    }
    if (PLAIN_ASCII[c] === 1) { // a run of letters, digits and punctuation that is neither markup nor the start of a construct
      do {
        chars++;
        i++;
      } while (i < end && PLAIN_ASCII[bytes[i]!] === 1);
      continue;
    }
    if (c === NEWLINE) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === 0x21 && bytes[i + 1] === 0x5b) { // ![alt](src)
      const close = findOnLine(bytes, i + 2, end, 0x5d);
      if (close !== -1 && bytes[close + 1] === 0x28) {
        const paren = findOnLine(bytes, close + 2, end, 0x29);
        if (paren !== -1) {
          images++;
          i = paren + 1;
          continue;
        }
      }
    } else if (c === 0x5d && bytes[i + 1] === 0x28) { // ](target) of a link
      const paren = findOnLine(bytes, i + 2, end, 0x29);
      if (paren !== -1) {
        i = paren + 1;
        continue;
      }
    } else if (c === 0x3c) { // <tag>
      const close = findOnLine(bytes, i + 1, end, 0x3e);
      if (close !== -1) {
        if (isImgTag(bytes, i + 1)) images++;
        i = close + 1;
        continue;
      }
    } else if (c === 0x7b && bytes[i + 1] === 0x25) { // {% … %}
      const close = findOnLine(bytes, i + 2, end, 0x7d);
      if (close !== -1 && bytes[close - 1] === 0x25) {
        i = close + 1;
        continue;
      }
    }
    i++;
    if (c <= 0x20 || c >= 0x80 || MARKUP_BYTES[c] === 1) continue;
    chars++;
  }
  return { bodyChars: chars, images };
}

function isImgTag(bytes: Uint8Array, i: number): boolean {
  return (bytes[i]! | 0x20) === 0x69 && (bytes[i + 1]! | 0x20) === 0x6d && (bytes[i + 2]! | 0x20) === 0x67
    && (bytes[i + 3] === 0x20 || bytes[i + 3] === 0x2f || bytes[i + 3] === 0x3e);
}

// Minutes follow one of the stat labels; the count before 评论 may be glued to a date, so anchor on the end.
const READING_MINUTES = /(?:评论|浏览|收藏)\s*(\d{1,4})\s*分钟/;

/** Reading minutes from the site's meta line, wherever it sits in the text. */
export function readingMinutesOf(text: string): number | null {
  const match = READING_MINUTES.exec(text);
  return match ? Number(match[1]) : null;
}

const encoder = new TextEncoder();
const MINUTES = Buffer.from('分钟');
const STAT_LABELS = ['评论', '浏览', '收藏'].map((label) => Buffer.from(label));

/**
 * readingMinutesOf on UTF-8 bytes (bytes[start, end)), without decoding them: the first
 * `(评论|浏览|收藏)\s*(\d{1,4})\s*分钟`, found by looking back from each 分钟.
 */
export function readingMinutesInBytes(bytes: Uint8Array, start = 0, end = bytes.length): number | null {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buffer.indexOf(MINUTES, start); at >= 0 && at + MINUTES.length <= end; at = buffer.indexOf(MINUTES, at + MINUTES.length)) {
    let q = at;
    for (let w = whiteSpaceBefore(buffer, q, start); w > 0; w = whiteSpaceBefore(buffer, q, start)) q -= w;
    let digits = 0;
    while (q - digits > start && buffer[q - digits - 1]! >= 0x30 && buffer[q - digits - 1]! <= 0x39) digits++;
    if (digits === 0 || digits > 4) continue;
    let p = q - digits;
    for (let w = whiteSpaceBefore(buffer, p, start); w > 0; w = whiteSpaceBefore(buffer, p, start)) p -= w;
    if (p - start < 6) continue;
    if (STAT_LABELS.some((label) => label.every((byte, k) => buffer[p - 6 + k] === byte))) {
      let value = 0;
      for (let k = q - digits; k < q; k++) value = value * 10 + buffer[k]! - 0x30;
      return value;
    }
  }
  return null;
}

/** Body measures of an HTML body (the archiving tool's `article_content`). */
export function htmlBodyStats(html: string): BodyStats {
  const text = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '');
  return { ...scanBody(encoder.encode(text)), readingMinutes: readingMinutesOf(text.replace(/<[^>]*>/g, ' ')) };
}

let branchesTaken = false;

/**
 * Runs scanBody, lineMarkupLength and readingMinutesInBytes once down every branch, on a body
 * made for it, so the optimizing compiler has type feedback for all of them: otherwise each branch
 * first met after a function is optimized throws it back to the interpreter (scanBody 8 times in a
 * cold load of a 3,000-file archive), and the first files of every load are read slowly. Once per
 * thread (~3 ms), called where files are about to be read, not as the module loads: the CLI
 * loads it for every command, and most read no file.
 * @example takeEveryBranch(); for (const file of batch) parse(file)
 */
export function takeEveryBranch(): void {
  if (branchesTaken) return;
  branchesTaken = true;
  const body = Buffer.from([
    '- a\n+ b\n12. c\n---\n  --- \r\n1.x\n-x\n',
    '# 标题 **粗** _i_ `c` > ~ | 中文，。、\u3000\ufeff\u00a0é😀 abc 123 \t\r\n',
    '[链接](https://x.cn) ![图](y.png) <img src="z"> <IMG/> <p>段</p> {% hint %} {% x } ![a]b ]x <b\n',
    '![a](b\n](c\n{%\n9 评论 10 浏览 11 收藏 7 分钟 x8分钟 收藏 12345 分钟 <\n',
  ].join(''));
  // Each way a body can end (in a character, a construct left open, a stat line).
  for (const ending of ['', '中', 'é', '😀', 'a', '---', '![a](b', '](c', '<b', '{%', '分钟', '1 分钟', '评论 1']) {
    const bytes = Buffer.concat([body, Buffer.from(ending)]);
    for (const [start, end] of [[0, bytes.length], [3, bytes.length - 2]] as const) {
      readingMinutesInBytes(bytes, start, end);
      scanBody(bytes, start, end);
    }
  }
}
