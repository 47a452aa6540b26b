import { describe, expect, it } from 'vitest';
import { batchFromRecords } from '../../src/load/table/batch.ts';
import { tableFromBatches } from '../../src/load/table/batch-table.ts';
import { columnData } from '../../src/load/table/table-columns.ts';
import { record } from '../helpers/articles.ts';

describe('tableFromBatches', () => {
  const records = Array.from({ length: 12 }, (_, i) => record({ id: 100 + i, views: 10 * i, authorId: i % 3 ? i : null, tags: i % 2 ? ['初级', `T${i % 3}`] : ['3年'], author: `作者${i % 4}`, published: `2024-0${1 + (i % 9)}-1${i % 10}` }));
  const rows = (batches: ReturnType<typeof batchFromRecords>[]) => tableFromBatches(batches).articles.objects() as Record<string, unknown>[];

  it('gives the same table from one batch, from batches in id order, and from batches in any order', () => {
    const whole = rows([batchFromRecords(records)]);
    expect(rows([batchFromRecords(records.slice(0, 5)), batchFromRecords(records.slice(5))])).toEqual(whole);
    expect(rows([batchFromRecords(records.slice(7)), batchFromRecords(records.slice(0, 7).reverse())])).toEqual(whole);
    expect(whole.map((row) => row.id)).toEqual(records.map((r) => r.id));
    expect(whole[1]).toMatchObject({ level: '初级', topicTags: ['T1'], authorId: 1, collectRate: 0 });
    expect(whole[0]).toMatchObject({ experienceYears: 3, level: null, topicTags: [], authorId: null, collectRate: null });
  });

  it('keeps the copy with the most views of a duplicated id, the first on a tie', () => {
    const copy = { ...records[3]!, views: 1000, title: 'newer' };
    const tie = { ...records[4]!, title: 'second' };
    const built = tableFromBatches([batchFromRecords(records), batchFromRecords([copy, tie])]);
    expect(built.duplicates).toBe(2);
    expect(built.duplicatesWithDifferentStats).toBe(1);
    const byId = new Map((built.articles.objects() as Record<string, unknown>[]).map((row) => [row.id, row]));
    expect(byId.get(103)).toMatchObject({ views: 1000, title: 'newer' });
    expect(byId.get(104)).toMatchObject({ title: records[4]!.title });
  });

  it('appends later batches behind the first one\'s rows, and a second table from the same batch copies instead', () => {
    const head = batchFromRecords(records.slice(0, 5));
    const first = tableFromBatches([head, batchFromRecords(records.slice(5))]).articles;
    const firstRows = first.objects();
    expect(firstRows).toEqual(rows([batchFromRecords(records)]));
    // The white-box check that this test covers the in-place path: the views column is the head's buffer.
    expect(columnData(first.column('views')) instanceof Float64Array && (columnData(first.column('views')) as Float64Array).buffer).toBe(head.views.buffer);
    // Another table from the same head batch must not write over the first table's rows.
    const other = [record({ id: 900, views: 5, tags: ['X'] }), record({ id: 901, views: 6, tags: ['Y', 'Z'] })];
    const second = tableFromBatches([head, batchFromRecords(other)]).articles;
    expect(second.array('views')).toEqual([...records.slice(0, 5).map((r) => r.views), 5, 6]);
    expect(second.array('tags').slice(5)).toEqual([['X'], ['Y', 'Z']]);
    expect(first.objects()).toEqual(firstRows);
  });

  it('handles dates outside 1990–2100 (a MongoDB instant can give one)', () => {
    const odd = [record({ id: 1, published: '1970-01-01' }), record({ id: 2, published: '2024-05-06' }), record({ id: 3, published: '1970-01-01' })];
    const table = tableFromBatches([batchFromRecords(odd)]).articles;
    expect(table.array('published')).toEqual(['1970-01-01', '2024-05-06', '1970-01-01']);
    expect(table.array('month')).toEqual(['1970-01', '2024-05', '1970-01']);
    expect(table.array('weekday')).toEqual([4, 1, 4]);
  });
});

