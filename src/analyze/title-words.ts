/**
 * The words of titles, for ranking title words like tags. Word breaks come from Intl.Segmenter's
 * Chinese dictionary, which costs about 12 µs a title: a million titles take 12 seconds on one
 * thread, so large sets are split across worker threads (one per core), each running the same
 * rule. The caller waits for them synchronously, so analyses stay plain functions; the words are
 * the same, in the same order, whatever the number of threads. A report starts them ahead
 * (titleWordsAhead) so that other cores segment while the notebooks before Headlines run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ColumnTable } from 'arquero';
import { decodedColumn, ownRows } from './columns.ts';

/**
 * The rule, self-contained so that worker threads run its own source: word-like segments of two
 * or more characters that are not only digits and hold no control character, lower-cased, each
 * once, in order.
 */
function wordsOf(segmenter: Intl.Segmenter, title: string): string[] {
  const words = new Set<string>();
  for (const segment of segmenter.segment(title)) {
    const word = segment.segment.trim();
    if (segment.isWordLike && [...word].length >= 2 && !/^[0-9０-９]+$/.test(word) && !/[\u0000-\u001f]/.test(word)) words.add(word.toLowerCase());
  }
  return [...words];
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The words of a title (Intl.Segmenter's Chinese word breaks): word-like segments of two or more
 * characters, each once, in order.
 * @example titleWords('用户增长的5个方法') // ['用户', '增长', '方法']
 */
export function titleWords(title: string): string[] {
  return wordsOf(segmenter, title);
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

  /** Adds the next title's words, as numbers of this numbering. */
  addTitle(ids: ArrayLike<number>): void {
    const at = this.offsets[this.titles]!;
    if (at + ids.length > this.ids.length) {
      const grown = new Int32Array(Math.max(2 * this.ids.length, at + ids.length));
      grown.set(this.ids);
      this.ids = grown;
    }
    for (let k = 0; k < ids.length; k++) this.ids[at + k] = ids[k]!;
    this.offsets[++this.titles] = at + ids.length;
  }

  result(): TitleWordIds {
    return { words: this.words, offsets: this.offsets, ids: this.ids.slice(0, this.offsets[this.titles]) };
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

// Separator of the words in a worker's shared dictionary text: no word holds a control character.
const WORD_END = '\u001f';

// A worker segments its titles and numbers their words in its own dictionary. Into shared memory
// it writes, per title, the count of its words and their numbers, and the dictionary as
// "word␟word␟…"; then both lengths, and wakes the waiting thread. A title seen before in its share
// is not segmented again (series and reposts repeat titles; segmenting is the whole cost).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const wordsOf = ${wordsOf.toString()};
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const { titles, numbers, dictionary, done } = workerData;
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
for (const title of titles) {
  let ids = seen.get(title);
  if (ids === undefined) seen.set(title, (ids = wordsOf(segmenter, title).map(numberOf)));
  out[at++] = ids.length;
  for (const id of ids) out[at++] = id;
}
const flag = new Int32Array(done);
Atomics.store(flag, 1, at);
Atomics.store(flag, 2, textAt);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** Titles being segmented on worker threads, in order; `collectInto` waits for them. */
interface WordsInWorkers {
  /** Adds the titles' words, share after share, to a numbering. */
  collectInto(numbering: TitleWordNumbering): void;
}

/** Starts one worker a share of `titles` (consecutive, in order). */
function segmentInWorkers(titles: readonly string[], shares: number): WordsInWorkers {
  const size = Math.ceil(titles.length / shares);
  const jobs: { numbers: SharedArrayBuffer; dictionary: SharedArrayBuffer; done: SharedArrayBuffer; worker: Worker }[] = [];
  for (let start = 0; start < titles.length; start += size) {
    const part = titles.slice(start, start + size);
    // Room for every title's count and words (each word is at least two characters), and for a
    // dictionary of every word (lower-casing may lengthen a word: twice its characters, plus ends).
    const characters = part.reduce((sum, title) => sum + title.length, 0);
    const numbers = new SharedArrayBuffer((part.length + characters) * 4);
    const dictionary = new SharedArrayBuffer((characters * 2 + part.length * 2) * 2);
    const done = new SharedArrayBuffer(12);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { titles: part, numbers, dictionary, done } });
    worker.unref(); // words asked for ahead and never collected do not keep the process alive
    jobs.push({ numbers, dictionary, done, worker });
  }
  return {
    collectInto: (numbering) => {
      for (const { numbers, dictionary, done, worker } of jobs) {
        const flag = new Int32Array(done);
        while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
        void worker.terminate();
        const local = new TextDecoder('utf-16le').decode(new Uint16Array(dictionary, 0, Atomics.load(flag, 2))).split(WORD_END);
        local.pop(); // after the last word's end
        const global = Int32Array.from(local, (word) => numbering.numberOf(word));
        const out = new Int32Array(numbers, 0, Atomics.load(flag, 1));
        for (let at = 0; at < out.length;) {
          const count = out[at++]!;
          const ids = out.subarray(at, at + count);
          for (let k = 0; k < count; k++) ids[k] = global[ids[k]!]!;
          numbering.addTitle(ids);
          at += count;
        }
      }
    },
  };
}

const cores = () => Math.min(8, availableParallelism());

/**
 * The words of every title, numbered (see TitleWordIds and titleWords). From 50,000 titles the
 * work is split across worker threads, one per core, this thread taking the first share.
 * @param threads @default one per core (at most 8)
 * @example const { words, offsets, ids } = titleWordIdsOfAll(articles.array('title'))
 */
export function titleWordIdsOfAll(titles: readonly string[], threads = cores()): TitleWordIds {
  const numbering = new TitleWordNumbering(titles.length);
  if (titles.length < PARALLEL_TITLES || threads < 2) {
    numberTitles(numbering, titles);
    return numbering.result();
  }
  const share = Math.ceil(titles.length / threads);
  const rest = segmentInWorkers(titles.slice(share), threads - 1);
  numberTitles(numbering, titles.slice(0, share));
  rest.collectInto(numbering);
  return numbering.result();
}

// Title words started ahead (titleWordsAhead), by the title column they are for.
const ahead = new WeakMap<object, WordsInWorkers>();

/** The title column a table's rows read in order, or undefined when a filter or order changes them. */
function titleColumn(articles: ColumnTable): object | undefined {
  return ownRows(articles) ? articles.column('title') ?? undefined : undefined;
}

/**
 * Starts segmenting the articles' titles on other cores (one worker a core but this one's, at
 * least one), so that a later titleWordIdsOfTable on the same table, or one derived from it with
 * the same rows, finds them done. Does nothing below 50,000 titles.
 * @example titleWordsAhead(input.articles) // before running notebooks that rank title words
 */
export function titleWordsAhead(articles: ColumnTable, threads = Math.max(1, cores() - 1)): void {
  const column = titleColumn(articles);
  if (!column || ahead.has(column) || articles.numRows() < PARALLEL_TITLES) return;
  ahead.set(column, segmentInWorkers(decodedColumn(articles, 'title') as string[], threads));
}

/**
 * The words of every article's title, numbered, in row order: those started by titleWordsAhead
 * when there are some, else titleWordIdsOfAll.
 * @example const { words, offsets, ids } = titleWordIdsOfTable(articles)
 */
export function titleWordIdsOfTable(articles: ColumnTable): TitleWordIds {
  const column = titleColumn(articles);
  const started = column && ahead.get(column);
  if (started) {
    ahead.delete(column);
    const numbering = new TitleWordNumbering(articles.numRows());
    started.collectInto(numbering);
    return numbering.result();
  }
  return titleWordIdsOfAll(decodedColumn(articles, 'title') as string[]);
}
