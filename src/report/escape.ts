/**
 * Escaping for everything a report shows: HTML text and attributes, Markdown text and table
 * cells, and file names derived from data.
 */
import { createHash } from 'node:crypto';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * Escapes text so Markdown shows it literally: a backslash before every character that Markdown
 * (or HTML inside Markdown) acts on wherever it stands, the same for `#`, `-`, `+`, `1.` at the
 * start, and line breaks folded to spaces.
 * @example escapeMarkdown('A|B <img>') // 'A\\|B \\<img\\>'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]<>|~&]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([#+\-=]|\d+(?=[.)]))(?=[.)]?(\s|$))/, (_m, space: string, lead: string) => `${space}\\${lead}`);
}

/** Most UTF-8 bytes of a file name made from data: room under the usual 255-byte limit for suffixes and temporary names. */
export const MAX_NAME_BYTES = 100;
// Bytes kept from the end of a long name, so suffixes such as `-distribution` survive.
const TAIL_BYTES = 24;

const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

/** The longest run of whole characters from the start (or the end) of `chars` within `bytes`. */
function fit(chars: string[], bytes: number, fromEnd = false): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[fromEnd ? chars.length - 1 - i : i]!;
    used += utf8Length(ch);
    if (used > bytes) break;
    out.push(ch);
  }
  return (fromEnd ? out.reverse() : out).join('');
}

/**
 * A safe file name from any text: letters and digits of any script, `-` and `_`; everything
 * else becomes `-`; no leading dot; at most MAX_NAME_BYTES bytes of UTF-8. A longer name keeps
 * its start and its end (suffixes such as `-monthly`) around a hash of the whole, so two long
 * names that differ only in the middle stay different.
 * @example safeFileName('../小红书 vs 抖音') // '小红书-vs-抖音'
 */
export function safeFileName(text: string): string {
  const cleaned = text.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|-+$/g, '');
  if (cleaned === '') return 'unnamed';
  if (utf8Length(cleaned) <= MAX_NAME_BYTES) return cleaned;
  const chars = [...cleaned];
  const hash = createHash('sha256').update(cleaned).digest('hex').slice(0, 8);
  const tail = fit(chars, TAIL_BYTES, true);
  const head = fit(chars, MAX_NAME_BYTES - TAIL_BYTES - hash.length - 2);
  return `${head}-${hash}-${tail}`;
}
