/**
 * Markdown articles the native helper read in C (src/native/markdown-scan.c: the archive tool's
 * current form, markdown-fast.ts's reader ported), appended to a batch straight from the byte
 * ranges it found: a title, URL or brief is copied as bytes, never made a string; an author, a
 * category or a tag is decoded and cleaned once per distinct value in this thread. The rows are
 * the ones appendRecord would make from the JavaScript parsers' record (tested on every file of
 * the real and generated archives and on thousands of mutated headers).
 */
import { cleanAuthor } from './fields.ts';
import type { BatchBuilder, Dictionary } from './batch.ts';
import { type Utf8Builder, withRoom } from './batch-text.ts';
import { ByteInterner } from './byte-interner.ts';

// Per file, SCAN_FIELDS int32 values at these places (markdown-scan.h's enum, in its order).
export const SCAN_FIELDS = 27;
const TAKEN = 0;
const TITLE_START = 1;
const TITLE_END = 2;
const CATEGORY_NAME_START = 3;
const CATEGORY_NAME_END = 4;
const AUTHOR_START = 5;
const AUTHOR_END = 6;
const AUTHOR_ID = 7;
const PUBLISHED = 8;
const VIEWS = 9;
const COMMENTS = 10;
const COLLECTS = 11;
const URL_START = 12;
const URL_END = 13;
const ID = 14;
const URL_CATEGORY_START = 15;
const URL_CATEGORY_END = 16;
const BRIEF_START = 17;
const BRIEF_END = 18;
const TAG_FIRST = 19;
const TAG_COUNT = 20;
const BODY_CHARS = 21;
const IMAGES = 22;
const READING_MINUTES = 23;
const AUTHOR_HASH = 24;
const CATEGORY_NAME_HASH = 25;
const URL_CATEGORY_HASH = 26;
/** Values per tag in the tag array: start, end, hash. */
export const SCAN_TAG_VALUES = 3;

/** Did the helper read file i itself? */
export function scannedByNative(fields: Int32Array, i: number): boolean {
  return fields[i * SCAN_FIELDS + TAKEN] === 1;
}

/**
 * Distinct byte strings of one kind (authors, tags, …), decoded and cleaned once for the thread's
 * life, and their ids in the dictionary of the batch being built (looked up once per batch).
 */
class InternedValues {
  private readonly interner = new ByteInterner();
  private readonly values: (string | null)[] = [];
  private ids: Int32Array = new Int32Array(256);
  /** The batch number whose id ids[k] is (0: none yet). */
  private idBatch: Int32Array = new Int32Array(256);

  constructor(private readonly clean: (text: string) => string | null) {}

  /** The id in `dict` (of batch number `batch`) of the value bytes[start, end) cleans to; -1 for null. */
  idIn(dict: Dictionary, batch: number, bytes: Buffer, start: number, end: number, hash: number): number {
    let k = this.interner.find(bytes, start, end, hash);
    if (k < 0) {
      k = this.values.length;
      this.values.push(this.clean(bytes.toString('utf8', start, end)));
      this.interner.add(bytes, start, end, hash, k);
      if (k === this.ids.length) {
        this.ids = withRoom(this.ids, k, k + 1);
        this.idBatch = withRoom(this.idBatch, k, k + 1);
      }
    }
    if (this.idBatch[k] !== batch) {
      const value = this.values[k]!;
      this.ids[k] = value === null ? -1 : dict.id(value);
      this.idBatch[k] = batch;
    }
    return this.ids[k]!;
  }
}

const asIs = (text: string) => text;
const lowerCase = (text: string) => text.toLowerCase();

/**
 * Appends the files the helper read to batches. One per thread: what it learns of distinct
 * values serves every batch after.
 */
export class ScannedMarkdown {
  private readonly authors = new InternedValues(cleanAuthor);
  private readonly categoryNames = new InternedValues(asIs);
  private readonly categories = new InternedValues(lowerCase);
  private readonly tags = new InternedValues(asIs);
  private tagIds = new Int32Array(64);
  private batch = 0;
  private builder: BatchBuilder | undefined;

  /**
   * Appends file i (read by the helper: scannedByNative) to `builder` as the row appendRecord
   * would append from its record.
   * @param bytes the buffer the helper read the file into
   * @param fields, tags what scanMarkdown wrote
   * @param source the file's path (the source column)
   */
  append(builder: BatchBuilder, bytes: Buffer, fields: Int32Array, tags: Int32Array, i: number, source: string): void {
    if (builder !== this.builder) {
      this.builder = builder;
      this.batch++;
    }
    const f = i * SCAN_FIELDS;
    const d = builder.dict;
    const batch = this.batch;
    const tagCount = fields[f + TAG_COUNT]!;
    if (tagCount > this.tagIds.length) this.tagIds = new Int32Array(tagCount * 2);
    for (let t = 0, at = fields[f + TAG_FIRST]! * SCAN_TAG_VALUES; t < tagCount; t++, at += SCAN_TAG_VALUES) {
      this.tagIds[t] = this.tags.idIn(d.tags, batch, bytes, tags[at]!, tags[at + 1]!, tags[at + 2]!);
    }
    const categoryStart = fields[f + CATEGORY_NAME_START]!;
    const authorId = fields[f + AUTHOR_ID]!;
    const minutes = fields[f + READING_MINUTES]!;
    builder.pushRow({
      id: fields[f + ID]!, views: fields[f + VIEWS]!, comments: fields[f + COMMENTS]!, collects: fields[f + COLLECTS]!,
      authorId: authorId < 0 ? NaN : authorId, readingMinutes: minutes < 0 ? NaN : minutes,
      bodyChars: fields[f + BODY_CHARS]!, images: fields[f + IMAGES]!, published: fields[f + PUBLISHED]!,
      category: this.categories.idIn(d.category, batch, bytes, fields[f + URL_CATEGORY_START]!, fields[f + URL_CATEGORY_END]!, fields[f + URL_CATEGORY_HASH]!),
      categoryName: categoryStart < 0 ? -1 : this.categoryNames.idIn(d.categoryName, batch, bytes, categoryStart, fields[f + CATEGORY_NAME_END]!, fields[f + CATEGORY_NAME_HASH]!),
      author: this.authors.idIn(d.author, batch, bytes, fields[f + AUTHOR_START]!, fields[f + AUTHOR_END]!, fields[f + AUTHOR_HASH]!),
      source: d.source.idOfFresh(source), // a walk lists a path once
    }, this.tagIds, tagCount);
    // A builder without a source file holds its text as UTF-8 (BatchBuilder's constructor).
    (builder.title as Utf8Builder).pushBytes(bytes, fields[f + TITLE_START]!, fields[f + TITLE_END]!);
    (builder.url as Utf8Builder).pushBytes(bytes, fields[f + URL_START]!, fields[f + URL_END]!);
    const briefStart = fields[f + BRIEF_START]!;
    (builder.brief as Utf8Builder).pushBytes(bytes, briefStart < 0 ? 0 : briefStart, briefStart < 0 ? 0 : fields[f + BRIEF_END]!);
  }
}
