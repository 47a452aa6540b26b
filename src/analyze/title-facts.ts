/**
 * What titles say, computed once per table: their words (for ranking title words like tags),
 * their features (digits, a question, brackets, …) and their lengths. Word breaks come from
 * Intl.Segmenter's Chinese dictionary, which costs about 12 µs a title: a million titles take 12
 * seconds on one thread, so large sets are split across worker threads (one per core), each
 * running the same rules. The caller waits for them synchronously, so analyses stay plain
 * functions; the results are the same, in the same order, whatever the number of threads. A
 * report starts them ahead (titleWordsAhead) so that other cores work while the notebooks before
 * Headlines run, and the features and lengths come with the words; titles still in their NDJSON
 * file are read into shared memory by a helper thread meanwhile (readTextAside).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ColumnTable } from 'arquero';
import { decodedColumn, ownRows } from './columns.ts';
import { chunkOf, columnData, type SharedUtf8, Utf8Column, utf8Value } from '../load/table/table-columns.ts';
import { codePoints, FEATURE_PATTERNS, featureBits, titleWords, wordsOf } from './title-rules.ts';
import { readTextAside } from './helper-threads.ts';
import { ASIDE_WAIT_MS, TEXT_READ, textReadAside } from '../load/table/source-text.ts';
import { SIDE_THREAD_LIMITS, startThread } from '../worker-script.ts';

export { titleWords } from './title-rules.ts';

/** Each title's feature bits (bit k: TITLE_FEATURES' k-th) and length in characters (titleFeatures' length). */
export interface TitleFeatureBits {
  bits: Int32Array;
  lengths: Int32Array;
}

/** From this many titles, worker threads share the segmenting. */
export const PARALLEL_TITLES = 50_000;

/**
 * The words of many titles as numbers: word k is `words[k]`, numbered in order of first
 * appearance (row by row), and row r's words are `ids[offsets[r]]` up to `ids[offsets[r + 1]]`, in
 * its title's order. Numbers make grouping rows by word cheap; the order of first appearance does
 * not depend on how many threads segmented.
 */
export interface TitleWordIds {
  words: string[];
  /** n + 1 positions into ids. */
  offsets: Int32Array;
  ids: Int32Array;
}

/** Numbers words as they come and collects each title's word numbers. */
class TitleWordNumbering {
  readonly words: string[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly offsets: Int32Array;
  private ids = new Int32Array(1024);
  private titles = 0;

  constructor(titles: number) {
    this.offsets = new Int32Array(titles + 1);
  }

  numberOf(word: string): number {
    let id = this.numbers.get(word);
    if (id === undefined) {
      this.numbers.set(word, (id = this.words.length));
      this.words.push(word);
    }
    return id;
  }

  /**
   * Makes room for exactly `count` more words when they are known ahead (a worker's share): no
   * doubling, and result() then keeps the array as it is instead of copying it.
   */
  reserve(count: number): void {
    this.grow(this.offsets[this.titles]! + count);
  }

  private grow(size: number): void {
    if (size <= this.ids.length) return;
    const grown = new Int32Array(size);
    grown.set(this.ids);
    this.ids = grown;
  }

  /** Adds the next title's words, as numbers of this numbering: `count` of them from `ids[from]`. */
  addTitle(ids: ArrayLike<number>, from = 0, count = ids.length): void {
    const at = this.offsets[this.titles]!;
    if (at + count > this.ids.length) this.grow(Math.max(2 * this.ids.length, at + count));
    for (let k = 0; k < count; k++) this.ids[at + k] = ids[from + k]!;
    this.offsets[++this.titles] = at + count;
  }

  result(): TitleWordIds {
    const used = this.offsets[this.titles]!;
    return { words: this.words, offsets: this.offsets, ids: used === this.ids.length ? this.ids : this.ids.slice(0, used) };
  }
}

/** Adds titles segmented on this thread (a title seen before is not segmented again). */
function numberTitles(numbering: TitleWordNumbering, titles: readonly string[]): void {
  const seen = new Map<string, number[]>();
  for (const title of titles) {
    let ids = seen.get(title);
    if (ids === undefined) seen.set(title, (ids = titleWords(title).map((word) => numbering.numberOf(word))));
    numbering.addTitle(ids);
  }
}

// A worker's state in its flag: still reading, done, or failed (the waiting thread then reads its share itself).
const DONE = 1;
const FAILED = 2;

// Separator of the words in a worker's shared dictionary text: no word holds a control character.
const WORD_END = '\u001f';

// A worker reads its titles' facts and numbers their words in its own dictionary. Into shared
// memory it writes, per title, its feature bits, its length, the count of its words and their
// numbers, and the dictionary as "word␟word␟…"; then both lengths, and wakes the waiting thread
// (also when it fails, which it says in its flag).
// A title seen before in its share is not read again (series and reposts repeat titles;
// segmenting is the whole cost).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const wordsOf = ${wordsOf.toString()};
const featureBits = ${featureBits.toString()};
const codePoints = ${codePoints.toString()};
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const utf8Value = ${utf8Value.toString()};
const chunkOf = ${chunkOf.toString()};
const textReadAside = ${textReadAside.toString()};
const { strings, utf8, rows, patterns, numbers, dictionary, done } = workerData;
const flag = new Int32Array(done);
try {
const features = patterns.map(([source, flags]) => new RegExp(source, flags));
// Titles still being read from their file on a helper thread: wait until they are in (a helper
// that died never says: the waiting thread then reads them).
if (utf8 && utf8.ready && !textReadAside(new Int32Array(utf8.ready), ${ASIDE_WAIT_MS}, ${TEXT_READ})) throw new Error('the titles could not be read');
// The titles as sent, or decoded here from the column's shared bytes (rows are value numbers),
// one at a time: a title is garbage once read unless it is new (then kept as the key below).
const buffers = utf8 && utf8.starts.slice(1).map((end, c) => Buffer.from(utf8.bytes, utf8.starts[c], end - utf8.starts[c]));
const count = strings ? strings.length : rows.length;
const titleAt = (k) => {
  if (strings) return strings[k];
  const i = rows[k];
  const c = chunkOf(utf8.firsts, i);
  return utf8Value(buffers[c], utf8.offsets[c], i - utf8.firsts[c], utf8.trim, utf8.emptyIsNull);
};
const out = new Int32Array(numbers);
const text = new Uint16Array(dictionary);
const seen = new Map();
const local = new Map();
let at = 0;
let textAt = 0;
const numberOf = (word) => {
  let id = local.get(word);
  if (id === undefined) {
    local.set(word, (id = local.size));
    for (let i = 0; i < word.length; i++) text[textAt++] = word.charCodeAt(i);
    text[textAt++] = ${WORD_END.charCodeAt(0)};
  }
  return id;
};
for (let t = 0; t < count; t++) {
  const title = titleAt(t);
  let facts = seen.get(title);
  if (facts === undefined) seen.set(title, (facts = [featureBits(features, title), codePoints(title.trim()), ...wordsOf(segmenter, title).map(numberOf)]));
  out[at++] = facts[0];
  out[at++] = facts[1];
  out[at++] = facts.length - 2;
  for (let k = 2; k < facts.length; k++) out[at++] = facts[k];
}
Atomics.store(flag, 1, at);
Atomics.store(flag, 2, textAt);
Atomics.store(flag, 0, ${DONE});
} catch {
  Atomics.store(flag, 0, ${FAILED});
}
Atomics.notify(flag, 0);
`;

/** Titles being read on worker threads, in order; `collectInto` waits for them. */
interface FactsInWorkers {
  /**
   * Adds the titles' words, share after share, to a numbering, and their feature bits and lengths
   * from title `first` on.
   * @returns false when a worker failed (the numbering is then incomplete: read the titles here)
   */
  collectInto(numbering: TitleWordNumbering, features: TitleFeatureBits, first: number): boolean;
}

/**
 * The titles a worker reads: strings, or a text column's shared bytes (the threads decode them, so
 * this one never turns a million titles into strings).
 */
type TitleSource = readonly string[] | SharedUtf8;

/** Starts one worker a share of the titles (consecutive rows, in order). */
function readInWorkers(source: TitleSource, shares: number): FactsInWorkers {
  const strings = Array.isArray(source) ? (source as readonly string[]) : undefined;
  const utf8 = strings ? undefined : (source as SharedUtf8);
  const count = strings ? strings.length : utf8!.index.length;
  const size = Math.ceil(count / shares);
  // What each thread needs of the bytes (not the row index: each gets its own rows).
  const shared = utf8 && { bytes: utf8.bytes, starts: utf8.starts, offsets: utf8.offsets, firsts: utf8.firsts, trim: utf8.trim, emptyIsNull: utf8.emptyIsNull, ready: utf8.ready };
  const patterns = FEATURE_PATTERNS.map((pattern) => [pattern.source, pattern.flags]);
  const jobs: { titles: number; numbers: SharedArrayBuffer; dictionary: SharedArrayBuffer; done: SharedArrayBuffer; worker: Worker }[] = [];
  for (let start = 0; start < count; start += size) {
    const part = strings?.slice(start, start + size);
    const rows = utf8?.index.slice(start, start + size);
    // Room for every title's bits, length, count and words (each word is at least two
    // characters), and for a dictionary of every word (lower-casing may lengthen a word: twice
    // its characters, plus ends). UTF-8 bytes bound the characters from above.
    const characters = part ? part.reduce((sum, title) => sum + title.length, 0) : utf8Bytes(utf8!, rows!);
    const titles = part ? part.length : rows!.length;
    const numbers = new SharedArrayBuffer((titles * 3 + characters) * 4);
    const dictionary = new SharedArrayBuffer((characters * 2 + titles * 2) * 2);
    const done = new SharedArrayBuffer(12);
    const worker = startThread(WORKER_SOURCE, { eval: true, resourceLimits: SIDE_THREAD_LIMITS, workerData: { strings: part, utf8: shared, rows, patterns, numbers, dictionary, done } });
    worker.unref(); // facts asked for ahead and never collected do not keep the process alive
    jobs.push({ titles, numbers, dictionary, done, worker });
  }
  return {
    collectInto: (numbering, features, first) => {
      let title = first;
      for (const { titles, numbers, dictionary, done, worker } of jobs) {
        const flag = new Int32Array(done);
        while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
        void worker.terminate();
        if (Atomics.load(flag, 0) !== DONE) {
          for (const job of jobs) void job.worker.terminate();
          return false;
        }
        const local = new TextDecoder('utf-16le').decode(new Uint16Array(dictionary, 0, Atomics.load(flag, 2))).split(WORD_END);
        local.pop(); // after the last word's end
        const global = Int32Array.from(local, (word) => numbering.numberOf(word));
        const out = new Int32Array(numbers, 0, Atomics.load(flag, 1));
        // Three numbers a title, then its words.
        numbering.reserve(out.length - 3 * titles);
        for (let at = 0; at < out.length; title++) {
          features.bits[title] = out[at++]!;
          features.lengths[title] = out[at++]!;
          const count = out[at++]!;
          for (let k = at; k < at + count; k++) out[k] = global[out[k]!]!;
          numbering.addTitle(out, at, count);
          at += count;
        }
      }
      return true;
    },
  };
}

/** The UTF-8 bytes of some values of a shared text column. */
function utf8Bytes(utf8: SharedUtf8, values: Int32Array): number {
  const { firsts, offsets } = utf8;
  let bytes = 0;
  for (let k = 0; k < values.length; k++) {
    const i = values[k]!;
    const c = chunkOf(firsts, i);
    bytes += offsets[c]![i - firsts[c]! + 1]! - offsets[c]![i - firsts[c]!]!;
  }
  return bytes;
}

const cores = () => Math.min(8, availableParallelism());

/** Feature bits and lengths of titles, read on this thread. */
function featureBitsOf(titles: readonly string[]): TitleFeatureBits {
  const bits = new Int32Array(titles.length);
  const lengths = new Int32Array(titles.length);
  titles.forEach((title, i) => {
    bits[i] = featureBits(FEATURE_PATTERNS, title);
    lengths[i] = codePoints(title.trim());
  });
  return { bits, lengths };
}

/** Words, feature bits and lengths of titles, split across threads (this one takes the first share). */
function titleFactsOfAll(titles: readonly string[], threads: number): TitleFacts {
  const numbering = new TitleWordNumbering(titles.length);
  const share = Math.ceil(titles.length / threads);
  const rest = readInWorkers(titles.slice(share), threads - 1);
  const mine = titles.slice(0, share);
  numberTitles(numbering, mine);
  const features = { bits: new Int32Array(titles.length), lengths: new Int32Array(titles.length) };
  const own = featureBitsOf(mine);
  features.bits.set(own.bits);
  features.lengths.set(own.lengths);
  if (!rest.collectInto(numbering, features, mine.length)) return titleFactsHere(titles);
  return { words: numbering.result(), features };
}

/** Whether this many titles are split across worker threads (only when there are two or more). */
function inWorkers(titles: number, threads: number): boolean {
  return titles >= PARALLEL_TITLES && threads >= 2;
}

/** The words of titles, numbered, all read on this thread. */
function titleWordsHere(titles: readonly string[]): TitleWordIds {
  const numbering = new TitleWordNumbering(titles.length);
  numberTitles(numbering, titles);
  return numbering.result();
}

/** Words, feature bits and lengths of titles, all read on this thread. */
function titleFactsHere(titles: readonly string[]): TitleFacts {
  return { words: titleWordsHere(titles), features: featureBitsOf(titles) };
}

/**
 * The words of every title, numbered (see TitleWordIds and titleWords). From 50,000 titles the
 * work is split across worker threads, one per core, this thread taking the first share.
 * @param threads @default one per core (at most 8)
 * @example const { words, offsets, ids } = titleWordIdsOfAll(articles.array('title'))
 */
export function titleWordIdsOfAll(titles: readonly string[], threads = cores()): TitleWordIds {
  return inWorkers(titles.length, threads) ? titleFactsOfAll(titles, threads).words : titleWordsHere(titles);
}

/** A table's title facts: words, feature bits and lengths. */
interface TitleFacts {
  words: TitleWordIds;
  features: TitleFeatureBits;
}

// Title facts started ahead (titleWordsAhead), then once collected, by the title column they are for.
const ahead = new WeakMap<object, { started: FactsInWorkers; rows: number }>();
const collected = new WeakMap<object, TitleFacts>();

/** The title column a table's rows read in order, or undefined when a filter or order changes them. */
function titleColumn(articles: ColumnTable): object | undefined {
  return ownRows(articles) ? articles.column('title') ?? undefined : undefined;
}

/**
 * Starts reading the articles' titles (words, features, lengths) on other cores (one worker a
 * core but this one's, at least one), so that later titleWordIdsOfTable and titleFeatureBitsOfTable
 * calls on the same table, or one derived from it with the same rows, find them done. Does
 * nothing below 50,000 titles.
 * @example titleWordsAhead(input.articles) // before running notebooks that rank title words
 */
export function titleWordsAhead(articles: ColumnTable, threads = Math.max(1, cores() - 1)): void {
  const column = titleColumn(articles);
  if (!column || ahead.has(column) || collected.has(column) || articles.numRows() < PARALLEL_TITLES) return;
  const data = columnData(column);
  // Titles still in their source file are read on a helper thread (this one goes on with the notebooks).
  const source = data instanceof Utf8Column ? data.sharedBytes(readTextAside) : (decodedColumn(articles, 'title') as string[]);
  ahead.set(column, { started: readInWorkers(source, threads), rows: articles.numRows() });
}

/** The facts started ahead for the table's titles (waited for, then kept), or undefined. */
function factsAhead(articles: ColumnTable): TitleFacts | undefined {
  const column = titleColumn(articles);
  if (!column) return undefined;
  const known = collected.get(column);
  if (known) return known;
  const job = ahead.get(column);
  if (!job) return undefined;
  ahead.delete(column);
  const numbering = new TitleWordNumbering(job.rows);
  const features = { bits: new Int32Array(job.rows), lengths: new Int32Array(job.rows) };
  // A worker that failed leaves the titles to be read on this thread, by the caller.
  if (!job.started.collectInto(numbering, features, 0)) return undefined;
  const facts = { words: numbering.result(), features };
  collected.set(column, facts);
  return facts;
}

/**
 * The words of every article's title, numbered, in row order: those read ahead by titleWordsAhead
 * when there are some, else read now (as titleWordIdsOfAll, with the features and lengths), and
 * kept for the table's title column: a notebook that ranks title words and features segments the
 * titles once.
 * @example const { words, offsets, ids } = titleWordIdsOfTable(articles)
 */
export function titleWordIdsOfTable(articles: ColumnTable): TitleWordIds {
  const known = factsAhead(articles);
  if (known) return known.words;
  const titles = decodedColumn(articles, 'title') as string[];
  const column = titleColumn(articles);
  if (!column) return titleWordIdsOfAll(titles);
  // Feature bits already read alone (titleFeatureBitsOfTable) are not read again with the words.
  const alone = featuresAlone.get(column);
  const threads = cores();
  const facts = alone ? { words: titleWordIdsOfAll(titles, threads), features: alone }
    : inWorkers(titles.length, threads) ? titleFactsOfAll(titles, threads) : titleFactsHere(titles);
  collected.set(column, facts);
  return facts.words;
}

/**
 * Every article's title feature bits and length, in row order: those read ahead by
 * titleWordsAhead or with the words when there are some, else read here (no words: features
 * alone are cheap) and kept for the table's title column.
 * @example const { bits, lengths } = titleFeatureBitsOfTable(articles); bits[0] & (1 << 2) // the first title asks a question
 */
export function titleFeatureBitsOfTable(articles: ColumnTable): TitleFeatureBits {
  const known = factsAhead(articles);
  if (known) return known.features;
  const column = titleColumn(articles);
  let features = column && featuresAlone.get(column);
  if (!features) {
    features = featureBitsOf(decodedColumn(articles, 'title') as string[]);
    if (column) featuresAlone.set(column, features);
  }
  return features;
}

// Feature bits read without the words, by the title column they are for.
const featuresAlone = new WeakMap<object, TitleFeatureBits>();
