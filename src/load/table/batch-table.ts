/**
 * Batches → the article table: one row per article id (the copy with the most views; on a tie the
 * first in input order), sorted by id, with the derived columns of derive.ts (the as-of date is a
 * parameter because the archive does not record when it was scraped). Works on the batches'
 * arrays: no object per article, text stays dictionary keys or UTF-8 until read.
 */
import type { ColumnTable } from 'arquero';
import { ArticleTable } from './article-table.ts';
import { ARTICLE_COLUMNS } from '../../article.ts';
import { deriveColumns, once } from '../derive.ts';
import { type ArticleBatch, Dictionary, isoFromCode } from './batch.ts';
import { orderById } from './order-by-id.ts';
import { type ColumnData, DictionaryColumn, LazyColumn, ListColumn, NullableNumberColumn, Utf8Column } from './table-columns.ts';

export interface BatchTable {
  articles: ColumnTable;
  asOf: string | null;
  duplicates: number;
  duplicateIds: number;
  duplicatesWithDifferentStats: number;
}

/** Rows first..first+count-1 of a batch. */
export interface BatchPart {
  batch: ArticleBatch;
  first: number;
  count: number;
}

/**
 * The batches with only some of their fields, and the parts over them: what one column's builder
 * reads (see tableFromParts).
 */
interface BatchFields {
  batches: ArticleBatch[];
  parts: BatchPart[];
}

/** The fields each column's builder reads of the batches (see tableFromParts). */
const COLUMN_FIELDS: [string, (keyof ArticleBatch)[]][] = [
  ...(['id', 'views', 'comments', 'collects', 'authorId', 'readingMinutes', 'bodyChars', 'images', 'published'] as const).map((field): [string, (keyof ArticleBatch)[]] => [field, [field]]),
  ...(['author', 'category', 'categoryName', 'source'] as const).map((field): [string, (keyof ArticleBatch)[]] => [field, [field, 'dict']]),
  ['tags', ['tagOffsets', 'tagIds', 'dict']],
];

/** The batches with only these fields (and each one's row count and room), and the parts over them. */
function batchFields(batches: readonly ArticleBatch[], parts: readonly BatchPart[], fields: readonly (keyof ArticleBatch)[]): BatchFields {
  const only = new Map<ArticleBatch, ArticleBatch>();
  for (const batch of batches) {
    const some: Partial<ArticleBatch> = { n: batch.n, ...(batch.spareCapacity ? { spareCapacity: true as const } : {}) };
    for (const field of fields) (some as Record<string, unknown>)[field] = batch[field];
    only.set(batch, some as ArticleBatch);
  }
  return { batches: [...only.values()], parts: parts.map((part) => ({ batch: only.get(part.batch)!, first: part.first, count: part.count })) };
}

/** Buffers a table has already appended rows to (see concatParts): never twice. */
const extendedBuffers = new WeakSet<ArrayBufferLike>();

/**
 * Whether a builder's array has unused room behind it for `length` values that no table has
 * taken yet. Appending there spares new memory: on this machine fresh memory costs ~3 ms per MB,
 * so copying a million-row column into a new array costs more than the copy itself.
 */
function hasRoom(batch: ArticleBatch, array: Float64Array | Int32Array, length: number): boolean {
  return batch.spareCapacity === true && array.byteOffset === 0 && array.buffer.byteLength / array.BYTES_PER_ELEMENT >= length && !extendedBuffers.has(array.buffer);
}

/** A part that is all of its batch's rows: what lies behind them is then no part's rows. */
function wholeBatch(part: BatchPart): boolean {
  return part.first === 0 && part.count === part.batch.n;
}

/** The array widened over its room to `length` values (see hasRoom); its buffer is taken. */
function widened<A extends Float64Array | Int32Array>(array: A, length: number): A {
  extendedBuffers.add(array.buffer);
  const View = array.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => A;
  return new View(array.buffer, 0, length);
}

/**
 * Concatenation of one column over the parts; when the first part starts a builder's batch with
 * room behind it, the other parts are appended there (see hasRoom).
 */
function concatParts<A extends Float64Array | Int32Array>(parts: readonly BatchPart[], pick: (batch: ArticleBatch) => A, create: (length: number) => A): A {
  const head = parts[0];
  if (!head) return create(0);
  if (parts.length === 1 && head.first === 0 && head.count === head.batch.n) return pick(head.batch);
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  const first = pick(head.batch);
  const inPlace = wholeBatch(head) && hasRoom(head.batch, first, total);
  const out = inPlace ? widened(first, total) : create(total);
  let at = inPlace ? head.count : 0;
  for (const part of inPlace ? parts.slice(1) : parts) {
    out.set(pick(part.batch).subarray(part.first, part.first + part.count), at);
    at += part.count;
  }
  return out;
}

function concatNumbers(parts: readonly BatchPart[], pick: (batch: ArticleBatch) => Float64Array): Float64Array {
  return concatParts(parts, pick, (length) => new Float64Array(length));
}

/** True when ids increase strictly through the parts: no duplicates, already in id order. */
function idsIncrease(parts: readonly BatchPart[]): boolean {
  let previous = -Infinity;
  for (const part of parts) {
    const ids = part.batch.id;
    for (let k = part.first; k < part.first + part.count; k++) {
      const id = ids[k]!;
      if (!(id > previous)) return false;
      previous = id;
    }
  }
  return true;
}

/**
 * Builds the article table from whole batches in input order.
 * @param asOf `YYYY-MM-DD` ages are measured to; default the newest published date
 */
export function tableFromBatches(batches: readonly ArticleBatch[], asOf?: string): BatchTable {
  return tableFromParts(batches.map((batch) => ({ batch, first: 0, count: batch.n })), asOf);
}

/**
 * Builds the article table from row ranges of batches, in input order (the order decides which
 * copy of a duplicated id is kept on a tie).
 */
export function tableFromParts(partsGiven: readonly BatchPart[], asOf?: string): BatchTable {
  // Adjacent rows of one batch make one part (a cached archive of 100,000 files is then one part).
  const parts: BatchPart[] = [];
  for (const part of partsGiven) {
    const last = parts[parts.length - 1];
    if (last && last.batch === part.batch && last.first + last.count === part.first) parts[parts.length - 1] = { ...last, count: last.count + part.count };
    else if (part.count > 0) parts.push(part);
  }
  const batches = [...new Set(parts.map((part) => part.batch))];
  const batchIndex = new Map(batches.map((batch, b) => [batch, b]));
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  // Each column's builder takes (once) the batches with only the fields it reads, and no function
  // made here refers to a whole batch: once a column is built (a copy, where the rows of several
  // batches are joined), the arrays it was copied from are garbage. A million NDJSON articles read
  // by two threads: ~30 MB of the second batch's arrays, which a report otherwise held to its end.
  const sources = new Map<string, BatchFields>();
  for (const [name, fields] of COLUMN_FIELDS) sources.set(name, batchFields(batches, parts, fields));
  const take = (name: string): BatchFields => {
    const source = sources.get(name)!;
    sources.delete(name);
    return source;
  };
  // Concatenated columns, read when something needs them.
  const idsAll = once(() => concatNumbers(take('id').parts, (b) => b.id));
  const viewsAll = once(() => concatNumbers(take('views').parts, (b) => b.views));
  const commentsAll = once(() => concatNumbers(take('comments').parts, (b) => b.comments));
  const collectsAll = once(() => concatNumbers(take('collects').parts, (b) => b.collects));

  // Keep one row per id. Ids that already increase (a file sorted by id, split across workers; a
  // cache segment) have no duplicates and need no sort: the rows stay as they are.
  let m = total;
  let duplicates = 0;
  let duplicateIds = 0;
  let duplicatesWithDifferentStats = 0;
  let kept: Int32Array | undefined;
  if (!idsIncrease(parts)) {
    const ids = idsAll();
    const views = viewsAll();
    const comments = commentsAll();
    const collects = collectsAll();
    const order = orderById(ids);
    kept = new Int32Array(order.length);
    m = 0;
    for (let start = 0; start < order.length;) {
      const id = ids[order[start]!]!;
      let end = start + 1;
      while (end < order.length && ids[order[end]!] === id) end++;
      let best = order[start]!;
      for (let k = start + 1; k < end; k++) if (views[order[k]!]! > views[best]!) best = order[k]!;
      kept[m++] = best;
      if (end - start > 1) {
        duplicates += end - start - 1;
        duplicateIds++;
        for (let k = start; k < end; k++) {
          const row = order[k]!;
          if (views[row] !== views[best] || comments[row] !== comments[best] || collects[row] !== collects[best]) {
            duplicatesWithDifferentStats++;
            break;
          }
        }
      }
      start = end;
    }
  }
  // Concatenated row numbers of the table's rows, in table order.
  const rowsOf = once(() => {
    if (kept) return kept.subarray(0, m);
    const rows = new Int32Array(m);
    for (let r = 0; r < m; r++) rows[r] = r;
    return rows;
  });
  // One whole batch already in id order, no duplicates: the table's columns are the batch's own arrays.
  const single = parts.length === 1 && parts[0]!.first === 0 && parts[0]!.count === parts[0]!.batch.n;
  // Rows in concatenated order with none dropped: the concatenated columns are the table's columns.
  let inOrder = m === total;
  if (kept) for (let r = 0; inOrder && r < m; r++) inOrder = kept[r] === r;
  const identity = inOrder && single;

  // Where each concatenated row lives: its batch, and the row within that batch.
  const spans: { batch: number; first: number; count: number }[] = [];
  for (const part of parts) spans.push({ batch: batchIndex.get(part.batch)!, first: part.first, count: part.count });
  const location = once(() => {
    const batchOf = new Int32Array(total);
    const localOf = new Int32Array(total);
    let at = 0;
    for (const span of spans) {
      batchOf.fill(span.batch, at, at + span.count);
      for (let k = 0; k < span.count; k++) localOf[at + k] = span.first + k;
      at += span.count;
    }
    return { batchOf, localOf };
  });
  // Text values are numbered through the batches in order.
  const firstValue: number[] = [];
  let values = 0;
  for (const batch of batches) {
    firstValue.push(values);
    values += batch.n;
  }
  const batchRows = batches.map((batch) => batch.n);
  const texts = { title: batches.map((batch) => batch.title), url: batches.map((batch) => batch.url), brief: batches.map((batch) => batch.brief) };

  const gatherNumbers = (all: Float64Array): Float64Array => {
    if (inOrder) return all;
    const rows = rowsOf();
    const out = new Float64Array(m);
    for (let r = 0; r < m; r++) out[r] = all[rows[r]!]!;
    return out;
  };
  // Per-batch columns are gathered without concatenating them first.
  const gatherPerBatch = (field: 'authorId' | 'readingMinutes' | 'bodyChars' | 'images') => () => new NullableNumberColumn(gatherNumbersOf(take(field), (b) => b[field]));
  const gatherNumbersOf = ({ parts, batches }: BatchFields, pick: (batch: ArticleBatch) => Float64Array): Float64Array => {
    if (inOrder) return concatNumbers(parts, pick);
    const rows = rowsOf();
    const { batchOf, localOf } = location();
    const columns = batches.map(pick);
    const out = new Float64Array(m);
    for (let r = 0; r < m; r++) out[r] = columns[batchOf[rows[r]!]!]![localOf[rows[r]!]!]!;
    return out;
  };

  // Dictionary-encoded text: remap each batch's keys to one dictionary.
  const gatherKeys = (field: 'author' | 'category' | 'categoryName' | 'source') => () => keysOf(take(field).batches, (b) => b[field], (b) => b.dict[field]);
  const keysOf = (batches: readonly ArticleBatch[], pick: (batch: ArticleBatch) => Int32Array, dictOf: (batch: ArticleBatch) => string[]): DictionaryColumn => {
    if (identity) return new DictionaryColumn(pick(batches[0]!), dictOf(batches[0]!));
    const dictionary = new Dictionary();
    const remaps = batches.map((batch) => Int32Array.from(dictOf(batch), (value) => dictionary.id(value)));
    const columns = batches.map(pick);
    const rows = rowsOf();
    const { batchOf, localOf } = location();
    const keys = new Int32Array(m);
    for (let r = 0; r < m; r++) {
      const row = rows[r]!;
      const b = batchOf[row]!;
      const key = columns[b]![localOf[row]!]!;
      keys[r] = key < 0 ? -1 : remaps[b]![key]!;
    }
    return new DictionaryColumn(keys, dictionary.values);
  };

  const utf8 = (field: 'title' | 'url' | 'brief', trim: boolean, emptyIsNull: boolean) => (): Utf8Column => {
    const rows = rowsOf();
    if (identity) return new Utf8Column(texts[field], rows, batchRows, trim, emptyIsNull);
    const { batchOf, localOf } = location();
    const textIndex = new Int32Array(m);
    for (let r = 0; r < m; r++) textIndex[r] = firstValue[batchOf[rows[r]!]!]! + localOf[rows[r]!]!;
    return new Utf8Column(texts[field], textIndex, batchRows, trim, emptyIsNull);
  };

  // Published dates as yyyymmdd, in table order. The newest (the default as-of date, part of every
  // load's result) is read from the batches directly.
  const published = once((): Int32Array => {
    const { batches, parts } = take('published');
    if (identity) return batches[0]!.published;
    if (inOrder) return concatParts(parts, (b) => b.published, (length) => new Int32Array(length));
    const rows = rowsOf();
    const { batchOf, localOf } = location();
    const out = new Int32Array(m);
    for (let r = 0; r < m; r++) out[r] = batches[batchOf[rows[r]!]!]!.published[localOf[rows[r]!]!]!;
    return out;
  });
  let newest = -1;
  for (const part of parts) {
    const codes = part.batch.published;
    for (let k = part.first; k < part.first + part.count; k++) if (codes[k]! > newest) newest = codes[k]!;
  }
  const resolvedAsOf = asOf ?? (m > 0 ? isoFromCode(newest) : null);

  const views = once(() => gatherNumbers(viewsAll()));
  const collects = once(() => gatherNumbers(collectsAll()));
  const comments = once(() => gatherNumbers(commentsAll()));
  // Tags: one dictionary, lists gathered in table order.
  const tags = once(() => {
    const { batches, parts } = take('tags');
    const batchIndex = new Map(batches.map((batch, b) => [batch, b]));
    if (identity) return new ListColumn(batches[0]!.tagOffsets, batches[0]!.tagIds, batches[0]!.dict.tags);
    const tagDictionary = new Dictionary();
    const tagRemaps = batches.map((batch) => Int32Array.from(batch.dict.tags, (tag) => tagDictionary.id(tag)));
    if (inOrder) {
      // Rows in order: each part's lists are copied in one run. The first batch's dictionary ids
      // stay as they are (its values come first in the merged dictionary), so when it has room,
      // its lists stay in place and the others are appended (see hasRoom).
      let count = 0;
      for (const part of parts) count += part.batch.tagOffsets[part.first + part.count]! - part.batch.tagOffsets[part.first]!;
      const head = parts[0]!;
      const inPlace = wholeBatch(head) && hasRoom(head.batch, head.batch.tagOffsets, m + 1) && hasRoom(head.batch, head.batch.tagIds, count);
      const offsets = inPlace ? widened(head.batch.tagOffsets, m + 1) : new Int32Array(m + 1);
      const ids = inPlace ? widened(head.batch.tagIds, count) : new Int32Array(count);
      let r = inPlace ? head.count : 0;
      let at = inPlace ? offsets[r]! : 0;
      for (const part of inPlace ? parts.slice(1) : parts) {
        const { tagOffsets, tagIds } = part.batch;
        const remap = tagRemaps[batchIndex.get(part.batch)!]!;
        const base = tagOffsets[part.first]!;
        for (let k = 0; k < part.count; k++) offsets[++r] = at + tagOffsets[part.first + k + 1]! - base;
        for (let k = base; k < tagOffsets[part.first + part.count]!; k++) ids[at++] = remap[tagIds[k]!]!;
      }
      return new ListColumn(offsets, ids, tagDictionary.values);
    }
    const rows = rowsOf();
    const { batchOf, localOf } = location();
    const offsets = new Int32Array(m + 1);
    let count = 0;
    for (let r = 0; r < m; r++) {
      const row = rows[r]!;
      const batch = batches[batchOf[row]!]!;
      const local = localOf[row]!;
      count += batch.tagOffsets[local + 1]! - batch.tagOffsets[local]!;
      offsets[r + 1] = count;
    }
    const ids = new Int32Array(count);
    for (let r = 0; r < m; r++) {
      const row = rows[r]!;
      const b = batchOf[row]!;
      const batch = batches[b]!;
      const local = localOf[row]!;
      const remap = tagRemaps[b]!;
      let at = offsets[r]!;
      for (let k = batch.tagOffsets[local]!; k < batch.tagOffsets[local + 1]!; k++) ids[at++] = remap[batch.tagIds[k]!]!;
    }
    return new ListColumn(offsets, ids, tagDictionary.values);
  });

  const derived = deriveColumns({ rows: m, asOf: resolvedAsOf, published, views, comments, collects, tags });
  const lazy = (make: () => ColumnData) => new LazyColumn(m, make);
  const columns: Record<string, unknown> = {
    id: lazy(() => gatherNumbers(idsAll())),
    title: lazy(utf8('title', true, false)),
    author: lazy(gatherKeys('author')),
    authorId: lazy(gatherPerBatch('authorId')),
    category: lazy(gatherKeys('category')),
    categoryName: lazy(gatherKeys('categoryName')),
    published: lazy(derived.published),
    views: lazy(views),
    comments: lazy(comments),
    collects: lazy(collects),
    tags: lazy(tags),
    url: lazy(utf8('url', false, false)),
    brief: lazy(utf8('brief', false, true)),
    readingMinutes: lazy(gatherPerBatch('readingMinutes')),
    bodyChars: lazy(gatherPerBatch('bodyChars')),
    images: lazy(gatherPerBatch('images')),
    collectRate: lazy(derived.collectRate),
    commentRate: lazy(derived.commentRate),
    ageDays: lazy(derived.ageDays),
    viewsPerDay: lazy(derived.viewsPerDay),
    percentileInAge: lazy(derived.percentileInAge),
    score: lazy(derived.score),
    level: lazy(derived.level),
    experienceYears: lazy(derived.experienceYears),
    topicTags: lazy(derived.topicTags),
    month: lazy(derived.month),
    year: lazy(derived.year),
    weekday: lazy(derived.weekday),
    source: lazy(gatherKeys('source')),
  };
  const ordered = Object.fromEntries(ARTICLE_COLUMNS.map((name) => [name, columns[name]]));
  return {
    articles: new ArticleTable(ordered as never),
    asOf: m > 0 ? resolvedAsOf : null,
    duplicates, duplicateIds, duplicatesWithDifferentStats,
  };
}
