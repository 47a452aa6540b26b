import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { columnValues, ColumnsBuilder, groupRowsOfColumn, keyCounts, numberColumn, rowsWithKey, sumAt } from '../../src/analyze/columns.ts';
import { LaidOutGroups } from '../../src/analyze/leaderboard.ts';
import { DictionaryColumn, ListColumn } from '../../src/load/table/table-columns.ts';
import { groupCounts, summarizeGroups } from '../../src/analyze/kernels.ts';
import { articleTable, record } from '../helpers/articles.ts';

describe('summarizeGroups', () => {
  const table = articleTable([
    record({ views: 100, collects: 10, tags: ['AI', '初级'], published: '2024-01-03' }),
    record({ views: 300, collects: 3, tags: ['AI'], published: '2024-01-20' }),
    record({ views: 200, collects: 0, tags: ['AI', 'B端'], published: '2024-02-01' }),
    record({ views: 0, collects: 0, tags: ['B端'], published: '2024-02-02' }),
    record({ views: 50, collects: 5, tags: [], published: '2024-02-03' }),
  ]);

  it('explodes tags: count, median views and collects over views per tag', () => {
    expect(summarizeGroups(table, 'tags')).toEqual([
      { key: 'AI', count: 3, medianViews: 200, collectRate: 13 / 600 },
      { key: 'B端', count: 2, medianViews: 100, collectRate: 0 },
      { key: '初级', count: 1, medianViews: 100, collectRate: 0.1 },
    ]);
    expect(summarizeGroups(table, 'tags', 2).map((g) => g.key)).toEqual(['AI', 'B端']);
  });

  it('groups by a text column, and gives the same answer on a filtered table (plain arrays)', () => {
    expect(summarizeGroups(table, 'month')).toEqual([
      { key: '2024-01', count: 2, medianViews: 200, collectRate: 13 / 400 },
      { key: '2024-02', count: 3, medianViews: 50, collectRate: 5 / 250 },
    ]);
    const filtered = table.filter((d: { views: number }) => d.views > 0);
    expect(summarizeGroups(filtered, 'tags')).toEqual([
      { key: 'AI', count: 3, medianViews: 200, collectRate: 13 / 600 },
      { key: 'B端', count: 1, medianViews: 200, collectRate: 0 },
      { key: '初级', count: 1, medianViews: 100, collectRate: 0.1 },
    ]);
  });
});

describe('groupCounts', () => {
  const table = articleTable([
    record({ tags: ['AI', '初级'], category: 'pd' }),
    record({ tags: ['B端', 'AI'], category: 'operate' }),
    record({ tags: ['B端'], category: 'pd' }),
    record({ tags: [], category: 'pd' }),
    record({ tags: ['A'], category: 'operate' }),
  ]);

  it('counts rows per key, most first, ties by key in code-point order; keys no row carries are left out', () => {
    expect(groupCounts(table, 'tags')).toEqual([{ key: 'AI', count: 2 }, { key: 'B端', count: 2 }, { key: 'A', count: 1 }, { key: '初级', count: 1 }]);
    expect(groupCounts(table, 'category')).toEqual([{ key: 'pd', count: 3 }, { key: 'operate', count: 2 }]);
    expect(groupCounts(table.filter((d: { category: string }) => d.category === 'operate'), 'tags'))
      .toEqual([{ key: 'A', count: 1 }, { key: 'AI', count: 1 }, { key: 'B端', count: 1 }]);
  });
});

describe('summarizeGroups with fractional views', () => {
  it('keeps fractions (views that are not all integers are grouped as doubles)', () => {
    const table = articleTable([
      record({ views: 10.5, collects: 1, tags: ['A'] }),
      record({ views: 3_000_000_000, collects: 0, tags: ['A'] }),
      record({ views: 2.25, collects: 1, tags: ['A', 'B'] }),
    ]);
    expect(summarizeGroups(table, 'tags')).toEqual([
      { key: 'A', count: 3, medianViews: 10.5, collectRate: 2 / 3_000_000_012.75 },
      { key: 'B', count: 1, medianViews: 2.25, collectRate: 1 / 2.25 },
    ]);
  });
});

describe('groupRowsOfColumn and numberColumn', () => {
  const table = articleTable([
    record({ id: 1, views: 10, tags: ['B端', 'AI'], authorId: null }),
    record({ id: 2, views: 20, tags: ['AI'], authorId: 5 }),
    record({ id: 3, views: 30, tags: [], authorId: 6 }),
    record({ id: 4, views: 40, tags: ['C', 'B端'], authorId: 5 }),
  ]);

  it('gives each tag its rows in row order, tags in order of their first row', () => {
    const groups = groupRowsOfColumn(table, 'tags');
    expect([...groups].map(([tag, rows]) => [tag, [...rows]])).toEqual([['B端', [0, 3]], ['AI', [0, 1]], ['C', [3]]]);
  });

  it('lists groups first met in the same row in the order of their numbers, not as the row lists them', () => {
    // Row 0 lists 数据 (number 2) before AI (0) and B端 (1): groups keep their numbers' order.
    const lists = aq.table({ tags: new ListColumn(Int32Array.of(0, 3, 4), Int32Array.of(2, 0, 1, 2), ['AI', 'B端', '数据']) });
    expect([...groupRowsOfColumn(lists, 'tags')].map(([tag, rows]) => [tag, [...rows]])).toEqual([['AI', [0]], ['B端', [0]], ['数据', [0, 1]]]);
  });

  it('reads a filtered or reordered table (row numbers of the view) and plain arrays the same way', () => {
    const filtered = table.filter((d: { views: number }) => d.views > 10);
    expect([...groupRowsOfColumn(filtered, 'tags')].map(([tag, rows]) => [tag, [...rows]])).toEqual([['AI', [0]], ['C', [2]], ['B端', [2]]]);
    const plain = aq.table({ tags: [['x'], [], ['y', 'x']] });
    expect([...groupRowsOfColumn(plain, 'tags')].map(([tag, rows]) => [tag, [...rows]])).toEqual([['x', [0, 2]], ['y', [2]]]);
  });

  it('groups a text column by its dictionary ids and a number column by its numbers, nulls in no group; a dictionary that repeats a value is read as text', () => {
    const text = aq.table({ category: new DictionaryColumn(Int32Array.of(1, 0, -1, 1), ['pd', '运营']) });
    expect([...groupRowsOfColumn(text, 'category')].map(([key, rows]) => [key, [...rows]])).toEqual([['运营', [0, 3]], ['pd', [1]]]);
    const repeated = aq.table({ category: new DictionaryColumn(Int32Array.of(0, 1, 0), ['pd', 'pd']) });
    expect([...groupRowsOfColumn(repeated, 'category')].map(([key, rows]) => [key, [...rows]])).toEqual([['pd', [0, 1, 2]]]);
    expect([...groupRowsOfColumn(aq.table({ month: ['2024-01', null, '2024-01'] }), 'month')].map(([key, rows]) => [key, [...rows]])).toEqual([['2024-01', [0, 2]]]);
    const months = aq.table({ month: new DictionaryColumn(Int32Array.of(0, 1, 2, 0), ['2024-05', '2024-01', '2024-04']) });
    expect([...groupRowsOfColumn(months, 'month', (month) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`)].map(([key, rows]) => [key, [...rows]]))
      .toEqual([['2024-Q2', [0, 2, 3]], ['2024-Q1', [1]]]);
    const years = aq.table({ year: Float64Array.of(2024, 2023, NaN, 2024) });
    expect([...groupRowsOfColumn(years, 'year')].map(([key, rows]) => [key, [...rows]])).toEqual([['2024', [0, 3]], ['2023', [1]]]);
    expect(groupCounts(years.filter((d: { year: number }) => d.year > 2023), 'year')).toEqual([{ key: '2024', count: 2 }]);
  });

  it('makes a table\'s groups once per key function, each function its own groups', () => {
    const months = aq.table({ month: new DictionaryColumn(Int32Array.of(0, 1, 2, 0), ['2024-05', '2024-01', '2024-04']) });
    const quarter = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
    const year = (month: string) => month.slice(0, 4);
    const byQuarter = groupRowsOfColumn(months, 'month', quarter);
    expect(groupRowsOfColumn(months, 'month', quarter)).toBe(byQuarter);
    expect([...groupRowsOfColumn(months, 'month', year)].map(([key, rows]) => [key, [...rows]])).toEqual([['2024', [0, 1, 2, 3]]]);
    expect([...groupRowsOfColumn(months, 'month')].map(([key, rows]) => [key, [...rows]])).toEqual([['2024-05', [0, 3]], ['2024-01', [1]], ['2024-04', [2]]]);
    expect(groupRowsOfColumn(months, 'month', quarter)).toBe(byQuarter);
    expect(groupRowsOfColumn(months, 'month')).toBe(groupRowsOfColumn(months, 'month'));
  });

  it('counts and finds one key\'s rows as the groups give them, before and after the groups are made', () => {
    // A dictionary value no row has (数据) is no key; a filtered view and plain arrays too.
    const lists = aq.table({ tags: new ListColumn(Int32Array.of(0, 2, 2, 3, 5), Int32Array.of(1, 0, 0, 0, 1), ['AI', 'B端', '数据']) });
    const cases: [aq.ColumnTable, string][] = [[table, 'tags'], [table.filter((d: { views: number }) => d.views > 10), 'tags'], [lists, 'tags'], [aq.table({ tags: [['x'], [], ['y', 'x', 'y']] }), 'tags'], [aq.table({ category: new DictionaryColumn(Int32Array.of(1, 0, -1, 1), ['pd', '运营']) }), 'category']];
    for (const [view, name] of cases) {
      const before = [...keyCounts(view, name)].sort();
      const found = (key: string) => [...rowsWithKey(view, name, key)];
      const keys = [...new Set([...before.map(([key]) => key), 'absent', '数据'])];
      const rowsBefore = keys.map(found);
      const groups = groupRowsOfColumn(view, name);
      expect(before).toEqual([...groups].map(([key, rows]) => [key, rows.length]).sort());
      expect(rowsBefore).toEqual(keys.map((key) => [...(groups.get(key) ?? [])]));
      expect(keys.map(found)).toEqual(rowsBefore);
    }
    expect([...keyCounts(lists, 'tags')]).toEqual([['AI', 3], ['B端', 2]]);
    expect([...rowsWithKey(lists, 'tags', 'AI')]).toEqual([0, 2, 3]);
  });

  it('reads number columns as Float64Arrays with NaN for null, copying only views that are not the table itself', () => {
    expect([...numberColumn(table, 'authorId')]).toEqual([NaN, 5, 6, 5]);
    expect(numberColumn(table, 'views')).toBe(numberColumn(table, 'views'));
    const ordered = table.orderby(aq.desc('views'));
    expect([...numberColumn(ordered, 'views')]).toEqual([40, 30, 20, 10]);
    expect([...numberColumn(aq.table({ x: [1, null, 3] }), 'x')]).toEqual([1, NaN, 3]);
    expect([...numberColumn(table, 'missing')]).toEqual([NaN, NaN, NaN, NaN]);
  });
});

describe('columnValues', () => {
  it('is the table\'s own array when its rows are its own, else the values of its rows in order', () => {
    const views = Float64Array.of(5, 1, 3);
    const names = ['c', 'a', 'b'];
    const board = aq.table({ views, names });
    expect(columnValues(board, 'views')).toBe(views);
    expect(columnValues(board, 'names')).toBe(names);
    const sorted = board.orderby('views');
    expect(Array.from(columnValues(sorted, 'names'))).toEqual(['a', 'b', 'c']);
    expect(Array.from(columnValues(board.filter((d: { views: number }) => d.views > 2), 'views'))).toEqual([5, 3]);
    // An article table's columns are not arrays: its array() gives them.
    const articles = articleTable([record({ views: 7 }), record({ views: 9 })]);
    expect(Array.from(columnValues(articles, 'views'))).toEqual([7, 9]);
  });
});

describe('ColumnsBuilder', () => {
  it('keeps a column of numbers only as a Float64Array, and any other as values with null where nothing was set', () => {
    const builder = new ColumnsBuilder(['tag', 'count', 'low', 'flag'], 3);
    builder.set(0, { tag: 'AI', count: 3, low: 0.25, flag: true, other: 'left out' });
    builder.set(1, { tag: '增长', count: 5, low: null });
    builder.set(2, { tag: 'B端', count: 1.5, low: 2 });
    builder.set(2, { count: 2 });
    const board = builder.table([2, 0, 1]);
    expect(board.column('count')).toBeInstanceOf(Float64Array);
    expect(board.objects()).toEqual([
      { tag: 'B端', count: 2, low: 2, flag: null },
      { tag: 'AI', count: 3, low: 0.25, flag: true },
      { tag: '增长', count: 5, low: null, flag: null },
    ]);
    expect(builder.columnsOf(['low', 'nothing'])).toEqual({ low: [0.25, null, 2] });
    // No rows: plain empty columns, as a table of no rows has (not an empty Float64Array for a text column).
    expect(new ColumnsBuilder(['tag', 'count'], 0).table([]).column('tag')).toEqual([]);
  });

  it('sets rows from records of one shape field by field, as set() does record by record', () => {
    const records = [{ tag: 'AI', count: 3, other: 'left out' }, { tag: '增长', count: null, other: 'x' }];
    const byRecord = new ColumnsBuilder(['tag', 'count', 'low'], 2);
    const byField = new ColumnsBuilder(['tag', 'count', 'low'], 2);
    records.forEach((record, row) => byRecord.set(row, record));
    byField.setEach(records);
    byField.setEach([{ count: 4 }, { count: 5 }]);
    expect(byRecord.table([0, 1]).objects()).toEqual([{ tag: 'AI', count: 3, low: null }, { tag: '增长', count: null, low: null }]);
    expect(byField.table([0, 1]).objects()).toEqual([{ tag: 'AI', count: 4, low: null }, { tag: '增长', count: 5, low: null }]);
  });

  it('takes a whole column of numbers as it is, and sets any other column row by row', () => {
    const builder = new ColumnsBuilder(['tag', 'count', 'low'], 3);
    builder.set(1, { tag: '增长', count: 'text first', low: 1 });
    const counts = Float64Array.of(3, 5, 1);
    builder.setColumn('count', counts);
    builder.setColumn('low', [0.5, null, 2]);
    builder.setColumn('tag', ['AI', '增长', 'B端']);
    builder.setColumn('nothing', [1, 2, 3]);
    expect(builder.columnsOf(['count'])).toEqual({ count: counts });
    expect(builder.columnsOf(['count']).count).toBe(counts);
    expect(builder.table([2, 0, 1]).objects()).toEqual([
      { tag: 'B端', count: 1, low: 2 },
      { tag: 'AI', count: 3, low: 0.5 },
      { tag: '增长', count: 5, low: null },
    ]);
  });
});

describe('LaidOutGroups', () => {
  it('slices each group of one array of rows, keyed by its number', () => {
    const groups = new LaidOutGroups(Int32Array.of(0, 2, 2, 5), Int32Array.of(4, 9, 1, 3, 7), (g) => `id${g}`);
    expect(groups.size).toBe(3);
    expect([...groups.rows(0)]).toEqual([4, 9]);
    expect([...groups.rows(1)]).toEqual([]);
    expect([...groups.rows(2)]).toEqual([1, 3, 7]);
    expect(groups.key(2)).toBe('id2');
  });

  it('counts and sums a group in place, as sumAt over its rows', () => {
    const groups = new LaidOutGroups(Int32Array.of(0, 2, 2, 5), Int32Array.of(4, 9, 1, 3, 7), (g) => `id${g}`);
    const column = Float64Array.from({ length: 10 }, (_, row) => row * 10 + 0.5);
    expect([0, 1, 2].map((g) => groups.count(g))).toEqual([2, 0, 3]);
    expect([0, 1, 2].map((g) => groups.sum(column, g))).toEqual([0, 1, 2].map((g) => sumAt(column, groups.rows(g))));
    expect(groups.sum(column, 2)).toBe(10.5 + 30.5 + 70.5);
    column[3] = Number.NaN;
    expect(groups.sum(column, 2)).toBeNaN();
  });
});
