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

// Separators of the shared result text: no title holds them once it is segmented (controls).
const WORD_END = '\u001f';
const TITLE_END = '\u001e';

// A worker segments its titles and writes "word␟word␟␞" per title into shared memory, then its
// length, and wakes the waiting thread. A title seen before in its share is not segmented again
// (series and reposts repeat titles; segmenting is the whole cost).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const wordsOf = ${wordsOf.toString()};
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const { titles, text, done } = workerData;
const out = new Uint16Array(text);
const seen = new Map();
let at = 0;
for (const title of titles) {
  let words = seen.get(title);
  if (words === undefined) seen.set(title, (words = wordsOf(segmenter, title)));
  for (const word of words) {
    for (let i = 0; i < word.length; i++) out[at++] = word.charCodeAt(i);
    out[at++] = ${WORD_END.charCodeAt(0)};
  }
  out[at++] = ${TITLE_END.charCodeAt(0)};
}
const flag = new Int32Array(done);
Atomics.store(flag, 1, at);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** Titles being segmented on worker threads, in order; `collect` waits for them. */
interface WordsInWorkers {
  collect(): string[][];
}

/** Starts one worker a share of `titles` (consecutive, in order). */
function segmentInWorkers(titles: readonly string[], shares: number): WordsInWorkers {
  const size = Math.ceil(titles.length / shares);
  const jobs: { text: SharedArrayBuffer; done: SharedArrayBuffer; worker: Worker }[] = [];
  for (let start = 0; start < titles.length; start += size) {
    const part = titles.slice(start, start + size);
    // Room for every word and separator: no more than the title's own characters plus one each.
    const units = part.reduce((sum, title) => sum + title.length * 2 + 2, 0);
    const text = new SharedArrayBuffer(units * 2);
    const done = new SharedArrayBuffer(8);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { titles: part, text, done } });
    worker.unref(); // words asked for ahead and never collected do not keep the process alive
    jobs.push({ text, done, worker });
  }
  return {
    collect: () => jobs.flatMap(({ text, done, worker }) => {
      const flag = new Int32Array(done);
      while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0, 1000);
      void worker.terminate();
      return decodeWords(new Uint16Array(text, 0, Atomics.load(flag, 1)));
    }),
  };
}

const cores = () => Math.min(8, availableParallelism());

/**
 * The words of every title, in order (see titleWords). From 50,000 titles the work is split
 * across worker threads, one per core, this thread taking the first share.
 * @param threads @default one per core (at most 8)
 * @example titleWordsOfAll(articles.array('title')) // [['用户', '增长', '方法'], …]
 */
export function titleWordsOfAll(titles: readonly string[], threads = cores()): string[][] {
  if (titles.length < PARALLEL_TITLES || threads < 2) return titles.map(titleWords);
  const share = Math.ceil(titles.length / threads);
  const rest = segmentInWorkers(titles.slice(share), threads - 1);
  const first = titles.slice(0, share).map(titleWords);
  return [...first, ...rest.collect()];
}

// Title words started ahead (titleWordsAhead), by the title column they are for.
const ahead = new WeakMap<object, WordsInWorkers>();

/** The title column a table's rows read in order, or undefined when a filter or order changes them. */
function titleColumn(articles: ColumnTable): object | undefined {
  return ownRows(articles) ? articles.column('title') ?? undefined : undefined;
}

/**
 * Starts segmenting the articles' titles on other cores (one worker a core but this one's, at
 * least one), so that a later titleWordsOfTable on the same table, or one derived from it with
 * the same rows, finds them done. Does nothing below 50,000 titles.
 * @example titleWordsAhead(input.articles) // before running notebooks that rank title words
 */
export function titleWordsAhead(articles: ColumnTable, threads = Math.max(1, cores() - 1)): void {
  const column = titleColumn(articles);
  if (!column || ahead.has(column) || articles.numRows() < PARALLEL_TITLES) return;
  ahead.set(column, segmentInWorkers(decodedColumn(articles, 'title') as string[], threads));
}

/**
 * The words of every article's title, in row order: those started by titleWordsAhead when there
 * are some, else titleWordsOfAll.
 * @example titleWordsOfTable(articles)[0] // ['用户', '增长', '方法']
 */
export function titleWordsOfTable(articles: ColumnTable): string[][] {
  const column = titleColumn(articles);
  const started = column && ahead.get(column);
  if (started) {
    ahead.delete(column);
    return started.collect();
  }
  return titleWordsOfAll(decodedColumn(articles, 'title') as string[]);
}

/** The titles' words from a worker's shared text. */
function decodeWords(units: Uint16Array): string[][] {
  const text = new TextDecoder('utf-16le').decode(units);
  const titles = text.split(TITLE_END);
  titles.pop(); // after the last title's end
  return titles.map((title) => (title ? title.slice(0, -1).split(WORD_END) : []));
}
