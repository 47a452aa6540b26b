/**
 * Rewrites freshly parsed batches as one batch in which each file's rows are contiguous and sorted
 * by id (stable: equal ids keep their order, so which copy wins a tie does not change). The cache
 * stores that form, so an unchanged rerun of a large file finds its rows already in table order
 * and builds the table without sorting or copying (see tableFromParts).
 */
import { type ArticleBatch, BatchBuilder, textOf, type Utf8Builder, type Utf8Strings } from './batch.ts';
import { orderById } from './batch-table.ts';

/** Rows of a batch that one file parsed to. */
export interface FileRange {
  batch: number;
  first: number;
  count: number;
}

/**
 * One batch holding every file's rows, each file's sorted by id.
 * @param ranges per file, its rows in `batches`
 * @returns the batch and, per file, its one range in it (none for a file without rows)
 */
export function mergeFileBatches(batches: readonly ArticleBatch[], ranges: readonly FileRange[][]): { batch: ArticleBatch; ranges: FileRange[][] } {
  const textBytes = batches.reduce((sum, batch) => sum + Math.max(textOf(batch.title).bytes.length, textOf(batch.url).bytes.length, textOf(batch.brief).bytes.length), 0);
  const builder = new BatchBuilder(textBytes + 1024, batches.reduce((sum, batch) => sum + batch.n, 0) + 1024);
  const remaps = batches.map((batch) => ({
    category: batch.dict.category.map((value) => builder.dict.category.id(value)),
    categoryName: batch.dict.categoryName.map((value) => builder.dict.categoryName.id(value)),
    author: batch.dict.author.map((value) => builder.dict.author.id(value)),
    source: batch.dict.source.map((value) => builder.dict.source.id(value)),
    tags: batch.dict.tags.map((value) => builder.dict.tags.id(value)),
  }));
  const text = batches.map((batch) => ({ title: textOf(batch.title), url: textOf(batch.url), brief: textOf(batch.brief) }));
  const key = (remap: number[], k: number) => (k < 0 ? -1 : remap[k]!);
  const copyText = (strings: Utf8Strings, row: number, into: BatchBuilder['title']) => (into as Utf8Builder).pushBytes(strings.bytes, strings.offsets[row]!, strings.offsets[row + 1]!);
  const tags: number[] = [];
  const out: FileRange[][] = [];
  for (const fileRanges of ranges) {
    const count = fileRanges.reduce((sum, range) => sum + range.count, 0);
    const batchOf = new Int32Array(count);
    const rowOf = new Int32Array(count);
    const ids = new Float64Array(count);
    let at = 0;
    for (const range of fileRanges) {
      for (let k = 0; k < range.count; k++, at++) {
        batchOf[at] = range.batch;
        rowOf[at] = range.first + k;
        ids[at] = batches[range.batch]!.id[range.first + k]!;
      }
    }
    const first = builder.n;
    for (const index of orderById(ids)) {
      const b = batchOf[index]!;
      const row = rowOf[index]!;
      const batch = batches[b]!;
      const remap = remaps[b]!;
      tags.length = 0;
      for (let k = batch.tagOffsets[row]!; k < batch.tagOffsets[row + 1]!; k++) tags.push(remap.tags[batch.tagIds[k]!]!);
      builder.pushRow({
        id: batch.id[row]!, views: batch.views[row]!, comments: batch.comments[row]!, collects: batch.collects[row]!,
        authorId: batch.authorId[row]!, readingMinutes: batch.readingMinutes[row]!, bodyChars: batch.bodyChars[row]!, images: batch.images[row]!,
        published: batch.published[row]!, category: key(remap.category, batch.category[row]!), categoryName: key(remap.categoryName, batch.categoryName[row]!),
        author: key(remap.author, batch.author[row]!), source: key(remap.source, batch.source[row]!),
      }, tags, tags.length);
      copyText(text[b]!.title, row, builder.title);
      copyText(text[b]!.url, row, builder.url);
      copyText(text[b]!.brief, row, builder.brief);
    }
    out.push(builder.n > first ? [{ batch: 0, first, count: builder.n - first }] : []);
  }
  return { batch: builder.done(), ranges: out };
}
