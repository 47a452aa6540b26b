/**
 * Text width for headless rendering. Without a canvas, vega guesses 0.8 × characters × font
 * size: 20% too narrow for Chinese and far too wide for Latin, so labels collide or get clipped.
 * This measure uses Helvetica's advance widths for ASCII and a full em for CJK and other
 * full-width characters, and is installed into vega's mutable `textMetrics`.
 */

// Helvetica advance widths (per 1000 em) for ASCII 32…126, from its AFM.
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** True for characters drawn a full em wide: CJK, kana, hangul, full-width forms, most emoji. */
export function isFullWidth(code: number): boolean {
  return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
    || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
    || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
}

/**
 * Width of a text in ems (multiply by the font size for pixels).
 * @example textWidthEm('小红书') // 3
 */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 32 && code <= 126) width += ASCII_WIDTHS[code - 32]! / 1000;
    else if (isFullWidth(code)) width += 1;
    else if (code === 0x2026) width += 1; // the ellipsis
    else width += 0.6; // other scripts and symbols: about an average Latin letter
  }
  return width;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  mark?: { role?: string };
}

/**
 * How much wider a browser may draw a title than this measure estimates: the Helvetica widths run
 * narrow against the CJK fonts of the theme's stack (a title measured at 340 px was cut at 359 px
 * in a browser). Titles are measured with this room, so a chart is laid out wide enough for them.
 */
export const TITLE_SAFETY = 1.15;
const TITLE_ROLES = new Set(['title-text', 'title-subtitle']);

/** Pixel width of a text as vega would draw it for a text item. */
export function measureText(item: TextItem, text: string): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600 ? 1.06 : 1;
  return textWidthEm(text) * size * bold;
}

/** Installs the measure into the vega module (process-wide in vega; installing again changes nothing). */
export function installTextMetrics(vega: object): void {
  // vega exports textMetrics at run time but its type declarations omit it.
  const metrics = (vega as { textMetrics: unknown }).textMetrics as { width: (item: TextItem, text: unknown) => number; estimateWidth: unknown };
  metrics.width = (item: TextItem, text: unknown) => {
    const value = text == null ? '' : String(text).trim();
    return measureText(item, value) * (TITLE_ROLES.has(item.mark?.role ?? '') ? TITLE_SAFETY : 1);
  };
}
