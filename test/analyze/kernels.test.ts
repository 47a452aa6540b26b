import { describe, expect, it } from 'vitest';
import { summarizeGroups } from '../../src/analyze/kernels.ts';
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
