import { describe, expect, it } from 'vitest';
import { aq } from '../../src/index.ts';
import { ColumnCache, dropUnreadCaches } from '../../src/analyze/column-cache.ts';
import { groupRowsOfColumn } from '../../src/analyze/columns.ts';

describe('ColumnCache', () => {
  it('keeps what the last round read or made, and drops the rest', () => {
    const cache = new ColumnCache<object, string>();
    const [read, made, unread] = [{}, {}, {}];
    cache.set(read, 'read');
    cache.set(unread, 'unread');
    dropUnreadCaches(); // a round ends: all three were made in it
    expect(cache.get(read)).toBe('read');
    cache.set(made, 'made');
    dropUnreadCaches();
    expect(cache.get(read)).toBe('read');
    expect(cache.get(made)).toBe('made');
    expect(cache.get(unread)).toBeUndefined();
    expect(cache.has(unread)).toBe(false);
  });

  it('counts what it drops, once', () => {
    const cache = new ColumnCache<object, number>();
    const keys = [{}, {}, {}];
    keys.forEach((key, i) => cache.set(key, i));
    dropUnreadCaches();
    cache.get(keys[0]!);
    expect(dropUnreadCaches()).toBeGreaterThanOrEqual(2);
    expect(cache.get(keys[0]!)).toBe(0);
    expect(cache.get(keys[1]!)).toBeUndefined();
  });

  // An analysis whose cache was dropped makes it again: the same groups, a new array.
  it('gives the same groups of rows after they were dropped', () => {
    const articles = aq.table({ category: ['pd', 'ops', 'pd', 'ai', 'ops'] });
    const first = groupRowsOfColumn(articles, 'category');
    expect(groupRowsOfColumn(articles, 'category')).toBe(first);
    dropUnreadCaches();
    dropUnreadCaches(); // unread through a whole round
    const again = groupRowsOfColumn(articles, 'category');
    expect(again).not.toBe(first);
    expect([...again].map(([key, rows]) => [key, [...rows]])).toEqual([['pd', [0, 2]], ['ops', [1, 4]], ['ai', [3]]]);
  });
});
