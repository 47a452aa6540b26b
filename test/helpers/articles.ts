/** Tiny article tables built in code, for analyses with hand-computed answers. */
import type { ColumnTable } from 'arquero';
import type { ArticleRecord } from '../../src/article.ts';
import { batchFromRecords } from '../../src/load/table/batch.ts';
import { tableFromBatches } from '../../src/load/table/batch-table.ts';

let nextId = 1;

/** One record with defaults; override any field. */
export function record(fields: Partial<ArticleRecord>): ArticleRecord {
  const id = fields.id ?? nextId++;
  const category = fields.category ?? 'pd';
  return {
    id, title: `t${id}`, author: 'A', authorId: 1, category, categoryName: null, published: '2024-01-15',
    views: 100, comments: 0, collects: 0, tags: [], url: `https://www.woshipm.com/${category}/${id}.html`, brief: null,
    readingMinutes: null, bodyChars: null, images: null, source: 'x.md', ...fields,
  };
}

/** An article table from records, built as the loader builds it (sorted by id; as-of defaults to the newest published date). */
export function articleTable(records: ArticleRecord[], asOf?: string): ColumnTable {
  return tableFromBatches([batchFromRecords(records)], asOf).articles;
}
