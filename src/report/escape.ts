/**
 * Escaping for everything a report shows: HTML text and attributes, Markdown text and table
 * cells, and file names derived from data.
 */

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

/**
 * A safe file name from any text: letters and digits of any script, `-` and `_`; everything
 * else becomes `-`; no leading dot; at most 80 characters.
 * @example safeFileName('../小红书 vs 抖音') // '小红书-vs-抖音'
 */
export function safeFileName(text: string): string {
  const cleaned = text.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|-+$/g, '');
  return [...cleaned].slice(0, 80).join('') || 'unnamed';
}
