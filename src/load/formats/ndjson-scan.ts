/**
 * NDJSON straight from bytes to columns. A record in the common shape (our export's flat object:
 * integer counts, `YYYY-MM-DD` dates, article URLs of the usual form) is scanned once, its short
 * text interned by its bytes (a tag is decoded once per distinct value, not once per article) and
 * its long text left in the file as byte ranges. Text with escapes (`\"`, or `\uXXXX` for every
 * character as Python's json.dumps writes by default) is decoded by JSON.parse, string by string.
 * Any line outside that shape — `1.2万` counts, MongoDB exports, escaped keys, dates or URLs,
 * invalid JSON — goes through JSON.parse and records.ts whole, so both paths give the same
 * records, rejects and warnings.
 */
import type { LoadWarning, Reject } from '../../article.ts';
import { type ArticleBatch, BatchBuilder, DATE_SLOT_COUNT, dateSlot, newBatchRow } from '../table/batch.ts';
import type { SourceTextBuilder } from '../table/source-text.ts';
import { cleanAuthor, cleanTags, isoDate } from './fields.ts';
import { RecordCollector } from './record-collector.ts';
import { ByteInterner } from '../table/byte-interner.ts';
import { isJsonSpace, whiteSpaceAt } from './white-space.ts';

export interface ScannedNdjson {
  batch: ArticleBatch;
  rejects: Reject[];
  warnings: LoadWarning[];
  /** Non-blank lines. */
  itemsSeen: number;
  /** Of those, the lines the byte scanner took (the rest went through JSON.parse and records.ts). */
  scannedItems: number;
  /** Lines read (blank ones included), to number the lines of the next range. */
  lines: number;
  /** Why the file is not UTF-8 text (NUL bytes, invalid UTF-8): the caller rejects it whole. */
  problem?: string;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const decoder = new TextDecoder('utf-8');

/** The text of the JSON string buf[start..end) (between its quotes, with escapes), or null when JSON.parse refuses it. */
function escapedText(buf: Buffer, start: number, end: number): string | null {
  try {
    return JSON.parse(decoder.decode(buf.subarray(start - 1, end + 1))) as string;
  } catch {
    return null;
  }
}

// Keys of the export shape, by their bytes.
const KEYS = ['title', 'url', 'published', 'views', 'comments', 'collects', 'author', 'authorId', 'categoryName', 'tags', 'brief', 'readingMinutes', 'bodyChars', 'images', 'source', 'article_title', 'article_link'] as const;
const KEY_BYTES = KEYS.map((key) => Uint8Array.from(key, (c) => c.charCodeAt(0)));
// Key numbers (positions in KEYS): a switch on small integers is a jump table.
const TITLE = 0;
const URL_KEY = 1;
const PUBLISHED = 2;
const VIEWS = 3;
const COMMENTS = 4;
const COLLECTS = 5;
const AUTHOR = 6;
const AUTHOR_ID = 7;
const CATEGORY_NAME = 8;
const TAGS = 9;
const BRIEF = 10;
const READING_MINUTES = 11;
const BODY_CHARS = 12;
const IMAGES = 13;
const SOURCE = 14;
// 15, 16: article_title, article_link (a MongoDB record: the general path reads it).
const NO_KEY = -1;
// Candidates by length and first letter (index into KEYS + 1; 0 = none), so a key costs one
// comparison, not a search.
const MAX_KEY = 16;
const KEY_BY_SHAPE = new Int8Array(MAX_KEY * 128);
KEYS.forEach((key, k) => {
  if (key !== 'collects') KEY_BY_SHAPE[key.length * 128 + key.charCodeAt(0)] = k + 1;
});

/** The number of the key at buf[start..end], or NO_KEY for any other key. */
function keyAt(buf: Buffer, start: number, end: number): number {
  const length = end - start;
  const first = buf[start]!;
  if (length >= MAX_KEY || first >= 128) return NO_KEY;
  let k = KEY_BY_SHAPE[length * 128 + first]! - 1;
  if (k < 0) return NO_KEY;
  if (k === COMMENTS && buf[start + 2] === 0x6c) k = COLLECTS; // comments / collects share a shape
  const bytes = KEY_BYTES[k]!;
  for (let i = 1; i < length; i++) if (bytes[i] !== buf[start + i]) return NO_KEY;
  return k;
}

/** Scans NDJSON lines into a batch, one line at a time (ndjson-file.ts reads a file's lines into it); see the module comment. */
export class NdjsonScanner {
  readonly builder: BatchBuilder;
  /** Lines the scanner took; the general path counts its own. */
  private itemsScanned = 0;
  private readonly general: RecordCollector;
  private readonly authors = new ByteInterner();
  private readonly categories = new ByteInterner();
  private readonly categoryNames = new ByteInterner();
  private readonly sources = new ByteInterner();
  private readonly rawTags = new ByteInterner();
  /**
   * What a distinct raw tag cleans to. The payload of rawTags is the tag id when it cleans to
   * exactly one tag (nearly always), else -2 - k for the k-th list here (none, or several).
   */
  private readonly tagPieces: number[][] = [];
  /** Per day of 1990–2100 (by dateSlot): 0 unseen, 1 a real day, 2 not one. */
  private readonly dateValidity = new Int8Array(DATE_SLOT_COUNT);
  private readonly pathSource: number;
  private tagScratch = new Int32Array(64);
  private readonly title: SourceTextBuilder;
  private readonly url: SourceTextBuilder;
  private readonly brief: SourceTextBuilder;
  /** File offset of buf[0] for the line being scanned. */
  bufStart = 0;
  /** The read buffer as 32-bit words (see plainStringEnd); empty when it is not 4-byte aligned. */
  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);
  // What a distinct value becomes (bound once: a closure per call was measurable).
  // A name new to the byte index: as written, it is new to this scanner (the bytes tell names
  // apart), so it skips the dictionary's Map; a name cleaning changed may equal another, so it
  // goes through the Map.
  // An escaped name may equal one written plainly (different bytes): it goes through the Map.
  private readonly cleanAuthor = (text: string) => {
    const cleaned = cleanAuthor(text);
    return cleaned === text && !this.escaped ? this.builder.dict.author.idOfFresh(text) : this.builder.dict.author.id(cleaned);
  };
  private readonly cleanCategoryName = (text: string) => this.builder.dict.categoryName.id(text);
  private readonly cleanSource = (text: string) => this.builder.dict.source.id(text);
  private readonly cleanCategory = (text: string) => this.builder.dict.category.id(text);
  private readonly cleanTag = (text: string) => {
    const pieces = cleanTags([text]).map((tag) => this.builder.dict.tags.id(tag));
    if (pieces.length === 1) return pieces[0]!;
    this.tagPieces.push(pieces);
    return -1 - this.tagPieces.length;
  };
  // The record of the current line.
  private title0 = -1; private title1 = -1; private url0 = -1; private url1 = -1; private pub0 = -1; private pub1 = -1;
  private brief0 = -1; private brief1 = -1;
  /** The title and brief decoded, when written with escapes (else null: their bytes are the text). */
  private titleText: string | null = null; private briefText: string | null = null;
  private views = -1; private comments = -1; private collects = -1;
  private author = -1; private authorId = NaN; private categoryName = -1; private source = -1;
  private readingMinutes = NaN; private bodyChars = NaN; private images = NaN;
  private tagCount = 0;
  private urlId = 0;
  private readonly row = newBatchRow();
  private urlCategory = 0;
  private hash = 0;
  /** Whether the string the last stringEnd or plainStringEnd found has an escape. */
  private escaped = false;
  /** Whether a string of the current line has an escape JSON.parse refuses. */
  private invalidEscape = false;

  constructor(path: string, bytes: number, source: { path: string; size: number; mtimeMs: number }) {
    // A record takes at least ~80 bytes of NDJSON: room for that many rows is reserved up front
    // (reserved pages cost nothing until written; growing would copy). Titles, URLs and briefs
    // stay in the file as byte ranges.
    this.builder = new BatchBuilder(1024, Math.ceil(Math.min(bytes, 1 << 30) / 80) + 1024, source);
    this.title = this.builder.title as SourceTextBuilder;
    this.url = this.builder.url as SourceTextBuilder;
    this.brief = this.builder.brief as SourceTextBuilder;
    this.pathSource = this.builder.dict.source.id(path);
    this.general = new RecordCollector(path, (record) => this.builder.appendRecord(record));
  }

  /** The buffer lines are read from (set again when it is replaced by a larger one). */
  readFrom(buf: Buffer): void {
    this.words = buf.byteOffset % 4 === 0 ? new Int32Array(buf.buffer, buf.byteOffset, buf.length >> 2) : new Int32Array(0);
  }

  /** One line (without its newline). */
  line(buf: Buffer, start: number, end: number, lineNo: number): void {
    while (start < end && isJsonSpace(buf[start]!)) start++;
    while (end > start && isJsonSpace(buf[end - 1]!)) end--;
    if (start === end) return;
    if (buf[start] === 0x7b && this.scan(buf, start + 1, end)) {
      this.itemsScanned++;
      return;
    }
    // The general path: JSON.parse and records.ts, as for any other JSON input.
    this.general.addJsonLine(decoder.decode(buf.subarray(start, end)), lineNo);
  }

  /**
   * End of a string starting at p (just after its quote), or -1 at a control character or the
   * line's end; `escaped` tells whether it has escapes. Hashes its bytes, escapes as written.
   */
  private stringEnd(buf: Buffer, p: number, end: number): number {
    let h = 0x811c9dc5;
    this.escaped = false;
    for (; p < end; p++) {
      const c = buf[p]!;
      if (c <= BACKSLASH) {
        if (c === QUOTE) {
          this.hash = h & 0x3fffffff;
          return p;
        }
        if (c === BACKSLASH) return this.escapedStringEnd(buf, p, end, h);
        if (c < 0x20) return -1;
      }
      h = Math.imul(h ^ c, 16777619);
    }
    return -1;
  }

  /** stringEnd from the backslash at p on, the hash so far given (kept apart so the plain loop stays small). */
  private escapedStringEnd(buf: Buffer, p: number, end: number, h: number): number {
    this.escaped = true;
    for (; p < end; p++) {
      let c = buf[p]!;
      if (c === QUOTE) {
        this.hash = h & 0x3fffffff;
        return p;
      }
      if (c < 0x20) return -1;
      if (c === BACKSLASH) {
        h = Math.imul(h ^ c, 16777619);
        if (++p === end) return -1;
        c = buf[p]!; // the escaped character never ends the string
      }
      h = Math.imul(h ^ c, 16777619);
    }
    return -1;
  }

  /**
   * Like stringEnd without hashing, for keys and long text that is not interned. Four bytes are
   * tested at once (the buffer read as 32-bit words) and passed over when none is a quote, a
   * backslash or a control character: a title or brief in Chinese is nearly all such words.
   */
  private plainStringEnd(buf: Buffer, p: number, end: number): number {
    this.escaped = false;
    const words = this.words;
    const lastWord = Math.min(end >> 2, words.length);
    for (; p < end; p++) {
      if ((p & 3) === 0) {
        let w = p >> 2;
        while (w < lastWord && !hasByteUpToBackslash(words[w]!)) w++;
        p = w << 2;
        if (p >= end) break;
      }
      const c = buf[p]!;
      if (c > BACKSLASH) continue; // most bytes of Chinese text: one comparison
      if (c === QUOTE) return p;
      if (c === BACKSLASH) return this.escapedStringEnd(buf, p, end, 0);
      if (c < 0x20) return -1;
    }
    return -1;
  }

  /** A non-negative integer at p; returns its end, the value in this.hash (-1 if not a plain integer). */
  private integerEnd(buf: Buffer, p: number, end: number): number {
    const first = p;
    let value = 0;
    while (p < end) {
      const c = buf[p]!;
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      p++;
    }
    const digits = p - first;
    // At most 12 digits (below MAX_COUNT, 10^12): longer numbers go to the general path, which rejects them.
    if (digits === 0 || digits > 12 || (digits > 1 && buf[first] === 0x30)) return -1;
    if (p < end) {
      const c = buf[p]!;
      if (c !== 0x2c && c !== 0x7d && !isJsonSpace(c)) return -1; // `.5`, `e3`: not an integer
    }
    this.hash = value;
    return p;
  }

  private isNull(buf: Buffer, p: number, end: number): boolean {
    return p + 4 <= end && buf[p] === 0x6e && buf[p + 1] === 0x75 && buf[p + 2] === 0x6c && buf[p + 3] === 0x6c;
  }

  /** The id of the string buf[start..end) (as stringEnd found it), cleaned once per distinct spelling. */
  private interned(interner: ByteInterner, buf: Buffer, start: number, end: number, clean: (text: string) => number): number {
    const id = interner.find(buf, start, end, this.hash);
    return id >= 0 ? id : this.internNew(interner, buf, start, end, clean);
  }

  /** interned for a spelling not seen before: decoded (escapes by JSON.parse) and cleaned. */
  private internNew(interner: ByteInterner, buf: Buffer, start: number, end: number, clean: (text: string) => number): number {
    // Buffer's decoding: several times faster than TextDecoder's for short text, and no subarray.
    const text = this.escaped ? escapedText(buf, start, end) : buf.toString('utf8', start, end);
    if (text === null) {
      this.invalidEscape = true; // commit sends the line to the general path, which rejects it
      return -1;
    }
    const id = clean(text);
    interner.add(buf, start, end, this.hash, id);
    return id;
  }

  /** Decodes an escaped title or brief (false for an escaped URL or date: the general path reads those, as any invalid escape). */
  private decodedWide(key: number, buf: Buffer, s: number, e: number): boolean {
    const text = key === TITLE || key === BRIEF ? escapedText(buf, s, e) : null;
    if (text === null) return false;
    if (key === TITLE) this.titleText = text;
    else this.briefText = text;
    return true;
  }

  /** Scans the object after `{`; false sends the line to the general path. */
  private scan(buf: Buffer, p: number, end: number): boolean {
    this.title0 = this.url0 = this.pub0 = this.brief0 = -1;
    this.titleText = this.briefText = null;
    this.invalidEscape = false;
    this.views = this.comments = this.collects = -1;
    this.author = this.categoryName = this.source = -1;
    this.authorId = this.readingMinutes = this.bodyChars = this.images = NaN;
    this.tagCount = 0;
    for (;;) {
      while (p < end && isJsonSpace(buf[p]!)) p++;
      if (buf[p] !== QUOTE) return false; // `{}` and `{"a":1,}` included: the general path reports them
      const keyEnd = this.plainStringEnd(buf, p + 1, end);
      if (keyEnd < 0 || this.escaped) return false;
      const key = keyAt(buf, p + 1, keyEnd);
      p = keyEnd + 1;
      while (p < end && isJsonSpace(buf[p]!)) p++;
      if (buf[p] !== 0x3a) return false;
      p++;
      while (p < end && isJsonSpace(buf[p]!)) p++;
      const c = buf[p];
      if (c === QUOTE) {
        const s = p + 1;
        const wide = key === TITLE || key === BRIEF || key === URL_KEY || key === PUBLISHED;
        const e = wide ? this.plainStringEnd(buf, s, end) : this.stringEnd(buf, s, end);
        if (e < 0) return false;
        p = e + 1;
        if (this.escaped && wide && !this.decodedWide(key, buf, s, e)) return false;
        switch (key) {
          case TITLE: this.title0 = s; this.title1 = e; break;
          case URL_KEY: this.url0 = s; this.url1 = e; break;
          case PUBLISHED: this.pub0 = s; this.pub1 = e; break;
          case BRIEF: this.brief0 = s; this.brief1 = e; break;
          case AUTHOR: this.author = this.interned(this.authors, buf, s, e, this.cleanAuthor); break;
          case CATEGORY_NAME: this.categoryName = s === e ? -1 : this.interned(this.categoryNames, buf, s, e, this.cleanCategoryName); break;
          case SOURCE: this.source = s === e ? -1 : this.interned(this.sources, buf, s, e, this.cleanSource); break;
          case NO_KEY: break;
          default: return false; // a count or list written as text, or a MongoDB record
        }
      } else if (c === 0x6e && this.isNull(buf, p, end)) {
        p += 4;
        switch (key) {
          case AUTHOR: this.author = -1; break;
          case AUTHOR_ID: this.authorId = NaN; break;
          case CATEGORY_NAME: this.categoryName = -1; break;
          case TAGS: this.tagCount = 0; break;
          case BRIEF: this.brief0 = -1; break;
          case READING_MINUTES: this.readingMinutes = NaN; break;
          case BODY_CHARS: this.bodyChars = NaN; break;
          case IMAGES: this.images = NaN; break;
          case SOURCE: this.source = -1; break;
          case NO_KEY: break;
          default: return false;
        }
      } else if (c !== undefined && c >= 0x30 && c <= 0x39) {
        p = this.integerEnd(buf, p, end);
        if (p < 0) return false;
        const value = this.hash;
        switch (key) {
          case VIEWS: this.views = value; break;
          case COMMENTS: this.comments = value; break;
          case COLLECTS: this.collects = value; break;
          case AUTHOR_ID: this.authorId = value; break;
          case READING_MINUTES: this.readingMinutes = value; break;
          case BODY_CHARS: this.bodyChars = value; break;
          case IMAGES: this.images = value; break;
          case NO_KEY: break;
          default: return false;
        }
      } else if (c === 0x5b && (key === TAGS || key === NO_KEY)) {
        p = this.array(buf, p + 1, end, key === TAGS);
        if (p < 0) return false;
      } else {
        return false; // objects, booleans, negative or fractional numbers: the general path decides
      }
      while (p < end && isJsonSpace(buf[p]!)) p++;
      if (buf[p] === 0x2c) p++;
      else if (buf[p] === 0x7d && p === end - 1) return this.commit(buf);
      else return false;
    }
  }

  /** An array of strings after `[`; returns the position after `]`. Tags are cleaned once per distinct value. */
  private array(buf: Buffer, p: number, end: number, isTags: boolean): number {
    if (isTags) this.tagCount = 0;
    for (let first = true; ; first = false) {
      while (p < end && isJsonSpace(buf[p]!)) p++;
      if (buf[p] === 0x5d && first) return p + 1;
      if (buf[p] !== QUOTE) return -1;
      const s = p + 1;
      const e = this.stringEnd(buf, s, end);
      if (e < 0) return -1;
      if (isTags) {
        const tag = this.interned(this.rawTags, buf, s, e, this.cleanTag);
        if (tag >= 0) this.addTag(tag);
        else if (tag < -1) { // -1: an invalid escape (the line goes to the general path)
          const pieces = this.tagPieces[-2 - tag]!;
          for (let i = 0; i < pieces.length; i++) this.addTag(pieces[i]!);
        }
      }
      p = e + 1;
      while (p < end && isJsonSpace(buf[p]!)) p++;
      if (buf[p] === 0x5d) return p + 1;
      if (buf[p] !== 0x2c) return -1;
      p++;
    }
  }

  /** Adds a tag unless the article already has it (cleanTags keeps the first). */
  private addTag(tag: number): void {
    for (let i = 0; i < this.tagCount; i++) if (this.tagScratch[i] === tag) return;
    if (this.tagCount === this.tagScratch.length) {
      const next = new Int32Array(this.tagScratch.length * 2);
      next.set(this.tagScratch);
      this.tagScratch = next;
    }
    this.tagScratch[this.tagCount++] = tag;
  }

  /** Validates like records.ts and appends; false when the general path must decide. */
  private commit(buf: Buffer): boolean {
    const titleText = this.titleText;
    if (this.title0 < 0 || this.invalidEscape) return false;
    // No title, or one starting with white space (records.ts trims it): the general path.
    if (titleText === null ? this.title0 === this.title1 || whiteSpaceAt(buf, this.title0, this.title1) > 0 : titleText === '' || /^\s/.test(titleText)) return false;
    if (this.url0 < 0 || this.pub0 < 0 || this.views < 0 || this.comments < 0 || this.collects < 0) return false;
    const published = this.dateAt(buf, this.pub0, this.pub1);
    if (published < 0) return false;
    if (!this.urlParts(buf, this.url0, this.url1)) return false;
    // One row object, refilled: no allocation per record.
    const row = this.row;
    row.id = this.urlId; row.views = this.views; row.comments = this.comments; row.collects = this.collects;
    row.authorId = this.authorId; row.readingMinutes = this.readingMinutes; row.bodyChars = this.bodyChars; row.images = this.images;
    row.published = published; row.category = this.urlCategory; row.categoryName = this.categoryName; row.author = this.author;
    row.source = this.source < 0 ? this.pathSource : this.source;
    this.builder.pushRow(row, this.tagScratch, this.tagCount);
    const at = this.bufStart;
    if (titleText === null) this.title.pushRange(at + this.title0, this.title1 - this.title0);
    else this.title.push(titleText);
    this.url.pushRange(at + this.url0, this.url1 - this.url0);
    if (this.brief0 < 0) this.brief.pushRange(0, 0);
    else if (this.briefText === null) this.brief.pushRange(at + this.brief0, this.brief1 - this.brief0);
    else this.brief.push(this.briefText);
    return true;
  }

  /** yyyymmdd of an exact `YYYY-MM-DD` that is a real day, else -1. */
  private dateAt(buf: Buffer, s: number, e: number): number {
    if (e - s !== 10 || buf[s + 4] !== 0x2d || buf[s + 7] !== 0x2d) return -1;
    let code = 0;
    for (let i = s; i < e; i++) {
      if (i === s + 4 || i === s + 7) continue;
      const c = buf[i]! - 0x30;
      if (c < 0 || c > 9) return -1;
      code = code * 10 + c;
    }
    const year = Math.floor(code / 10000);
    const month = Math.floor(code / 100) % 100;
    const day = code % 100;
    // The table only for plausible months and days: slots of others (day 45) would collide.
    if (year >= 1990 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      const slot = dateSlot(year, month, day);
      let known = this.dateValidity[slot]!;
      if (known === 0) this.dateValidity[slot] = known = isRealDay(code) ? 1 : 2;
      return known === 1 ? code : -1;
    }
    return isRealDay(code) ? code : -1; // isoDate keeps its answer for each of these too
  }

  /**
   * Reads the id and category of `http(s)://host/category/123.html` with nothing else into urlId
   * and urlCategory; false for any other form (the general path's parseArticleUrl reads those).
   */
  private urlParts(buf: Buffer, s: number, e: number): boolean {
    let p = s;
    if (buf[p] !== 0x68 || buf[p + 1] !== 0x74 || buf[p + 2] !== 0x74 || buf[p + 3] !== 0x70) return false;
    p += 4;
    if (buf[p] === 0x73) p++;
    if (buf[p] !== 0x3a || buf[p + 1] !== 0x2f || buf[p + 2] !== 0x2f) return false;
    p += 3;
    const host = p;
    while (p < e && buf[p] !== 0x2f) {
      const c = buf[p]!;
      if (c <= 0x20 || c >= 0x80) return false;
      p++;
    }
    if (p === host || p >= e) return false;
    const category0 = ++p;
    let h = 0x811c9dc5;
    while (p < e && buf[p] !== 0x2f) {
      const c = buf[p]!;
      // Upper case, spaces, ?, # or non-ASCII: leave to the general path.
      if (c <= 0x20 || c >= 0x80 || c === 0x3f || c === 0x23 || (c >= 0x41 && c <= 0x5a)) return false;
      h = Math.imul(h ^ c, 16777619);
      p++;
    }
    const category1 = p;
    if (category1 === category0 || p >= e) return false;
    p++;
    let id = 0;
    const digits0 = p;
    while (p < e && buf[p]! >= 0x30 && buf[p]! <= 0x39) id = id * 10 + (buf[p++]! - 0x30);
    if (p === digits0 || p - digits0 > 15 || id <= 0) return false;
    if (e - p !== 5 || buf[p] !== 0x2e || buf[p + 1] !== 0x68 || buf[p + 2] !== 0x74 || buf[p + 3] !== 0x6d || buf[p + 4] !== 0x6c) return false;
    this.hash = h & 0x3fffffff;
    this.escaped = false; // the category's bytes are its text (an escaped URL went to the general path)
    this.urlId = id;
    this.urlCategory = this.interned(this.categories, buf, category0, category1, this.cleanCategory);
    return true;
  }

  /** The rejects and warnings so far (the general path's), in line order. */
  get collected(): { rejects: readonly Reject[]; warnings: readonly LoadWarning[] } {
    return this.general;
  }

  done(lines: number): ScannedNdjson {
    const { rejects, warnings, itemsSeen } = this.general;
    return { batch: this.builder.done(), rejects, warnings, itemsSeen: this.itemsScanned + itemsSeen, scannedItems: this.itemsScanned, lines };
  }
}

/**
 * Whether any of a word's four bytes is at most 0x5c (`\\`): quotes, backslashes and control
 * characters are all below 0x5d. The bit trick is exact for this yes-or-no question (a borrow can
 * only set a byte's flag when a lower byte already is below the bound), whatever the byte order.
 */
function hasByteUpToBackslash(word: number): boolean {
  return ((word - 0x5d5d5d5d) & ~word & 0x80808080) !== 0;
}

/** True when yyyymmdd is a real calendar day. */
function isRealDay(code: number): boolean {
  return isoDate(Math.floor(code / 10000), Math.floor(code / 100) % 100, code % 100) !== null;
}

let scannerBranchesTaken = false;

/**
 * Runs a scanner down its branches, on lines made for it, before a thread scans its first large
 * file: every key's value as text, number, null or list, escaped text, a tag that cleans to two,
 * lines the general path takes. Otherwise a branch first met after the scanner was optimized
 * throws it back to the interpreter (scanning the first 500,000 lines of the 1M-article export on
 * one thread, `scan` 15 times by `node --trace-deopt`, 4 with it), and with every core busy its
 * new code is slow to come: a cold load of that export takes ~5% less time with it
 * (docs/performance.md). Once per thread (~8 ms); nothing of it is kept.
 * @example takeEveryScannerBranch(); scanNdjsonFile(path)
 */
export function takeEveryScannerBranch(): void {
  if (scannerBranchesTaken) return;
  scannerBranchesTaken = true;
  const lines = [
    '{"id":1,"title":"标题 a","author":"作者 ","authorId":12,"category":"pd","published":"2019-01-02","views":1,"comments":0,"collects":3,"tags":["标签","b","b","x，y"],"url":"https://www.woshipm.com/pd/1.html","brief":"简介","categoryName":"产品","readingMinutes":5,"bodyChars":100,"images":2,"source":"s.md"}',
    '{"title":"t\\"2","url":"https://www.woshipm.com/ai/2.html?x=1","published":"2020-02-29","views":10,"comments":2,"collects":0,"author":null,"authorId":null,"categoryName":null,"tags":null,"brief":null,"readingMinutes":null,"bodyChars":null,"images":null,"source":null,"extra":[1,"a"],"more":"z","n":5}',
    '{"title":"\\u6807\\u9898","url":"https://www.woshipm.com/ai/3.html","published":"2021-02-01","views":1,"comments":1,"collects":1,"author":"\\u4f5c","tags":["\\u6807"],"brief":"\\u7b80","categoryName":"","source":""}',
    '{ "title" : "x" , "url" : "https://www.woshipm.com/pd/4.html" , "published" : "2021-13-01" , "views" : 1 , "comments" : 1 , "collects" : 1 , "tags" : [ ] }',
    '{"title":" x","url":"https://example.com/5","published":"2021-01-01","views":"1.2万","comments":1,"collects":1}',
    '{"title":"y","url":"https://www.woshipm.com/pd/6.html","published":"2021-01-01","views":1.5,"comments":-1,"collects":true}',
    '{"article_title":"z","article_link":"https://www.woshipm.com/pd/7.html"}',
    '[1]', '{}', '{"title":"a\\q"}',
  ];
  const bytes = Buffer.from(lines.join('\n'));
  const scanner = new NdjsonScanner('(warm-up)', bytes.length, { path: '(warm-up)', size: bytes.length, mtimeMs: 0 });
  scanner.readFrom(bytes);
  // Twice: the second time every value is one the scanner has seen, as most are in a real file.
  // Many more rounds would have the scanner's small functions optimized for these few lines.
  for (let round = 0; round < 2; round++) {
    let start = 0;
    lines.forEach((line, k) => {
      const end = start + Buffer.byteLength(line);
      scanner.line(bytes, start, end, k + 1);
      start = end + 1;
    });
  }
}
