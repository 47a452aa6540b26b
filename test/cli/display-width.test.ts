import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/display-width.ts';

describe('displayWidth', () => {
  it('counts printable ASCII by its length and a Chinese character as two cells', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('medianViews')).toBe(11);
    expect(displayWidth('AI 产品')).toBe(7);
    expect(displayWidth('产品经理的成长')).toBe(14);
  });

  it('agrees with string-width on text beyond printable ASCII', () => {
    for (const text of ['café', 'ＡＢＣ', '👍 good', 'tab\there', '\u001b[31mred\u001b[0m', 'é', 'a\u200bb', '~ascii~']) {
      expect(displayWidth(text), text).toBe(stringWidth(text));
    }
  });
});
