/**
 * What titles say, computed once per table: their words (for ranking title words like tags),
 * their features (digits, a question, brackets, …) and their lengths. Word breaks are
 * Intl.Segmenter's, which costs about 15 µs a title; from 10,000 titles they are found with ICU's
 * own dictionary at ~3 µs a title (cjk-words.ts), the same words. A million distinct titles still
 * take seconds of one core, so large sets are read in chunks by worker threads and the calling
 * thread together (title-chunks.ts), each running the same rules. The caller waits for them
 * synchronously, so analyses stay plain functions; the results are the same, in the same order,
 * whatever the number of threads. A report starts the workers ahead (titleWordsAhead) so that
 * other cores work while the notebooks before Headlines run, and Headlines reads the chunks still
 * left beside them; the features and lengths come with the words. Titles still in their NDJSON
 * file are read into shared memory by a helper thread meanwhile (readTextAside).
 */
import { availableParallelism } from 'node:os';
import type { ColumnTable } from 'arquero';
import { decodedColumn, ownRows } from './columns.ts';
import { columnData, Utf8Column } from '../load/table/table-columns.ts';
import { codePoints, FEATURE_PATTERNS, featureBits } from './title-rules.ts';
import { readTextAside } from './helper-threads.ts';
import { giveBackWhenLarge } from '../free-memory.ts';
import { readTitlesInChunks, type SharedTitleReading, WordDictionary } from './title-chunks.ts';

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
class TitleWordNumbering extends WordDictionary {
  private readonly offsets: Int32Array;
  private ids = new Int32Array(1024);
  private titles = 0;

  constructor(titles: number) {
    super();
    this.offsets = new Int32Array(titles + 1);
  }

  private grow(size: number): void {
    if (size <= this.ids.length) return;
    const grown = new Int32Array(size);
    grown.set(this.ids);
    this.ids = grown;
  }

  /** Room for `total` word numbers in all: the titles' collector knows it, so ids is made once, at its size. */
  reserve(total: number): void {
    this.grow(total);
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

/**
 * Words, feature bits and lengths of titles, read in chunks (title-chunks.ts): from
 * PARALLEL_TITLES titles by worker threads (one per thread but this one) and this thread together,
 * else all here.
 */
function titleFactsOf(titles: readonly string[], threads: number): TitleFacts {
  const numbering = new TitleWordNumbering(titles.length);
  const features = { bits: new Int32Array(titles.length), lengths: new Int32Array(titles.length) };
  readTitlesInChunks(titles, titles.length >= PARALLEL_TITLES ? threads - 1 : 0).collectInto(numbering, features);
  return { words: numbering.result(), features };
}

/**
 * The words of every title, numbered (see TitleWordIds and titleWords). From 50,000 titles they
 * are read in chunks by worker threads (one per core but this one's) and this thread together.
 * @param threads @default one per core (at most 8)
 * @example const { words, offsets, ids } = titleWordIdsOfAll(articles.array('title'))
 */
export function titleWordIdsOfAll(titles: readonly string[], threads = cores()): TitleWordIds {
  return titleFactsOf(titles, threads).words;
}

/** A table's title facts: words, feature bits and lengths. */
interface TitleFacts {
  words: TitleWordIds;
  features: TitleFeatureBits;
}

// Title facts started ahead (titleWordsAhead), then once collected, by the title column they are for.
const ahead = new WeakMap<object, { started: SharedTitleReading; rows: number }>();
const collected = new WeakMap<object, TitleFacts>();

/** The title column a table's rows read in order, or undefined when a filter or order changes them. */
function titleColumn(articles: ColumnTable): object | undefined {
  return ownRows(articles) ? articles.column('title') ?? undefined : undefined;
}

/**
 * Starts reading the articles' titles (words, features, lengths) on other cores (one worker a
 * core but this one's, at least one), so that later titleWordIdsOfTable and titleFeatureBitsOfTable
 * calls on the same table, or one derived from it with the same rows, find them done or read the
 * chunks still left beside the workers. Does nothing below 50,000 titles.
 * @example titleWordsAhead(input.articles) // before running notebooks that rank title words
 */
export function titleWordsAhead(articles: ColumnTable, threads = Math.max(1, cores() - 1)): void {
  const column = titleColumn(articles);
  if (!column || ahead.has(column) || collected.has(column) || articles.numRows() < PARALLEL_TITLES) return;
  const data = columnData(column);
  // Titles still in their source file are read on a helper thread (this one goes on with the notebooks).
  const source = data instanceof Utf8Column ? data.sharedBytes(readTextAside) : (decodedColumn(articles, 'title') as string[]);
  ahead.set(column, { started: readTitlesInChunks(source, threads), rows: articles.numRows() });
}

/**
 * The facts started ahead for the table's titles (waited for, then kept), or undefined. Once they
 * are collected, the reading's shared buffers (at a million titles ~0.1 GB resident, its words
 * as numbers chunk by chunk) are garbage: a large process collects them at once
 * (giveBackWhenLarge), before the caller's own arrays add to them.
 */
function factsAhead(articles: ColumnTable): TitleFacts | undefined {
  const column = titleColumn(articles);
  if (!column) return undefined;
  const known = collected.get(column);
  if (known) return known;
  if (!ahead.has(column)) return undefined;
  const facts = collectAhead(column);
  giveBackWhenLarge();
  return facts;
}

/** Collects and keeps the facts started ahead for a title column (factsAhead's), or undefined when a worker failed. */
function collectAhead(column: object): TitleFacts | undefined {
  // Nothing here outlives the call: the reading is unreachable once it returns.
  const job = ahead.get(column)!;
  ahead.delete(column);
  const numbering = new TitleWordNumbering(job.rows);
  const features = { bits: new Int32Array(job.rows), lengths: new Int32Array(job.rows) };
  // A worker that failed leaves the titles to be read on this thread, by the caller.
  if (!job.started.collectInto(numbering, features)) return undefined;
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
  const facts = alone ? { words: titleWordIdsOfAll(titles, threads), features: alone } : titleFactsOf(titles, threads);
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
