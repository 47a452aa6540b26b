/**
 * The characters a report's web font keeps: every character of its pages and charts, once, in
 * UTF-16 order, with printable ASCII always.
 */
import { describe, expect, it } from 'vitest';
import { pageText } from '../../src/report/web-fonts.ts';

describe('pageText', () => {
  it('keeps each non-ASCII character of the HTML and SVG files once (pairs whole), every printable ASCII one, and nothing of other files', () => {
    const files = new Map<string, string | Uint8Array>([
      ['index.html', '<p>产品经理 产品 café\u007f</p>'],
      ['charts/a.svg', '<text>增长 😀 \ud800x</text>'],
      ['tables/t.csv', '不在字体里'],
      ['assets/x.otf', new Uint8Array([0xe4, 0xb8, 0xad])],
    ]);
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    const expected = [...new Set([...ascii, ...'产品经理é\u007f增长😀\ud800'])].sort().join('');
    const text = pageText(files);
    expect(text).toBe(expected);
    expect([...text].filter((ch) => ch === '😀')).toHaveLength(1);
    expect(text).not.toContain('字');
  });

  it('reads a page given as UTF-8 bytes (a page holding a large table) as the same page given as text', () => {
    const page = '<p>产品经理 café\u007f ½ 😀 𠀀 运营</p><script type="application/json">["增长","AI"]</script>';
    const asText = pageText(new Map([['a/index.html', page], ['charts/b.svg', '<text>增长</text>']]));
    const asBytes = pageText(new Map<string, string | Uint8Array>([['a/index.html', new TextEncoder().encode(page)], ['charts/b.svg', '<text>增长</text>']]));
    expect(asBytes).toBe(asText);
    expect(asBytes).toContain('😀');
    expect(asBytes).toContain('½');
    expect(asBytes).toContain('\u007f');
  });
});
