/** The article table reads its columns as arquero does, faster for number columns, and keeps its class. */
import { ColumnTable } from 'arquero';
import { describe, expect, it } from 'vitest';
import { ArticleTable } from '../../src/load/table/article-table.ts';
import { columnData } from '../../src/load/table/table-columns.ts';
import { withCohortIndex } from '../../src/index.ts';
import { articleTable, record } from '../helpers/articles.ts';

describe('ArticleTable', () => {
  const records = Array.from({ length: 50 }, (_, i) => record({ views: (i * 37) % 11, collects: i % 3, tags: i % 2 ? ['AI', '增长'] : [], readingMinutes: i % 4 ? i : null, published: `2024-0${1 + (i % 9)}-15` }));
  const articles = withCohortIndex(articleTable(records));

  it('gives what arquero gives for every column, as arrays and typed arrays, filtered and ordered too', () => {
    expect(articles).toBeInstanceOf(ArticleTable);
    const filtered = articles.filter((d: { views: number }) => d.views > 4);
    const ordered = articles.orderby('views');
    for (const table of [articles, filtered, ordered]) {
      expect(table).toBeInstanceOf(ArticleTable);
      for (const name of table.columnNames()) {
        expect(table.array(name), name).toEqual(ColumnTable.prototype.array.call(table, name));
      }
      expect(Array.from(table.array('views', Float64Array))).toEqual(Array.from(ColumnTable.prototype.array.call(table, 'views', Float64Array)));
    }
    expect(filtered.array('views').every((v) => (v as number) > 4)).toBe(true);
    // The fixture holds every kind of column the fast paths read, nulls included.
    const kinds = new Set(articles.columnNames().map((name) => columnData(articles.column(name))?.constructor.name));
    for (const kind of ['Float64Array', 'NullableNumberColumn', 'DictionaryColumn']) expect(kinds).toContain(kind);
    expect(articles.array('readingMinutes')).toContain(null);
    expect(articles.array('categoryName')).toContain(null);
  });

  it('gives a new array each time', () => {
    const views = articles.array('views') as number[];
    views[0] = -1;
    expect(articles.array('views')[0]).not.toBe(-1);
  });
});
