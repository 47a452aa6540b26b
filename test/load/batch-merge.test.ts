import { describe, expect, it } from 'vitest';
import { batchFromRecords, recordsOfBatch } from '../../src/load/table/batch.ts';
import { mergeFileBatches } from '../../src/load/table/batch-merge.ts';
import { record } from '../helpers/articles.ts';

describe('mergeFileBatches', () => {
  it('puts each file\'s rows together in id order, in file order, with one dictionary', () => {
    // Two batches with their own dictionaries (tags, authors, categories in different orders).
    const first = [
      record({ id: 5, tags: ['甲', '乙'], author: '作者一', category: 'pd', title: '五' }),
      record({ id: 7, tags: ['乙'], author: null, category: 'ai', brief: '简介' }),
      record({ id: 4, tags: ['丙'], author: '作者一' }), // with the next: a file whose rows are out of id order
      record({ id: 3, tags: ['甲'], author: '作者三', title: 'x'.repeat(200) }),
      record({ id: 9, tags: [], author: '作者二', categoryName: 'Ai', category: 'ai', title: '九九' }),
    ];
    const second = [
      record({ id: 2, tags: ['丙', '甲'], author: '作者三', category: 'operate' }),
      record({ id: 8, tags: ['丁'], author: '作者一', readingMinutes: 7, bodyChars: 120, images: 2 }),
      record({ id: 1, tags: [], author: null }),
    ];
    const batches = [batchFromRecords(first), batchFromRecords(second)];
    // Files: A = first[0..1] (in id order), C = first[2..3] (out of order: sorted), B = first[4]
    // (one row, a run starting inside the batch), D = no rows, E = second[0..1] (in order),
    // F = second[2] (one row, joins E's run).
    const ranges = [
      [{ batch: 0, first: 0, count: 2 }],
      [{ batch: 0, first: 2, count: 2 }],
      [{ batch: 0, first: 4, count: 1 }],
      [],
      [{ batch: 1, first: 0, count: 2 }],
      [{ batch: 1, first: 2, count: 1 }],
    ];
    const merged = mergeFileBatches(batches, ranges);
    const expected = [first[0], first[1], first[3], first[2], first[4], second[0], second[1], second[2]];
    expect(recordsOfBatch(merged.batch)).toEqual(expected.map((r) => ({ ...r, brief: r!.brief ?? null })));
    expect(merged.ranges).toEqual([
      [{ batch: 0, first: 0, count: 2 }], [{ batch: 0, first: 2, count: 2 }], [{ batch: 0, first: 4, count: 1 }], [],
      [{ batch: 0, first: 5, count: 2 }], [{ batch: 0, first: 7, count: 1 }],
    ]);
  });
});
