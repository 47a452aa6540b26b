/**
 * Reading many titles' facts (feature bits, length, words) in chunks that threads take in turn:
 * each worker has a share of consecutive chunks and claims its next chunk as it finishes one, and
 * the thread that needs the results, going through the chunks in order, claims and reads those
 * still left in each share instead of waiting idle. Segmenting costs ~3 µs a title with ICU's
 * dictionary read directly (cjk-words.ts), ~15 µs with Intl.Segmenter, so a million distinct titles
 * are seconds of one core: how much of that overlaps other work, and on how many cores, decides
 * how long a report waits for its title words.
 *
 * Each thread numbers words in its own dictionary; the collecting thread then numbers them for
 * good chunk by chunk, in order, so the result is the same whichever thread read which chunk and
 * however many threads there are: words numbered in order of first appearance, row by row.
 */
import type { Worker } from 'node:worker_threads';
import { chunkOf, type SharedUtf8, utf8Value } from '../load/table/table-columns.ts';
import { codePoints, FEATURE_PATTERNS, featureBits, TITLE_SEGMENTER, wordKind, wordsOf } from './title-rules.ts';
import { ASIDE_WAIT_MS, TEXT_READ, textReadAside } from '../load/table/source-text.ts';
import { SIDE_THREAD_LIMITS, startThread } from '../worker-script.ts';
import type { TitleFeatureBits } from './title-facts.ts';
import { cjkWordSplitter, icuWordSplitter, type WordSplitter } from './cjk-words.ts';
import { icuWordDictionary } from './icu-dictionary.ts';

/** From this many titles, words are read with ICU's dictionary directly where it is found (cjk-words.ts). */
export const DICTIONARY_TITLES = 10_000;

/** Titles a chunk holds: small enough that the collecting thread's share evens out, large enough that claiming costs nothing. */
export const CHUNK_TITLES = 4096;

/**
 * Titles a thread remembers to skip repeats (series and reposts repeat titles; segmenting is the
 * whole cost); beyond that it starts afresh, so that a million distinct titles are not all held.
 */
const REMEMBERED_TITLES = 200_000;

/**
 * A thread reading with ICU's dictionary stops remembering titles when, after this many, fewer
 * than one in REPEATS_WORTH_IT was a repeat: remembering then costs more than it saves.
 */
const TITLES_BEFORE_JUDGING = 65_536;
const REPEATS_WORTH_IT = 10;

// A chunk's state: not yet read (or being read), read, or failed (the collecting thread reads it again).
const DONE = 1;
const FAILED = 2;
// The state array: for each share (a worker's consecutive chunks), how many of its chunks are
// claimed; then five numbers a chunk: its state, the thread that read it, where its numbers end,
// how long that thread's dictionary was after it, and how many words its titles hold.
const FIELDS = 5;
const stateAt = (shares: number, chunk: number) => shares + chunk * FIELDS;

// The numbers before each title's words in a chunk: feature bits, length, word count (readChunk
// writes them; it runs on worker threads from its own source, so it spells the 3 out). A title
// the same thread has read before is one number instead, -1 - where that reading's numbers start
// (feature bits are never negative): series and reposts repeat titles, and the numbers stay
// resident from the report's start to its title notebook (a million titles, 67,000 of them
// distinct: ~35 MB as copies, ~6 MB with the references).
const TITLE_HEAD = 3;

// Separator of the words in a worker's shared dictionary text: no word holds a control character.
const WORD_END = '\u001f';

/** The titles being read: strings, or a text column's shared bytes (decoded one title at a time). */
export type TitleSource = readonly string[] | SharedUtf8;

/** What a thread needs to read a chunk. Self-contained (no outside names), as worker threads run its source. */
interface ChunkReader {
  titleAt: (title: number) => string;
  count: number;
  chunkSize: number;
  /** Every chunk's numbers: per title its feature bits, its length, its word count and its words' numbers in this thread's dictionary. */
  out: Int32Array;
  /** Where each chunk's numbers start in `out`. */
  base: Float64Array;
  numberOf: (word: string) => number;
  /** numberOf of the word that is units start to end of a text, without making its string where the dictionary can. */
  numberOfRange: (text: string, start: number, end: number) => number;
  /** Room for the splitter's segment bounds (WordSplitter.bounds), grown as a title needs. */
  bounds: Int32Array;
  /** Words in the titles read so far (repeats included). */
  words: number;
  seen: Map<string, number>;
  /** How many titles `seen` holds at most; 0 once repeats proved too rare to look for. */
  remembered: number;
  /** Titles read so far, and how many of them were repeats. */
  titles: number;
  repeats: number;
  /** TITLES_BEFORE_JUDGING (Infinity: never judged) and REPEATS_WORTH_IT (worker threads run readChunk's own source). */
  judgeAfter: number;
  repeatsWorthIt: number;
  patterns: readonly RegExp[];
  segmenter: Intl.Segmenter;
  /** The faster reader of most titles' words (cjk-words.ts), where ICU's dictionary was found. */
  split: WordSplitter | undefined;
  rules: { wordsOf: typeof wordsOf; wordKind: typeof wordKind; featureBits: typeof featureBits; codePoints: typeof codePoints };
}

/**
 * Reads chunk `chunk` into its place in `out` and tells where its numbers end. Self-contained:
 * worker threads run its own source.
 */
function readChunk(chunk: number, reader: ChunkReader): number {
  const { out, seen, rules } = reader;
  let at = reader.base[chunk]!;
  const end = Math.min(reader.count, (chunk + 1) * reader.chunkSize);
  for (let t = chunk * reader.chunkSize; t < end; t++) {
    const title = reader.titleAt(t);
    reader.titles++;
    const known = reader.remembered > 0 ? seen.get(title) : undefined;
    if (known !== undefined) {
      out[at++] = -1 - known;
      reader.words += out[known + 2]!;
      reader.repeats++;
      continue;
    }
    if (reader.remembered > 0) {
      if (seen.size >= reader.remembered) seen.clear();
      seen.set(title, at);
    }
    out[at] = rules.featureBits(reader.patterns, title);
    out[at + 1] = rules.codePoints(title.trim());
    if (reader.split && reader.bounds.length < 2 * title.length) reader.bounds = new Int32Array(4 * title.length);
    const segments = reader.split ? reader.split.bounds(title, reader.bounds) : -1;
    if (segments >= 0) {
      // wordsOf's rule on the splitter's segments (which start and end with no space: trimmed),
      // numbered as they come without a string each where the dictionary can; a word the title
      // holds twice is left out by its number, as wordsOf leaves it out by its text.
      const first = at + 3;
      let next = first;
      const bounds = reader.bounds;
      for (let k = 0; k < segments; k++) {
        const start = bounds[2 * k]!;
        const end = bounds[2 * k + 1]!;
        const kind = rules.wordKind(title, start, end);
        if (kind === 0) continue;
        const id = kind === 2 ? reader.numberOf(title.slice(start, end).toLowerCase()) : reader.numberOfRange(title, start, end);
        let repeat = false;
        for (let j = first; j < next && !repeat; j++) repeat = out[j] === id;
        if (!repeat) out[next++] = id;
      }
      out[at + 2] = next - first;
      reader.words += next - first;
      at = next;
      continue;
    }
    const words = rules.wordsOf(reader.segmenter, title);
    out[at + 2] = words.length;
    reader.words += words.length;
    at += 3;
    for (const word of words) out[at++] = reader.numberOf(word);
  }
  if (reader.remembered > 0 && reader.titles >= reader.judgeAfter && reader.repeats * reader.repeatsWorthIt < reader.titles) {
    reader.remembered = 0;
    seen.clear();
  }
  return at;
}

/**
 * Title `t` of a source: the string, or the value its row points to in the shared bytes.
 * Self-contained: worker threads run its own source.
 */
function titleReader(strings: readonly string[] | undefined, utf8: Omit<SharedUtf8, 'index'> | undefined, rows: Int32Array | undefined, first: number, read: { utf8Value: typeof utf8Value; chunkOf: typeof chunkOf }): (t: number) => string {
  if (strings) return (t) => strings[t - first]!;
  const { bytes, starts, offsets, firsts, trim, emptyIsNull } = utf8!;
  const buffers = starts.slice(1).map((end, c) => Buffer.from(bytes, starts[c], end - starts[c]!));
  return (t) => {
    const i = rows![t - first]!;
    const c = read.chunkOf(firsts, i);
    return read.utf8Value(buffers[c]!, offsets[c]!, i - firsts[c]!, trim, emptyIsNull) as string;
  };
}

// A worker claims the chunks of its share (its titles start at title `first`) until none is
// left, numbering words in its own dictionary (shared text "word␟word␟…"); after each chunk it
// records where the chunk's numbers end and its dictionary's length, then marks the chunk read and
// wakes the collecting thread. A chunk it fails on is marked failed (the collecting thread reads
// it), and it claims no more.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const ${wordKind.name} = ${wordKind.toString()};
const rules = { wordsOf: ${wordsOf.toString()}, wordKind: ${wordKind.name}, featureBits: ${featureBits.toString()}, codePoints: ${codePoints.toString()} };
const read = { utf8Value: ${utf8Value.toString()}, chunkOf: ${chunkOf.toString()} };
const textReadAside = ${textReadAside.toString()};
const titleReader = ${titleReader.toString()};
const readChunk = ${readChunk.toString()};
const cjkWordSplitter = ${cjkWordSplitter.toString()};
const { strings, utf8, rows, first, patterns, numbers, dictionary, state, base, count, chunkSize, shares, share, thread, trie } = workerData;
const flags = new Int32Array(state);
const text = new Uint16Array(dictionary);
let textAt = 0;
// This thread's dictionary: words numbered in order of first appearance, their units in \`text\`,
// found by a hash of their units (open addressing), so that a word is looked up from the title's
// units without a string of its own.
let slots = new Int32Array(1 << 12); // a word's number + 1; 0: empty
let wordAt = new Int32Array(1 << 11);
let wordLength = new Int32Array(1 << 11);
let wordHash = new Int32Array(1 << 11);
let wordCount = 0;
const hashOf = (source, start, end) => {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193);
  return hash;
};
const place = (hash, id) => {
  const mask = slots.length - 1;
  let i = hash & mask;
  while (slots[i] !== 0) i = (i + 1) & mask;
  slots[i] = id + 1;
};
const numberOfRange = (source, start, end) => {
  const length = end - start;
  const hash = hashOf(source, start, end);
  const mask = slots.length - 1;
  for (let i = hash & mask; slots[i] !== 0; i = (i + 1) & mask) {
    const id = slots[i] - 1;
    if (wordHash[id] !== hash || wordLength[id] !== length) continue;
    const at = wordAt[id];
    let same = true;
    for (let k = 0; k < length && same; k++) same = text[at + k] === source.charCodeAt(start + k);
    if (same) return id;
  }
  const id = wordCount++;
  if (id === wordAt.length) {
    const grow = (array) => { const grown = new Int32Array(2 * array.length); grown.set(array); return grown; };
    wordAt = grow(wordAt);
    wordLength = grow(wordLength);
    wordHash = grow(wordHash);
  }
  wordAt[id] = textAt;
  wordLength[id] = length;
  wordHash[id] = hash;
  for (let k = start; k < end; k++) text[textAt++] = source.charCodeAt(k);
  text[textAt++] = ${WORD_END.charCodeAt(0)};
  if (2 * wordCount > slots.length) {
    slots = new Int32Array(2 * slots.length);
    for (let other = 0; other < wordCount; other++) place(wordHash[other], other);
  } else place(hash, id);
  return id;
};
let chunk = -1;
try {
  const reader = {
    count, chunkSize, out: new Int32Array(numbers), base, words: 0, seen: new Map(), remembered: ${REMEMBERED_TITLES}, rules,
    titles: 0, repeats: 0, judgeAfter: trie ? ${TITLES_BEFORE_JUDGING} : Infinity, repeatsWorthIt: ${REPEATS_WORTH_IT},
    patterns: patterns.map(([source, flags]) => new RegExp(source, flags)),
    segmenter: new Intl.Segmenter('zh', { granularity: 'word' }),
    split: trie ? cjkWordSplitter(trie) : undefined,
    bounds: new Int32Array(256),
    numberOf: (word) => numberOfRange(word, 0, word.length),
    numberOfRange,
  };
  // Titles still being read from their file on a helper thread: wait until they are in.
  if (utf8 && utf8.ready && !textReadAside(new Int32Array(utf8.ready), ${ASIDE_WAIT_MS}, ${TEXT_READ})) throw new Error('the titles could not be read');
  reader.titleAt = titleReader(strings, utf8, rows, first, read);
  while ((chunk = share.start + Atomics.add(flags, thread, 1)) < share.end) {
    const wordsBefore = reader.words;
    const end = readChunk(chunk, reader);
    const at = shares + chunk * ${FIELDS};
    flags[at + 1] = thread;
    flags[at + 2] = end - base[chunk];
    flags[at + 3] = textAt;
    flags[at + 4] = reader.words - wordsBefore;
    Atomics.store(flags, at, ${DONE});
    Atomics.notify(flags, at);
  }
} catch {
  if (chunk >= 0 && chunk < share.end) {
    Atomics.store(flags, shares + chunk * ${FIELDS}, ${FAILED});
    Atomics.notify(flags, shares + chunk * ${FIELDS});
  }
}
`;

/** Words numbered in order of first appearance: word k is `words[k]`. */
export class WordDictionary {
  readonly words: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The word's number, a new one the first time it is seen. */
  numberOf(word: string): number {
    let id = this.numbers.get(word);
    if (id === undefined) {
      this.numbers.set(word, (id = this.words.length));
      this.words.push(word);
    }
    return id;
  }
}

/** Numbers words for good and collects each title's numbers (title-facts' TitleWordNumbering). */
export interface WordNumbering {
  numberOf(word: string): number;
  addTitle(ids: ArrayLike<number>, from?: number, count?: number): void;
  /** Room for this many word numbers in all, known before the first title is added. */
  reserve(total: number): void;
}

/** Titles being read in chunks by worker threads; `collectInto` reads what is left and waits for the rest. */
export interface SharedTitleReading {
  /**
   * Adds every title's words, in order, to a numbering, and their feature bits and lengths to
   * `features`.
   * @returns false when the titles could not be read (their file's helper thread failed): read them another way
   */
  collectInto(numbering: WordNumbering, features: TitleFeatureBits): boolean;
}

/** Bytes (strings: UTF-16 units) of each chunk's titles: their numbers take at most three a title and one per two of these. */
function chunkCharacters(source: TitleSource, chunks: number): Float64Array {
  const characters = new Float64Array(chunks);
  if (Array.isArray(source)) {
    (source as readonly string[]).forEach((title, t) => { characters[Math.floor(t / CHUNK_TITLES)]! += title.length; });
    return characters;
  }
  const { firsts, offsets, index } = source as SharedUtf8;
  for (let t = 0; t < index.length; t++) {
    const i = index[t]!;
    const c = chunkOf(firsts, i);
    characters[Math.floor(t / CHUNK_TITLES)]! += offsets[c]![i - firsts[c]! + 1]! - offsets[c]![i - firsts[c]!]!;
  }
  return characters;
}

/** Dictionary room for words of titles of this many characters (lower-casing may lengthen a word: twice its characters, plus ends), in bytes. */
const dictionaryBytes = (characters: number, titles: number) => (characters * 2 + titles * 2) * 2;

/**
 * Starts `workers` worker threads reading the titles' facts in chunks, each its own share of
 * consecutive chunks (none when 0: the collecting thread then reads them all). A worker gets only
 * its share's titles (strings) or row numbers (shared bytes).
 * @example const reading = readTitlesInChunks(titles, 3); … reading.collectInto(numbering, features)
 */
export function readTitlesInChunks(source: TitleSource, workers: number): SharedTitleReading {
  const strings = Array.isArray(source) ? (source as readonly string[]) : undefined;
  const utf8 = strings ? undefined : (source as SharedUtf8);
  const count = strings ? strings.length : utf8!.index.length;
  const chunks = Math.ceil(count / CHUNK_TITLES);
  const characters = chunkCharacters(source, chunks);
  const base = new Float64Array(chunks + 1);
  const titlesIn = (chunk: number) => Math.min(CHUNK_TITLES, count - chunk * CHUNK_TITLES);
  for (let c = 0; c < chunks; c++) base[c + 1] = base[c]! + TITLE_HEAD * titlesIn(c) + characters[c]!;
  const numbers = new SharedArrayBuffer(base[chunks]! * 4);
  const shares = Math.max(1, Math.min(workers, chunks));
  const shareStart = Array.from({ length: shares + 1 }, (_, s) => Math.floor((s * chunks) / shares));
  const state = new SharedArrayBuffer((shares + chunks * FIELDS) * 4);
  // What each thread needs of the bytes (its share of the row index it gets as `rows`).
  const shared = utf8 && { bytes: utf8.bytes, starts: utf8.starts, offsets: utf8.offsets, firsts: utf8.firsts, trim: utf8.trim, emptyIsNull: utf8.emptyIsNull, ready: utf8.ready };
  const patterns = FEATURE_PATTERNS.map((pattern) => [pattern.source, pattern.flags]);
  // ICU's dictionary is found in ~35 ms and then saves ~12 µs a title: worth it from DICTIONARY_TITLES.
  const split = count >= DICTIONARY_TITLES ? icuWordSplitter() : undefined;
  const trie = split && icuWordDictionary();
  const started: { worker: Worker; dictionary: SharedArrayBuffer }[] = [];
  for (let thread = 0; thread < Math.min(workers, chunks); thread++) {
    const share = { start: shareStart[thread]!, end: shareStart[thread + 1]! };
    const first = share.start * CHUNK_TITLES;
    const last = Math.min(count, share.end * CHUNK_TITLES);
    const dictionary = new SharedArrayBuffer(dictionaryBytes(characters.subarray(share.start, share.end).reduce((sum, n) => sum + n, 0), last - first));
    const workerData = {
      strings: strings?.slice(first, last), utf8: shared, rows: utf8?.index.slice(first, last), first,
      patterns, numbers, dictionary, state, base, count, chunkSize: CHUNK_TITLES, shares, share, thread, trie,
    };
    const worker = startThread(WORKER_SOURCE, { eval: true, resourceLimits: SIDE_THREAD_LIMITS, workerData });
    worker.unref(); // titles read ahead and never collected do not keep the process alive
    started.push({ worker, dictionary });
  }
  return {
    collectInto: (numbering, features) => {
      const flags = new Int32Array(state);
      const out = new Int32Array(numbers);
      const at = (chunk: number) => stateAt(shares, chunk);
      const here = started.length; // this thread's number
      const dictionaries = started.map(({ dictionary }) => ({ text: new Uint16Array(dictionary), decoded: 0, words: [] as string[] }));
      const utf16 = new TextDecoder('utf-16le');
      const mine = new WordDictionary();
      let reader: ChunkReader | undefined;
      const readHere = (chunk: number): boolean => {
        if (!reader) {
          if (utf8?.ready && !textReadAside(new Int32Array(utf8.ready), ASIDE_WAIT_MS, TEXT_READ)) return false;
          reader = {
            titleAt: titleReader(strings, shared, utf8?.index, 0, { utf8Value, chunkOf }), count, chunkSize: CHUNK_TITLES, out, base, words: 0,
            seen: new Map(), remembered: REMEMBERED_TITLES, titles: 0, repeats: 0, judgeAfter: split ? TITLES_BEFORE_JUDGING : Infinity, repeatsWorthIt: REPEATS_WORTH_IT,
            patterns: FEATURE_PATTERNS, segmenter: TITLE_SEGMENTER, split,
            rules: { wordsOf, wordKind, featureBits, codePoints }, numberOf: (word) => mine.numberOf(word),
            numberOfRange: (text, start, end) => mine.numberOf(text.slice(start, end)), bounds: new Int32Array(256),
          };
        }
        flags[at(chunk) + 1] = here;
        const wordsBefore = reader.words;
        flags[at(chunk) + 2] = readChunk(chunk, reader) - base[chunk]!;
        flags[at(chunk) + 4] = reader.words - wordsBefore;
        Atomics.store(flags, at(chunk), DONE);
        return true;
      };
      // Each thread's words as numbered for good, by its own number for them.
      const global = Array.from({ length: here + 1 }, () => [] as number[]);
      const wordsOfThread = (thread: number, chunk: number): string[] => {
        if (thread === here) return mine.words;
        const dictionary = dictionaries[thread]!;
        const end = flags[at(chunk) + 3]!;
        if (end > dictionary.decoded) {
          const added = utf16.decode(dictionary.text.subarray(dictionary.decoded, end)).split(WORD_END);
          added.pop(); // after the last word's end
          for (const word of added) dictionary.words.push(word);
          dictionary.decoded = end;
        }
        return dictionary.words;
      };
      const ids: number[] = [];
      let title = 0;
      const collect = (chunk: number) => {
        const thread = flags[at(chunk) + 1]!;
        const words = wordsOfThread(thread, chunk);
        const numbered = global[thread]!;
        const end = base[chunk]! + flags[at(chunk) + 2]!;
        for (let k = base[chunk]!; k < end; title++) {
          const repeat = out[k]! < 0;
          const head = repeat ? -1 - out[k]! : k;
          features.bits[title] = out[head]!;
          features.lengths[title] = out[head + 1]!;
          const n = out[head + 2]!;
          ids.length = n;
          for (let w = 0; w < n; w++) {
            const local = out[head + TITLE_HEAD + w]!;
            ids[w] = numbered[local] ??= numbering.numberOf(words[local]!);
          }
          numbering.addTitle(ids, 0, n);
          k += repeat ? 1 : TITLE_HEAD + n;
        }
      };
      // In order, until every chunk is read: one read is passed; one failed is read here; else this
      // thread claims and reads the next chunk of the same share, or waits when the share's are all
      // claimed. Then all are collected, into room for exactly their words.
      for (let next = 0, share = 0; next < chunks;) {
        while (next >= shareStart[share + 1]!) share++;
        const status = Atomics.load(flags, at(next));
        if (status === DONE) next++;
        else if (status === FAILED) {
          if (!readHere(next)) return stop(started);
        } else {
          const claimed = shareStart[share]! + Atomics.add(flags, share, 1);
          if (claimed < shareStart[share + 1]!) {
            if (!readHere(claimed)) return stop(started);
          } else Atomics.wait(flags, at(next), status, 1000);
        }
      }
      let words = 0;
      for (let chunk = 0; chunk < chunks; chunk++) words += flags[at(chunk) + 4]!;
      numbering.reserve(words);
      for (let chunk = 0; chunk < chunks; chunk++) collect(chunk);
      stop(started);
      return true;
    },
  };
}

/** Ends the workers (those still waiting for their titles' file, say). */
function stop(started: readonly { worker: Worker }[]): false {
  for (const { worker } of started) void worker.terminate();
  return false;
}
