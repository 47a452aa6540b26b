import { table } from 'arquero';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, tableToCsv, tableToCsvBytes, toCsv, toCsvRows } from '../../src/export/csv.ts';

describe('CSV', () => {
  it('quotes a field with a comma, a quote or a line break of either kind, and only then', () => {
    expect(csvField('plain 文本')).toBe('plain 文本');
    expect(csvField('')).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('lone\rreturn')).toBe('"lone\rreturn"');
  });

  it('reads back cell for cell, nulls empty, lists joined by |, formulas guarded', () => {
    const t = table({
      title: ['产品, "增长"', 'line\r\nbreak', '=HYPERLINK("x")', null],
      views: [1200, 0.5, Number.NaN, null],
      tags: [['AI', '增长'], [], ['a,b'], null],
    });
    const text = tableToCsv(t);
    expect(text.endsWith('\n')).toBe(true);
    expect(parse(text)).toEqual([
      ['title', 'views', 'tags'],
      ['产品, "增长"', '1200', 'AI|增长'],
      ['line\r\nbreak', '0.5', ''],
      ["'=HYPERLINK(\"x\")", '', 'a,b'],
      ['', '', ''],
    ]);
  });

  it('writes rows the same as a table, and rows without a header for a file written in pieces', () => {
    const rows = [{ tag: '=1+1', count: 3 }, { tag: '运营', count: null }];
    expect(toCsv(rows, ['tag', 'count'])).toBe("tag,count\n'=1+1,3\n运营,\n");
    expect(toCsv(rows, ['tag', 'count'])).toBe(tableToCsv(table({ tag: ['=1+1', '运营'], count: [3, null] })));
    expect(toCsv([], ['tag', 'count']) + toCsvRows(rows, ['tag', 'count'])).toBe(toCsv(rows, ['tag', 'count']));
    expect(toCsvRows([], ['tag'])).toBe('');
  });

  it('writes a table\'s bytes as the rows\' text: numbers as JavaScript writes them, every kind of cell', () => {
    const columns = {
      n: [0, -0, 7, -3, 1.5, 1e15, 123456789012345, 1e21, 2 ** 53, 0.1 + 0.2, -1e-7, Infinity],
      text: ['a', '"q"', 'x\ny', '', '=1', '\ud800 lone', '运营', null, undefined, 'b,c', ' sp ', '@x'],
      flag: [true, false, null, true, false, true, true, false, true, false, true, false],
      when: [new Date(Date.UTC(2024, 0, 2)), null, null, null, null, null, null, null, null, null, null, null],
      list: [['a', 'b'], [], null, ['=x'], ['产品'], null, null, null, null, null, null, ['|']],
    };
    const t = table(columns);
    const rows = Array.from({ length: 12 }, (_, i) => Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, values[i]])));
    const bytes = tableToCsvBytes(t);
    // The file's bytes: a lone surrogate is U+FFFD in both, as Node writes a string as UTF-8.
    expect(Buffer.from(bytes).equals(Buffer.from(toCsv(rows, Object.keys(columns)), 'utf8'))).toBe(true);
    expect(Buffer.from(bytes).toString()).toContain('1000000000000000,\ufffd lone,true');
  });
});
