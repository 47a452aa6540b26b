/**
 * The small Markdown subset notebook text uses, rendered to HTML: headings, paragraphs, bullet
 * lists, **bold**, `code`, [links](relative-or-http), and backslash escapes. Every character of
 * text is HTML-escaped; links other than relative or http(s) are dropped to plain text.
 */
import { escapeHtml } from './escape.ts';

const SAFE_URL = /^(https?:\/\/|\.{0,2}\/|[\p{L}\p{N}_-])[^\s"'<>]*$/u;

/** Inline Markdown → HTML. */
export function inlineToHtml(text: string): string {
  let out = '';
  let bold = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /[\\`*_{}[\]()#+\-.!|<>~&]/.test(text[i + 1]!)) {
      out += escapeHtml(text[++i]!);
    } else if (ch === '*' && text[i + 1] === '*') {
      out += bold ? '</strong>' : '<strong>';
      bold = !bold;
      i++;
    } else if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end === -1) out += escapeHtml(ch);
      else {
        out += `<code>${escapeHtml(text.slice(i + 1, end))}</code>`;
        i = end;
      }
    } else if (ch === '[') {
      const link = /^\[((?:\\.|[^\]\\])*)\]\(([^)\s]*)\)/.exec(text.slice(i));
      if (link) {
        const label = inlineToHtml(link[1]!);
        const url = link[2]!;
        out += SAFE_URL.test(url) && !/^javascript:/i.test(url) ? `<a href="${escapeHtml(url)}">${label}</a>` : label;
        i += link[0].length - 1;
      } else out += escapeHtml(ch);
    } else {
      out += escapeHtml(ch);
    }
  }
  return bold ? `${out}</strong>` : out;
}

/** Block Markdown → HTML. */
export function markdownToHtml(markdown: string): string {
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(`<p>${inlineToHtml(paragraph.join(' '))}</p>`);
    if (list.length) blocks.push(`<ul>${list.map((item) => `<li>${inlineToHtml(item)}</li>`).join('')}</ul>`);
    paragraph = [];
    list = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (line.trim() === '') flush();
    else if (heading) {
      flush();
      const level = heading[1]!.length;
      blocks.push(`<h${level}>${inlineToHtml(heading[2]!)}</h${level}>`);
    } else if (item) {
      if (paragraph.length) flush();
      list.push(item[1]!);
    } else if (list.length && /^\s+/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list.length) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks.join('\n');
}
