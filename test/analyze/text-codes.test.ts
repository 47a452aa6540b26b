/** A text column's distinct values and filled rows, read off its codes. */
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { distinctValues, rowsWithValue } from '../../src/analyze/text-codes.ts';
import { DictionaryColumn } from '../../src/load/table/table-columns.ts';

describe('distinctValues and rowsWithValue', () => {
  it('give the values rows hold (not a dictionary\'s unused ones), null when a row has none', () => {
    const table = aq.table({ category: new DictionaryColumn(Int32Array.of(2, -1, 2, 0), ['运营', '产品', '数据']) });
    expect(distinctValues(table, 'category').sort()).toEqual([null, '数据', '运营'].sort());
    expect(rowsWithValue(table, 'category')).toBe(3);
    const full = aq.table({ category: new DictionaryColumn(Int32Array.of(1, 0), ['运营', '产品']) });
    expect(distinctValues(full, 'category').sort()).toEqual(['产品', '运营']);
  });

  it('read a plain column, a filtered table and an absent column alike', () => {
    const plain = aq.table({ month: ['2024-03', null, '2024-01', '2024-03'], views: [1, 2, 3, 4] });
    expect(distinctValues(plain, 'month').sort()).toEqual(['2024-01', '2024-03', null]);
    expect(rowsWithValue(plain, 'month')).toBe(3);
    const filtered = plain.filter((d: { views: number }) => d.views > 2);
    expect(distinctValues(filtered, 'month').sort()).toEqual(['2024-01', '2024-03']);
    expect(rowsWithValue(filtered, 'month')).toBe(2);
    expect(distinctValues(plain, 'level')).toEqual([null]);
    expect(rowsWithValue(plain, 'level')).toBe(0);
  });
});
