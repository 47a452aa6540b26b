/**
 * How many terminal cells (or spreadsheet character widths) a text takes: a Chinese character
 * two, an ASCII letter one. Printable ASCII, most of what tables hold, is counted by its length;
 * anything else is measured by string-width (East Asian widths, emoji, combining marks).
 */
import stringWidth from 'string-width';

/**
 * The display width of `text`.
 * @example displayWidth('AI 产品') // 7
 */
export function displayWidth(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return stringWidth(text);
  }
  return text.length;
}
