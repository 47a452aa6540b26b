/**
 * ArticleBatch: parsed records held as columns (typed arrays, dictionary-encoded text, UTF-8 byte
 * pools) instead of one object per record. A million records then cost a few arrays, can cross
 * worker threads without copying, and map one-to-one onto Arrow columns for the cache.
 */
import type { ArticleRecord } from '../../article.ts';
import type { CanonicalHeader } from '../formats/markdown-fast.ts';
import { Int32Builder, type Utf8Strings, Utf8Builder, withRoom } from './batch-text.ts';
import { filledPart, withHugePages } from '../native.ts';
import { readableTogether, readSourceText, readSourceTexts, type SourceText, SourceTextBuilder, sourceTextOffsets } from './source-text.ts';

export { type Utf8Strings, Utf8Builder } from './batch-text.ts';

/**
 * A text column: in memory, or left on disk until first read — in the source file (SourceText) or
 * in a cache file (a function that loads it).
 */
export type Text = Utf8Strings | SourceText | (() => Utf8Strings);

const sourceTextRead = new WeakMap<SourceText, Utf8Strings>();

/** The strings of a text column, reading them if needed (once). */
export function textOf(text: Text): Utf8Strings {
  if (typeof text === 'function') return text();
  if ('kind' in text) {
    let strings = sourceTextRead.get(text);
    if (!strings) {
      strings = readSourceText(text);
      sourceTextRead.set(text, strings);
    }
    return strings;
  }
  return text;
}

/**
 * textOf for several text columns: those still in one source file (a batch's title, URL and
 * brief) are read in one pass through it, not one pass each.
 * @example const [title, url, brief] = textsOf([batch.title, batch.url, batch.brief])
 */
export function textsOf(texts: readonly Text[]): Utf8Strings[] {
  const unread = texts.filter((text): text is SourceText => typeof text === 'object' && 'kind' in text && !sourceTextRead.has(text));
  const together = unread.filter((text) => readableTogether(text, unread[0]!));
  if (together.length > 1) readSourceTexts(together).forEach((strings, k) => sourceTextRead.set(together[k]!, strings));
  return texts.map(textOf);
}

/** A text column's strings placed in memory the caller gives (textPlacement). */
export interface TextPlacement {
  /** Bytes the strings take. */
  size: number;
  /** Reads text left in its source file straight into the room (kept there for later reads) or copies other text there. */
  into: (room: Uint8Array) => Utf8Strings;
  /**
   * Text left in its source file, for another thread to read into the room (readSourceText's
   * arguments, as readTextsInto takes them); `adopt` then keeps the room as this column's strings.
   */
  unread?: { text: SourceText; offsets: Int32Array; adopt: (room: Uint8Array) => Utf8Strings };
}

/**
 * A text column's strings placed in memory the caller gives (shared memory for worker threads,
 * say): `size` bytes, then `into(room)` reads or copies them there, or another thread reads them
 * (`unread`).
 * @example const placing = textPlacement(text); const strings = placing.into(new Uint8Array(placing.size))
 */
export function textPlacement(text: Text): TextPlacement {
  if (typeof text === 'object' && 'kind' in text && !sourceTextRead.has(text)) {
    const offsets = sourceTextOffsets(text);
    const adopt = (room: Uint8Array) => {
      const strings = { bytes: room, offsets };
      sourceTextRead.set(text, strings);
      return strings;
    };
    return {
      size: offsets[offsets.length - 1]!,
      into: (room) => adopt(readSourceText(text, offsets, room).bytes),
      unread: { text, offsets, adopt },
    };
  }
  const { bytes, offsets } = textOf(text);
  return {
    size: bytes.length,
    into: (room) => {
      room.set(bytes);
      return { bytes: room, offsets };
    },
  };
}

/** Parsed records as columns. Numbers that may be missing use NaN for null. */
export interface ArticleBatch {
  n: number;
  id: Float64Array;
  views: Float64Array;
  comments: Float64Array;
  collects: Float64Array;
  authorId: Float64Array;
  readingMinutes: Float64Array;
  bodyChars: Float64Array;
  images: Float64Array;
  /** Published day as the number yyyymmdd. */
  published: Int32Array;
  /** Keys into `dict.category` etc.; -1 is null. */
  category: Int32Array;
  categoryName: Int32Array;
  author: Int32Array;
  source: Int32Array;
  /** Tags of row i are tagIds[tagOffsets[i]..tagOffsets[i+1]] (keys into `dict.tags`). */
  tagOffsets: Int32Array;
  tagIds: Int32Array;
  /** Title as written (trim on reading); url; brief (empty = null). */
  title: Text;
  url: Text;
  brief: Text;
  dict: { category: string[]; categoryName: string[]; author: string[]; source: string[]; tags: string[] };
  /**
   * Set by BatchBuilder: each number, key and tag array starts its own buffer and the rest of
   * that buffer is unused capacity (a table may append other batches' rows there, see
   * batch-table.ts). Absent for batches read from a cache file, whose arrays share one buffer.
   */
  spareCapacity?: true;
}

// Arrays of text known to hold each value once: every Dictionary's values, and the dictionaries
// of a cache segment that says so. Read-only once made but for a Dictionary's own appends.
const knownDistinct = new WeakSet<readonly string[]>();

/**
 * Records that these values are all different, as known where they were read (a cache segment
 * that says so): valuesAreDistinct then needs no Set of them, which takes ~90 ms for the 160,000
 * author names of a million articles.
 */
export function markDistinct(values: readonly string[]): void {
  knownDistinct.add(values);
}

/**
 * Whether an array of text holds each value once: known for a Dictionary's values and marked
 * ones, else checked with a Set once per array (again should it have grown).
 * @example valuesAreDistinct(['a', 'b']) // true
 */
export function valuesAreDistinct(values: readonly string[]): boolean {
  if (knownDistinct.has(values)) return true;
  let checked = distinctChecked.get(values);
  if (checked?.length !== values.length) distinctChecked.set(values, (checked = { length: values.length, distinct: new Set(values).size === values.length }));
  return checked.distinct;
}

const distinctChecked = new WeakMap<readonly string[], { length: number; distinct: boolean }>();

/**
 * A string dictionary: each distinct value gets the next id, so its values are all different,
 * as they grow too (valuesAreDistinct knows it; cache segments record it).
 */
export class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  constructor() {
    markDistinct(this.values);
  }

  /** values[0..indexed) are in ids; later ones came through idOfFresh. */
  private indexed = 0;

  /** The id of a value (null → -1). */
  id(value: string | null): number {
    if (value === null) return -1;
    for (; this.indexed < this.values.length; this.indexed++) this.ids.set(this.values[this.indexed]!, this.indexed);
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
      this.indexed++;
    }
    return id;
  }

  /**
   * The id of a value this caller has not passed here before (it keeps its own index, e.g. by
   * bytes): found only among values that came through id(), else appended without indexing it.
   * A Map insertion per value was ~1 µs — 100 ms for the 170,000 author names of a million rows.
   */
  idOfFresh(value: string): number {
    // Bytes that are not UTF-8 decode to U+FFFD, so different bytes may give one text: the Map decides.
    if (value.includes('\uFFFD')) return this.id(value);
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    this.values.push(value);
    return this.values.length - 1;
  }
}

/** Places in a direct table of the days of 1990–2100 (see dateSlot). */
export const DATE_SLOT_COUNT = 111 * 416;

/**
 * A day's place in a direct table of 1990–2100 (416 a year: 13 months of 32 days, so a plausible
 * month and day need no calendar): what a Map per row costs, without the Map.
 */
export function dateSlot(year: number, month: number, day: number): number {
  return (year - 1990) * 416 + month * 32 + day;
}

/** The published date `YYYY-MM-DD` as yyyymmdd. */
export function dateCode(iso: string): number {
  // Digits read in place: three slices and Number() per row were garbage for every article loaded.
  const digit = (at: number) => iso.charCodeAt(at) - 0x30;
  return digit(0) * 10_000_000 + digit(1) * 1_000_000 + digit(2) * 100_000 + digit(3) * 10_000
    + digit(5) * 1000 + digit(6) * 100 + digit(8) * 10 + digit(9);
}

/** yyyymmdd as `YYYY-MM-DD`. */
export function isoFromCode(code: number): string {
  const year = Math.floor(code / 10000);
  const month = Math.floor(code / 100) % 100;
  const day = code % 100;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** A row's numbers and dictionary ids as pushRow takes them (text columns are pushed apart). */
export interface BatchRow {
  id: number; views: number; comments: number; collects: number; authorId: number; readingMinutes: number; bodyChars: number; images: number;
  published: number; category: number; categoryName: number; author: number; source: number;
}

/**
 * A row to fill and pass to pushRow again and again: a writer keeps one, since an object per
 * row was a million objects for a million rows.
 */
export function newBatchRow(): BatchRow {
  return { id: 0, views: 0, comments: 0, collects: 0, authorId: 0, readingMinutes: 0, bodyChars: 0, images: 0, published: 0, category: 0, categoryName: 0, author: 0, source: 0 };
}

/** Builds an ArticleBatch row by row (from records, or from a scanner that interns its own text). */
export class BatchBuilder {
  // One array per column, all as long as the rows (`capacity`), grown together; a row is a store
  // at index n in each.
  private numbers;
  private keys;
  private capacity;
  private readonly tagOffsets;
  private readonly tagIds;
  readonly title: Utf8Builder | SourceTextBuilder;
  readonly url: Utf8Builder | SourceTextBuilder;
  readonly brief: Utf8Builder | SourceTextBuilder;
  readonly dict = { category: new Dictionary(), categoryName: new Dictionary(), author: new Dictionary(), source: new Dictionary(), tags: new Dictionary() };
  n = 0;
  // What appendFields fills for each record and hands to pushRow (no object or array per record).
  private readonly rowScratch = newBatchRow();
  private readonly tagScratch: number[] = [];

  /**
   * @param textBytes expected bytes of text (e.g. the input's size), to size the text buffers once:
   *   for each column, or for title, url and brief apart
   * @param rows expected rows, likewise
   * @param source text stays in this file: the caller pushes byte ranges (see source-text.ts)
   */
  constructor(textBytes: number | readonly [title: number, url: number, brief: number] = 1 << 16, rows = 1024, source?: { path: string; size: number; mtimeMs: number }) {
    this.capacity = Math.max(1, rows);
    const f64 = () => withHugePages(new Float64Array(this.capacity));
    const i32 = () => withHugePages(new Int32Array(this.capacity));
    this.numbers = { id: f64(), views: f64(), comments: f64(), collects: f64(), authorId: f64(), readingMinutes: f64(), bodyChars: f64(), images: f64() };
    this.keys = { published: i32(), category: i32(), categoryName: i32(), author: i32(), source: i32() };
    this.tagOffsets = new Int32Builder(rows + 1);
    this.tagIds = new Int32Builder(rows * 6);
    this.tagOffsets.push(0);
    const [titleBytes, urlBytes, briefBytes] = typeof textBytes === 'number' ? [textBytes, textBytes, textBytes] : textBytes;
    const text = (bytes: number) => (source ? new SourceTextBuilder(source, rows) : new Utf8Builder(bytes, rows));
    this.title = text(titleBytes);
    this.url = text(urlBytes);
    this.brief = text(briefBytes);
  }

  /** Appends the non-text part of a row; text columns are pushed by the caller (see appendRecord). */
  pushRow(row: BatchRow, tagIds: ArrayLike<number>, tagCount: number): void {
    const n = this.n;
    if (n === this.capacity) this.reserve(1);
    const { numbers: m, keys: k } = this;
    m.id[n] = row.id; m.views[n] = row.views; m.comments[n] = row.comments; m.collects[n] = row.collects;
    m.authorId[n] = row.authorId; m.readingMinutes[n] = row.readingMinutes; m.bodyChars[n] = row.bodyChars; m.images[n] = row.images;
    k.published[n] = row.published; k.category[n] = row.category; k.categoryName[n] = row.categoryName;
    k.author[n] = row.author; k.source[n] = row.source;
    for (let i = 0; i < tagCount; i++) this.tagIds.push(tagIds[i]!);
    this.tagOffsets.push(this.tagIds.length);
    this.n++;
  }

  /**
   * Appends rows first..first+count-1 of another batch at once, its dictionary keys translated by
   * `remap` (per dictionary: the other batch's key → this one's). Text must be in memory on both
   * sides (Utf8Builder text); numbers and text are copied as blocks.
   */
  appendRows(batch: ArticleBatch, first: number, count: number, remap: Record<keyof ArticleBatch['dict'], ArrayLike<number>>): void {
    this.reserve(count);
    const { numbers: m, keys: k, n } = this;
    for (const name of ['id', 'views', 'comments', 'collects', 'authorId', 'readingMinutes', 'bodyChars', 'images'] as const) m[name].set(batch[name].subarray(first, first + count), n);
    k.published.set(batch.published.subarray(first, first + count), n);
    for (const name of ['category', 'categoryName', 'author', 'source'] as const) {
      const keys = k[name];
      const from = batch[name];
      const map = remap[name];
      for (let r = first, at = n; r < first + count; r++, at++) keys[at] = from[r]! < 0 ? -1 : map[from[r]!]!;
    }
    const tagStart = batch.tagOffsets[first]!;
    const tagEnd = batch.tagOffsets[first + count]!;
    this.tagIds.reserve(tagEnd - tagStart);
    for (let t = tagStart; t < tagEnd; t++) this.tagIds.data[this.tagIds.length++] = remap.tags[batch.tagIds[t]!]!;
    const shift = this.tagIds.length - tagEnd;
    this.tagOffsets.reserve(count);
    for (let r = first + 1; r <= first + count; r++) this.tagOffsets.data[this.tagOffsets.length++] = batch.tagOffsets[r]! + shift;
    (this.title as Utf8Builder).pushValues(textOf(batch.title), first, count);
    (this.url as Utf8Builder).pushValues(textOf(batch.url), first, count);
    (this.brief as Utf8Builder).pushValues(textOf(batch.brief), first, count);
    this.n += count;
  }

  /** Appends a parsed record. */
  appendRecord(record: ArticleRecord): void {
    this.appendFields(record, this.dict.source.id(record.source));
    this.title.push(record.title);
    this.url.push(record.url);
    this.brief.push(record.brief);
  }

  /**
   * Appends a markdown article read by its canonical header (canonicalArticle): its title and
   * brief copied from the file's bytes as they are, not decoded and encoded again.
   */
  appendCanonical(bytes: Buffer, header: CanonicalHeader): void {
    // A file gives one canonical row: its path is new to this batch, so no index lookup first.
    this.appendFields(header.fields, this.dict.source.idOfFresh(header.fields.source));
    pushRange(this.title, bytes, header.titleStart, header.titleEnd);
    this.url.push(header.fields.url);
    if (header.briefStart < 0) this.brief.push(null);
    else pushRange(this.brief, bytes, header.briefStart, header.briefEnd);
  }

  /** Appends every field of a record but its text columns (`source` as its dictionary id). */
  private appendFields(record: Omit<ArticleRecord, 'title' | 'brief'>, source: number): void {
    const d = this.dict;
    const row = this.rowScratch;
    row.id = record.id; row.views = record.views; row.comments = record.comments; row.collects = record.collects;
    row.authorId = record.authorId ?? NaN; row.readingMinutes = record.readingMinutes ?? NaN;
    row.bodyChars = record.bodyChars ?? NaN; row.images = record.images ?? NaN;
    row.published = dateCode(record.published); row.category = d.category.id(record.category);
    row.categoryName = d.categoryName.id(record.categoryName); row.author = d.author.id(record.author); row.source = source;
    const tags = this.tagScratch;
    tags.length = 0;
    for (const tag of record.tags) tags.push(d.tags.id(tag));
    this.pushRow(row, tags, tags.length);
  }

  /** Makes room for `extra` more rows in every row column. */
  private reserve(extra: number): void {
    const needed = this.n + extra;
    if (needed <= this.capacity) return;
    const { numbers: m, keys: k, n } = this;
    for (const name of Object.keys(m) as (keyof typeof m)[]) m[name] = withRoom(m[name], n, needed);
    for (const name of Object.keys(k) as (keyof typeof k)[]) k[name] = withRoom(k[name], n, needed);
    this.capacity = m.id.length;
  }

  /** The batch: each column's filled part, a view, the pages behind it given back (filledPart). */
  done(): ArticleBatch {
    const { numbers: m, keys: k, dict: d, n } = this;
    const filled = <A extends Float64Array | Int32Array>(column: A): A => filledPart(column, n);
    return {
      n,
      id: filled(m.id), views: filled(m.views), comments: filled(m.comments), collects: filled(m.collects),
      authorId: filled(m.authorId), readingMinutes: filled(m.readingMinutes), bodyChars: filled(m.bodyChars), images: filled(m.images),
      published: filled(k.published), category: filled(k.category), categoryName: filled(k.categoryName), author: filled(k.author), source: filled(k.source),
      tagOffsets: this.tagOffsets.done(), tagIds: this.tagIds.done(),
      title: this.title.done(), url: this.url.done(), brief: this.brief.done(),
      dict: { category: d.category.values, categoryName: d.categoryName.values, author: d.author.values, source: d.source.values, tags: d.tags.values },
      spareCapacity: true,
    };
  }
}

/** Appends bytes[start, end) of valid UTF-8 to a text column (decoded where the column keeps byte ranges of another file). */
function pushRange(text: Utf8Builder | SourceTextBuilder, bytes: Buffer, start: number, end: number): void {
  if (text instanceof Utf8Builder) text.pushBytes(bytes, start, end);
  else text.push(bytes.toString('utf8', start, end));
}

/** A batch of the given records. */
export function batchFromRecords(records: Iterable<ArticleRecord>): ArticleBatch {
  const builder = new BatchBuilder();
  for (const record of records) builder.appendRecord(record);
  return builder.done();
}

/** Every buffer of a batch, for transferring it to another thread without copying. */
export function batchBuffers(batch: ArticleBatch): ArrayBuffer[] {
  const views: ArrayBufferView[] = [
    batch.id, batch.views, batch.comments, batch.collects, batch.authorId, batch.readingMinutes, batch.bodyChars, batch.images,
    batch.published, batch.category, batch.categoryName, batch.author, batch.source, batch.tagOffsets, batch.tagIds,
  ];
  for (const text of [batch.title, batch.url, batch.brief]) {
    if (typeof text === 'function') continue;
    if ('kind' in text) views.push(text.starts, text.lengths, text.side.bytes, text.side.offsets);
    else views.push(text.bytes, text.offsets);
  }
  return [...new Set(views.map((view) => view.buffer as ArrayBuffer))];
}

/** The records of a batch as objects (for code that needs rows; large loads avoid it). */
export function recordsOfBatch(batch: ArticleBatch): ArticleRecord[] {
  const reader = (column: Text) => {
    const strings = textOf(column);
    const bytes = Buffer.from(strings.bytes.buffer, strings.bytes.byteOffset, strings.bytes.byteLength);
    return (i: number): string => bytes.toString('utf8', strings.offsets[i]!, strings.offsets[i + 1]!);
  };
  const title = reader(batch.title);
  const url = reader(batch.url);
  const brief = reader(batch.brief);
  const orNull = (value: number): number | null => (value !== value ? null : value);
  const key = (values: string[], k: number): string | null => (k < 0 ? null : values[k]!);
  const records: ArticleRecord[] = [];
  for (let i = 0; i < batch.n; i++) {
    const tags: string[] = [];
    for (let k = batch.tagOffsets[i]!; k < batch.tagOffsets[i + 1]!; k++) tags.push(batch.dict.tags[batch.tagIds[k]!]!);
    records.push({
      id: batch.id[i]!, title: title(i).trim(), author: key(batch.dict.author, batch.author[i]!), authorId: orNull(batch.authorId[i]!),
      category: batch.dict.category[batch.category[i]!]!, categoryName: key(batch.dict.categoryName, batch.categoryName[i]!),
      published: isoFromCode(batch.published[i]!), views: batch.views[i]!, comments: batch.comments[i]!, collects: batch.collects[i]!,
      tags, url: url(i), brief: brief(i) || null, readingMinutes: orNull(batch.readingMinutes[i]!),
      bodyChars: orNull(batch.bodyChars[i]!), images: orNull(batch.images[i]!), source: batch.dict.source[batch.source[i]!]!,
    });
  }
  return records;
}
