/**
 * content-pulse/danfo: tables into danfo.js and back, and the example notebook that uses it.
 */
import { rmSync } from 'node:fs';
import { table } from 'arquero';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import danfoPivot from '../analyses/examples/danfo-pivot.ts';
import { fromDataFrame, toDataFrame } from '../src/danfo.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { type NotebookInput, prepareNotebookInput } from '../src/report/input.ts';
import type { TableCell } from '../src/report/notebook.ts';
import { medianOf } from '../src/stats/quantiles.ts';
import { hostileArchive } from './helpers/hostile.ts';

/** The table as plain columns, for comparing. */
function columns(t: ReturnType<typeof table>): Record<string, unknown[]> {
  return Object.fromEntries(t.columnNames().map((name) => [name, Array.from(t.array(name) as ArrayLike<unknown>)]));
}

describe('danfo.js round trip', () => {
  it('keeps every column type, list columns and empty values', () => {
    const original = table({
      id: [1, 2, 3],
      title: ['小红书运营', null, 'A "quoted", title'],
      views: [12000, 0, null],
      rate: [0.0125, null, 1],
      tags: [['AI', '产品'], [], null],
      smallSample: [true, false, null],
      published: ['2025-01-02', '2024-12-31', null],
    });
    const frame = toDataFrame(original);
    expect(frame.columns).toEqual(original.columnNames());
    expect(frame.shape).toEqual([3, 7]);
    const back = fromDataFrame(frame);
    expect(back.columnNames()).toEqual(original.columnNames());
    expect(columns(back)).toEqual(columns(original));
    expect(typeof back.get('views', 0)).toBe('number');
  });

  it('round-trips a loaded article table cell for cell', async () => {
    const archive = hostileArchive();
    try {
      const { articles } = await loadArticles([archive]);
      expect(columns(fromDataFrame(toDataFrame(articles)))).toEqual(columns(articles));
    } finally {
      rmSync(archive, { recursive: true, force: true });
    }
  });
});

describe('the danfo.js example notebook', () => {
  let input: NotebookInput;
  let archive: string;
  beforeAll(async () => {
    archive = hostileArchive();
    input = prepareNotebookInput(await loadArticles([archive]));
  });
  afterAll(() => rmSync(archive, { recursive: true, force: true }));

  it('shows median views by category × year, as computed directly', () => {
    const nb = danfoPivot(input);
    const cell = nb.cells.find((c): c is TableCell => c.kind === 'table')!;
    const rows = cell.table.objects() as Record<string, number | string>[];
    const categories = [...new Set(input.articles.array('category') as string[])].sort();
    expect(rows.map((r) => r.category)).toEqual(categories);
    const years = new Set(input.articles.array('year') as number[]);
    for (const row of rows) {
      for (const year of years) {
        const views = (input.articles.objects() as { category: string; year: number; views: number }[]).filter((a) => a.category === row.category && a.year === year).map((a) => a.views);
        const expected = medianOf(views);
        expect(row[String(year)] ?? null).toBe(expected);
      }
    }
  });
});
