/**
 * Rewrites freshly parsed batches as one batch in which each file's rows are contiguous and sorted
 * by id (stable: equal ids keep their order, so which copy wins a tie does not change). The cache
 * stores that form, so an unchanged rerun of a large file finds its rows already in table order
 * and builds the table without sorting or copying (see tableFromParts). Text still in its source
 * file stays there: only its ranges are reordered.
 */
import { type ArticleBatch, BatchBuilder, newBatchRow, textOf, type Utf8Builder, type Utf8Strings } from './batch.ts';
import { orderById } from './order-by-id.ts';
import { sameFile, type SourceText, type SourceTextBuilder } from './source-text.ts';

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
  const rowsIn = batches.reduce((sum, batch) => sum + batch.n, 0);
  // Text still in one source file stays there (ranges are reordered, no bytes read or copied).
  const source = sharedSource(batches);
  const textBytes = source ? 0 : batches.reduce((sum, batch) => sum + Math.max(textOf(batch.title).bytes.length, textOf(batch.url).bytes.length, textOf(batch.brief).bytes.length), 0);
  const builder = new BatchBuilder(textBytes + 1024, rowsIn + 1024, source);
  const remaps = batches.map((batch) => ({
    category: batch.dict.category.map((value) => builder.dict.category.id(value)),
    categoryName: batch.dict.categoryName.map((value) => builder.dict.categoryName.id(value)),
    author: batch.dict.author.map((value) => builder.dict.author.id(value)),
    source: batch.dict.source.map((value) => builder.dict.source.id(value)),
    tags: batch.dict.tags.map((value) => builder.dict.tags.id(value)),
  }));
  const key = (remap: number[], k: number) => (k < 0 ? -1 : remap[k]!);
  const copyText = textCopier(batches, source !== undefined);
  const tags: number[] = [];
  const fields = newBatchRow(); // refilled for every row
  const copyRow = (b: number, row: number) => {
    const batch = batches[b]!;
    const remap = remaps[b]!;
    tags.length = 0;
    for (let k = batch.tagOffsets[row]!; k < batch.tagOffsets[row + 1]!; k++) tags.push(remap.tags[batch.tagIds[k]!]!);
    fields.id = batch.id[row]!; fields.views = batch.views[row]!; fields.comments = batch.comments[row]!; fields.collects = batch.collects[row]!;
    fields.authorId = batch.authorId[row]!; fields.readingMinutes = batch.readingMinutes[row]!; fields.bodyChars = batch.bodyChars[row]!; fields.images = batch.images[row]!;
    fields.published = batch.published[row]!; fields.category = key(remap.category, batch.category[row]!); fields.categoryName = key(remap.categoryName, batch.categoryName[row]!);
    fields.author = key(remap.author, batch.author[row]!); fields.source = key(remap.source, batch.source[row]!);
    builder.pushRow(fields, tags, tags.length);
    copyText(b, row, builder);
  };
  // Rows already in order are gathered into runs of consecutive rows of one batch and, with the
  // text in memory, appended as blocks (100,000 one-row markdown files: a few hundred runs).
  let run: FileRange | undefined;
  const flush = () => {
    if (!run) return;
    if (source) for (let row = run.first; row < run.first + run.count; row++) copyRow(run.batch, row);
    else builder.appendRows(batches[run.batch]!, run.first, run.count, remaps[run.batch]!);
    run = undefined;
  };
  const out: FileRange[][] = [];
  let emitted = 0; // rows placed so far, appended or waiting in the run
  for (const fileRanges of ranges) {
    const first = emitted;
    if (inIdOrder(batches, fileRanges)) {
      for (const range of fileRanges) {
        if (range.count === 0) continue;
        if (run && run.batch === range.batch && run.first + run.count === range.first) run.count += range.count;
        else {
          flush();
          run = { ...range };
        }
        emitted += range.count;
      }
    } else {
      flush();
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
      for (const index of orderById(ids)) copyRow(batchOf[index]!, rowOf[index]!);
      emitted += count;
    }
    out.push(emitted > first ? [{ batch: 0, first, count: emitted - first }] : []);
  }
  flush();
  return { batch: builder.done(), ranges: out };
}

/** Whether a file's rows already come in id order (equal ids in input order: what the stable sort gives). */
function inIdOrder(batches: readonly ArticleBatch[], fileRanges: readonly FileRange[]): boolean {
  let previous = -Infinity;
  for (const range of fileRanges) {
    const ids = batches[range.batch]!.id;
    for (let row = range.first; row < range.first + range.count; row++) {
      if (!(ids[row]! >= previous)) return false;
      previous = ids[row]!;
    }
  }
  return true;
}

/** The source file all the batches' text is still in, if it is one and the same. */
function sharedSource(batches: readonly ArticleBatch[]): { path: string; size: number; mtimeMs: number } | undefined {
  const texts = batches.flatMap((batch) => [batch.title, batch.url, batch.brief]);
  const first = texts[0];
  if (!first || typeof first === 'function' || !('kind' in first)) return undefined;
  const same = texts.every((text) => typeof text !== 'function' && 'kind' in text && sameFile(text, first));
  return same ? { path: first.path, size: first.size, mtimeMs: first.mtimeMs } : undefined;
}

/** Copies one row's title, URL and brief into the builder: as source ranges, or as bytes. */
function textCopier(batches: readonly ArticleBatch[], asRanges: boolean): (b: number, row: number, into: BatchBuilder) => void {
  const columns = ['title', 'url', 'brief'] as const;
  if (asRanges) {
    const sources = batches.map((batch) => columns.map((column) => batch[column] as SourceText));
    const decoders = sources.map((texts) => texts.map((text) => Buffer.from(text.side.bytes.buffer, text.side.bytes.byteOffset, text.side.bytes.byteLength)));
    const copy = (b: number, c: number, row: number, target: SourceTextBuilder) => {
      const text = sources[b]![c]!;
      const length = text.lengths[row]!;
      if (length >= 0) target.pushRange(text.starts[row]!, length);
      else target.push(decoders[b]![c]!.toString('utf8', text.side.offsets[-length - 1]!, text.side.offsets[-length]!));
    };
    return (b, row, into) => {
      copy(b, 0, row, into.title as SourceTextBuilder);
      copy(b, 1, row, into.url as SourceTextBuilder);
      copy(b, 2, row, into.brief as SourceTextBuilder);
    };
  }
  const strings = batches.map((batch) => columns.map((column) => textOf(batch[column])));
  const copy = (text: Utf8Strings, row: number, into: Utf8Builder) => into.pushBytes(text.bytes, text.offsets[row]!, text.offsets[row + 1]!);
  return (b, row, into) => {
    const [title, url, brief] = strings[b]! as [Utf8Strings, Utf8Strings, Utf8Strings];
    copy(title, row, into.title as Utf8Builder);
    copy(url, row, into.url as Utf8Builder);
    copy(brief, row, into.brief as Utf8Builder);
  };
}
