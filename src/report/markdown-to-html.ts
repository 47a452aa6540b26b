/**
 * Notebook Markdown → HTML with markdown-it (CommonMark: headings, lists, emphasis, links, inline
 * code, code blocks, and GitHub tables). Raw HTML in a cell is shown as text, never run; links
 * and images go only to relative paths, http(s) and mailto; data values reach the text through
 * `md()`, which escapes them for Markdown.
 */
import MarkdownIt from 'markdown-it';

const SAFE_URL = /^(?:https?:|mailto:|[^:]*(?:[/?#]|$))/i;

const renderer = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
// markdown-it already refuses javascript:, vbscript:, file: and most data: URLs; this is stricter.
renderer.validateLink = (url: string) => SAFE_URL.test(url.trim());

/**
 * Markdown → HTML.
 * @example markdownToHtml('## Top tags\n\n- **AI**: 1.4') // '<h2>Top tags</h2>\n<ul>\n<li><strong>AI</strong>: 1.4</li>\n</ul>\n'
 */
export function markdownToHtml(markdown: string): string {
  return renderer.render(markdown);
}

/**
 * One line of inline Markdown → HTML (no paragraph around it).
 * @example inlineToHtml('**b** `c`') // '<strong>b</strong> <code>c</code>'
 */
export function inlineToHtml(text: string): string {
  return renderer.renderInline(text);
}
