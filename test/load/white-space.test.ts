import { describe, expect, it } from 'vitest';
import { isJsonSpace, trimmedRange, whiteSpaceAt, whiteSpaceBefore } from '../../src/load/formats/white-space.ts';

describe('white space in UTF-8 bytes', () => {
  it('is exactly what \\s matches, for every character of the Basic Multilingual Plane and a few beyond', () => {
    const codes = [...Array.from({ length: 0xd800 }, (_, c) => c), ...Array.from({ length: 0x10000 - 0xe000 }, (_, c) => c + 0xe000), 0x1f600, 0x20000];
    let spaces = 0;
    for (const code of codes) {
      const char = String.fromCodePoint(code);
      const bytes = Buffer.from(`a${char}b`);
      const width = bytes.length - 2;
      const expected = /\s/.test(char) ? width : 0;
      expect(whiteSpaceAt(bytes, 1, bytes.length), `U+${code.toString(16)}`).toBe(expected);
      expect(whiteSpaceBefore(bytes, 1 + width, 0), `U+${code.toString(16)} before`).toBe(expected);
      if (expected) spaces++;
    }
    expect(spaces).toBe(25); // the 25 characters of \s
  });

  it('never reads past the end: a white space character cut short is not one', () => {
    const ideographic = Buffer.from('\u3000');
    expect(whiteSpaceAt(ideographic, 0, 2)).toBe(0);
    expect(whiteSpaceAt(ideographic, 0, 3)).toBe(3);
    expect(whiteSpaceBefore(ideographic, 3, 1)).toBe(0);
  });

  it('trims bytes to what String.prototype.trim leaves of their text', () => {
    const texts = ['', ' ', '\u3000 标题 ', '\t\ufeff【推荐】产品\u00a0', '\u2003a b\u2009', 'a', ' \u3000\u205f ', '标 题', '\u3001顿号\u3002', ' 😀 '];
    for (const text of texts) {
      const bytes = Buffer.from(`x${text}y`);
      const [start, end] = trimmedRange(bytes, 1, bytes.length - 1);
      expect(bytes.toString('utf8', start, end), JSON.stringify(text)).toBe(text.trim());
    }
  });

  it('takes JSON\'s four white space bytes between tokens', () => {
    const json = [...Array(256).keys()].filter(isJsonSpace);
    expect(json).toEqual([0x09, 0x0a, 0x0d, 0x20]);
  });
});
