/**
 * Text made safe to print to a terminal: control characters (newline, carriage return, ESC and
 * the rest of C0 and C1, DEL, the Unicode line separators) shown as escapes, so a file name or a
 * tag can neither break a message over lines nor move the cursor or change colours.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * @example printable('a\nb\u001b[31m') // 'a\\nb\\x1b[31m'
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (ch) => NAMED[ch] ?? (ch.charCodeAt(0) <= 0xff ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${ch.charCodeAt(0).toString(16)}`));
}
