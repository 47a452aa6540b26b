import { describe, expect, it } from 'vitest';
import { decimalText, formatValue } from '../../src/report/format-cell.ts';
import { seededRandom } from '../../src/stats/random.ts';

/** Numbers of every size a table shows, with many exact ties (x.5, x.005, x.0005) and negatives. */
function sampleNumbers(count: number): number[] {
  const random = seededRandom(7);
  const out = [0, -0, 0.5, 1.5, 2.5, -2.5, 0.005, 0.015, 0.125, 1.005, 999.5, 999.95, 9.995, 99999.5, 999999.5, 1e14 + 0.5, 0.0005, 0.00015, 0.9995, 0.99995, 1e-7, 2e21];
  for (let i = 0; i < count; i++) {
    let v = random() * 10 ** Math.floor(random() * 16 - 6);
    const kind = random();
    if (kind < 0.2) v = Math.round(v) + 0.5;
    else if (kind < 0.4) v = Math.round(v * 100) / 100 + 0.005;
    else if (kind < 0.55) v = Math.round(v * 1000) / 1000;
    else if (kind < 0.7) v = Math.round(v);
    out.push(random() < 0.3 ? -v : v);
  }
  return out;
}

describe('decimalText', () => {
  it('writes every number as Intl.NumberFormat en-US does, ties and percentages included', () => {
    const numbers = sampleNumbers(20_000);
    for (const decimals of [0, 1, 2, 3]) {
      for (const percent of [false, true]) {
        for (const grouping of [true, false]) {
          const intl = new Intl.NumberFormat('en-US', { ...(percent ? { style: 'percent' } : {}), minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouping });
          const differing = numbers.filter((v) => { const text = decimalText(v, decimals, percent, grouping); return text !== null && text !== intl.format(v); });
          expect(differing.map((v) => [v, decimalText(v, decimals, percent, grouping), intl.format(v)])).toEqual([]);
        }
      }
    }
  });

  it('leaves numbers written with an exponent to Intl', () => {
    expect(decimalText(1e-7, 2, false, true)).toBeNull();
    expect(decimalText(2e21, 0, false, true)).toBeNull();
    expect(formatValue(2e21, 'integer')).toBe('2,000,000,000,000,000,000,000');
    expect(formatValue(1e-7, 'percent', 2)).toBe('0.00%');
  });

  it('formats the cells of a table', () => {
    expect(formatValue(1234567.5, 'integer')).toBe('1,234,568');
    expect(formatValue(1.005, 'number', 2)).toBe('1.01');
    expect(formatValue(0.015, 'percent', 0)).toBe('2%');
    expect(formatValue(0.1234, 'percent', 1)).toBe('12.3%');
    expect(formatValue(12345.6789, 'pvalue')).toBe('12345.679');
    expect(formatValue(0.0004, 'pvalue')).toBe('<0.001');
    expect(formatValue(-0.001, 'number', 2)).toBe('-0.00');
    expect(formatValue(42, 'text')).toBe('42');
  });
});
