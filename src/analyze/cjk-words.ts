/**
 * The word-like segments of a title as Intl.Segmenter('zh', { granularity: 'word' }) finds them,
 * found here in a few microseconds instead of ~15: Intl.Segmenter costs about a microsecond per
 * segment it hands out, and most of a title's time goes there, not into the dictionary.
 *
 * What ICU does, and what is done here alike:
 * - A run of Han characters is a range of ICU's dictionary engine (CjkBreakEngine), which splits
 *   it where the sum of its words' costs is least: at each character, every dictionary word that
 *   starts there (up to 20 characters, from the UCharsTrie icu-dictionary.ts reads) or, when no
 *   one-character word does, the character alone at cost 255. Every word of it is word-like.
 * - Between such runs, Unicode's word rules (UAX #29): a run of Latin letters and digits (ASCII
 *   or fullwidth) is one word-like segment; punctuation, symbols and spaces are segments that are
 *   not word-like. A middle character (`.`, `:`, `'`, `,`, `，`, `：`, …) joins letters or digits
 *   on both its sides into one segment: such a title is left to Intl.Segmenter.
 * - Anything else (kana and other Han characters, which ICU's engine handles with other rules;
 *   combining marks, format characters and emoji, which attach to what precedes them; other
 *   scripts; `_`) leaves the title to Intl.Segmenter too: about 4 real titles in 1,000.
 * The character classes were read from ICU itself (every character between letters, digits, Han
 * characters and spaces), and test/cjk-words.test.ts checks them and the whole against
 * Intl.Segmenter; icuWordSplitter also checks sample titles before it is used.
 */
import { icuWordDictionary } from './icu-dictionary.ts';

/** The word-like segments of a title, in order, or undefined when Intl.Segmenter must read it. */
export interface WordSplitter {
  (title: string): string[] | undefined;
  /**
   * The same segments without a string each: segment k is the title's UTF-16 units
   * `into[2k]` to `into[2k + 1]` (end excluded), `into` holding at least 2 × the title's length.
   * Each segment is a run of Han characters or of letters and digits: it neither starts nor ends
   * with a space.
   * @returns how many segments, or -1 when Intl.Segmenter must read the title
   */
  bounds(title: string, into: Int32Array): number;
}

/**
 * A splitter over a dictionary trie (icuWordDictionary's). Self-contained: worker threads run
 * its own source.
 * @example const split = cjkWordSplitter(trie); split('用户增长的5个方法') // ['用户', '增长', '的', '5', '个', '方法']
 */
export function cjkWordSplitter(trie: Uint16Array): WordSplitter {
  // Character classes by UTF-16 unit: 0 leaves the title to Intl.Segmenter.
  const OTHER = 0, HARD = 1, MIDDLE = 2, ALNUM = 3, HAN = 4;
  const classes = new Uint8Array(0x10000);
  const mark = (ranges: string, kind: number) => {
    for (const range of ranges.split(' ')) {
      const [from, to = from] = range.split('-').map((hex) => parseInt(hex, 16));
      classes.fill(kind, from!, to! + 1);
    }
  };
  // Never part of a word-like segment, and never joined to a letter, digit or Han character.
  mark('9 20-26 28-2b 2d 2f 3c-40 5b-5e 60 7b-7e a0-a9 ab-ac ae-b4 b6 b9 bb-bf d7 f7 2010-2017 201a-2023 2025-2026 2028-2029 2030-203e 2041-2043 2045-2053 2055-205e 2190-23ff 2460-24b5 24ea-27bf 3000-3004 3008-3020 3030 3036-3037 303d-303f fe10-fe12 fe14-fe1f fe30-fe32 fe35-fe4c fe51 fe53 fe56-fe6f ff01-ff06 ff08-ff0b ff0d ff0f ff1c-ff20 ff3b-ff3e ff40 ff5b-ff65 ffe0-ffee', HARD);
  // Joins letters or digits on both sides (UAX #29's MidLetter, MidNum, MidNumLet); else as HARD.
  mark('27 2c 2e 3a-3b b7 2018-2019 2024 2027 2044 fe13 fe50 fe52 fe54-fe55 ff07 ff0c ff0e ff1a-ff1b', MIDDLE);
  mark('30-39 41-5a 61-7a ff10-ff19 ff21-ff3a ff41-ff5a', ALNUM);
  // CJK Unified Ideographs and Extension A: all assigned, Han, and unchanged by NFKC.
  mark('3400-4dbf 4e00-9fff', HAN);

  // ICU's UCharsTrie (ucharstrie.h): `position` is the next unit to read (-1: no match), `remaining`
  // the units left of a linear-match node minus one.
  const MIN_LINEAR_MATCH = 0x30, MIN_VALUE_LEAD = 0x40, VALUE_IS_FINAL = 0x8000;
  const MIN_TWO_UNIT_VALUE_LEAD = 0x4000, THREE_UNIT_VALUE_LEAD = 0x7fff;
  const MIN_TWO_UNIT_NODE_VALUE_LEAD = 0x4040, THREE_UNIT_NODE_VALUE_LEAD = 0x7fc0;
  const MIN_TWO_UNIT_DELTA_LEAD = 0xfc00, THREE_UNIT_DELTA_LEAD = 0xffff, MAX_BRANCH_LINEAR_SUB_NODE_LENGTH = 5;
  // Results: no match, a prefix only, a word that nothing longer extends, a word that may be extended.
  const NO_MATCH = 0, NO_VALUE = 1, FINAL_VALUE = 2, INTERMEDIATE_VALUE = 3;
  let position = 0;
  let remaining = -1;
  const valueResult = (node: number) => (node & VALUE_IS_FINAL ? FINAL_VALUE : INTERMEDIATE_VALUE);
  const branchNext = (at: number, length: number, unit: number): number => {
    if (length === 0) length = trie[at++]!;
    length++;
    while (length > MAX_BRANCH_LINEAR_SUB_NODE_LENGTH) {
      if (unit < trie[at++]!) {
        length >>= 1;
        let delta = trie[at++]!;
        if (delta >= MIN_TWO_UNIT_DELTA_LEAD) {
          if (delta === THREE_UNIT_DELTA_LEAD) {
            delta = (trie[at]! << 16) | trie[at + 1]!;
            at += 2;
          } else delta = ((delta - MIN_TWO_UNIT_DELTA_LEAD) << 16) | trie[at++]!;
        }
        at += delta;
      } else {
        length -= length >> 1;
        const delta = trie[at++]!;
        if (delta >= MIN_TWO_UNIT_DELTA_LEAD) at += delta === THREE_UNIT_DELTA_LEAD ? 2 : 1;
      }
    }
    do {
      if (unit === trie[at++]!) {
        let node = trie[at]!;
        let result: number;
        if (node & VALUE_IS_FINAL) result = FINAL_VALUE;
        else {
          at++;
          let delta: number;
          if (node < MIN_TWO_UNIT_VALUE_LEAD) delta = node;
          else if (node < THREE_UNIT_VALUE_LEAD) delta = ((node - MIN_TWO_UNIT_VALUE_LEAD) << 16) | trie[at++]!;
          else {
            delta = (trie[at]! << 16) | trie[at + 1]!;
            at += 2;
          }
          at += delta;
          node = trie[at]!;
          result = node >= MIN_VALUE_LEAD ? valueResult(node) : NO_VALUE;
        }
        position = at;
        return result;
      }
      length--;
      const lead = trie[at++]! & 0x7fff;
      if (lead >= MIN_TWO_UNIT_VALUE_LEAD) at += lead < THREE_UNIT_VALUE_LEAD ? 1 : 2;
    } while (length > 1);
    if (unit === trie[at++]!) {
      position = at;
      const node = trie[at]!;
      return node >= MIN_VALUE_LEAD ? valueResult(node) : NO_VALUE;
    }
    position = -1;
    return NO_MATCH;
  };
  const nextFrom = (at: number, unit: number): number => {
    let node = trie[at++]!;
    for (;;) {
      if (node < MIN_LINEAR_MATCH) return branchNext(at, node, unit);
      if (node < MIN_VALUE_LEAD) {
        const length = node - MIN_LINEAR_MATCH;
        if (unit !== trie[at++]!) break;
        remaining = length - 1;
        position = at;
        return remaining < 0 && (node = trie[at]!) >= MIN_VALUE_LEAD ? valueResult(node) : NO_VALUE;
      }
      if (node & VALUE_IS_FINAL) break;
      // An intermediate value before the node proper: skip it.
      if (node >= MIN_TWO_UNIT_NODE_VALUE_LEAD) at += node < THREE_UNIT_NODE_VALUE_LEAD ? 1 : 2;
      node &= 0x3f;
    }
    position = -1;
    return NO_MATCH;
  };
  const next = (unit: number): number => {
    const at = position;
    if (at < 0) return NO_MATCH;
    if (remaining >= 0) {
      if (unit !== trie[at]!) {
        position = -1;
        return NO_MATCH;
      }
      remaining--;
      position = at + 1;
      const node = trie[at + 1]!;
      return remaining < 0 && node >= MIN_VALUE_LEAD ? valueResult(node) : NO_VALUE;
    }
    return nextFrom(at, unit);
  };
  const value = (): number => {
    const lead = trie[position]!;
    const at = position + 1;
    if (lead & VALUE_IS_FINAL) {
      const unit = lead & 0x7fff;
      if (unit < MIN_TWO_UNIT_VALUE_LEAD) return unit;
      return unit < THREE_UNIT_VALUE_LEAD ? ((unit - MIN_TWO_UNIT_VALUE_LEAD) << 16) | trie[at]! : (trie[at]! << 16) | trie[at + 1]!;
    }
    if (lead < MIN_TWO_UNIT_NODE_VALUE_LEAD) return (lead >> 6) - 1;
    return lead < THREE_UNIT_NODE_VALUE_LEAD ? (((lead & 0x7fc0) - MIN_TWO_UNIT_NODE_VALUE_LEAD) << 10) | trie[at]! : (trie[at]! << 16) | trie[at + 1]!;
  };

  // CjkBreakEngine::divideUpDictionaryRange: least total cost of the words up to each character.
  const MAX_WORD = 20;
  const LONE_CHARACTER_COST = 255;
  const NONE = 0xffffffff;
  let cost = new Uint32Array(64);
  let previous = new Int32Array(64);
  const lengths = new Int32Array(MAX_WORD + 1);
  const costs = new Int32Array(MAX_WORD + 1);
  const ends: number[] = [];
  // The trie's state after each first character, found once: its first step is a binary search
  // among the tens of thousands of characters that start a word.
  const firstPosition = new Int32Array(0x10000).fill(-2);
  const firstRemaining = new Int8Array(0x10000);
  const firstResult = new Uint8Array(0x10000);
  const first = (unit: number): number => {
    if (firstPosition[unit] === -2) {
      remaining = -1;
      firstResult[unit] = nextFrom(0, unit);
      firstPosition[unit] = position;
      firstRemaining[unit] = remaining;
    } else {
      position = firstPosition[unit]!;
      remaining = firstRemaining[unit]!;
    }
    return firstResult[unit]!;
  };
  // Writes the words of the Han run title[from, to) into `into` from pair `count`; returns the new count.
  const hanWords = (title: string, from: number, to: number, into: Int32Array, count: number): number => {
    const n = to - from;
    if (cost.length <= n) {
      cost = new Uint32Array(2 * n + 2);
      previous = new Int32Array(2 * n + 2);
    }
    cost.fill(NONE, 0, n + 1);
    cost[0] = 0;
    for (let i = 0; i < n; i++) {
      if (cost[i] === NONE) continue;
      let count = 0;
      for (let k = i; k < n && k - i < MAX_WORD; k++) {
        const result = k === i ? first(title.charCodeAt(from + k)) : next(title.charCodeAt(from + k));
        if (result >= FINAL_VALUE) {
          costs[count] = value();
          lengths[count++] = k - i + 1;
          if (result === FINAL_VALUE) break;
        } else if (result === NO_MATCH) break;
      }
      if (count === 0 || lengths[0] !== 1) {
        costs[count] = LONE_CHARACTER_COST;
        lengths[count++] = 1;
      }
      for (let j = 0; j < count; j++) {
        const total = cost[i]! + costs[j]!;
        const end = i + lengths[j]!;
        if (total < cost[end]!) {
          cost[end] = total;
          previous[end] = i;
        }
      }
    }
    ends.length = 0;
    for (let end = n; end > 0; end = previous[end]!) ends.push(end);
    for (let k = ends.length - 1, start = 0; k >= 0; k--) {
      into[2 * count] = from + start;
      into[2 * count++ + 1] = from + ends[k]!;
      start = ends[k]!;
    }
    return count;
  };

  const bounds = (title: string, into: Int32Array): number => {
    const n = title.length;
    let count = 0;
    for (let i = 0; i < n;) {
      const kind = classes[title.charCodeAt(i)]!;
      if (kind === HAN || kind === ALNUM) {
        let end = i + 1;
        while (end < n && classes[title.charCodeAt(end)] === kind) end++;
        if (kind === HAN) count = hanWords(title, i, end, into, count);
        else {
          into[2 * count] = i;
          into[2 * count++ + 1] = end;
        }
        i = end;
      } else if (kind === HARD) i++;
      else if (kind === MIDDLE) {
        if (i > 0 && i + 1 < n && classes[title.charCodeAt(i - 1)] === ALNUM && classes[title.charCodeAt(i + 1)] === ALNUM) return -1;
        i++;
      } else return -1;
    }
    return count;
  };
  let room = new Int32Array(128);
  const split = (title: string): string[] | undefined => {
    if (room.length < 2 * title.length) room = new Int32Array(4 * title.length);
    const count = bounds(title, room);
    if (count < 0) return undefined;
    const out: string[] = [];
    for (let k = 0; k < count; k++) out.push(title.slice(room[2 * k]!, room[2 * k + 1]!));
    return out;
  };
  split.bounds = bounds;
  return split;
}

// Titles whose words the splitter must find as Intl.Segmenter does before it is used: a Node whose
// ICU breaks words otherwise (another version, another dictionary) keeps Intl.Segmenter alone.
const SAMPLE_TITLES = [
  '5个方法：让你的小红书涨粉？', '从0到1搭建B端产品的中台系统', 'AI产品经理的2023年复盘（上）', '用户增长的底层逻辑，你真的懂吗',
  '私域流量运营：如何打造个人品牌IP', '数据分析师必备的SQL技巧 | 实战篇', '《产品思维》读书笔记：需求分析与用户体验设计',
  '抖音、快手、视频号：短视频平台的内容分发机制对比', '中国互联网行业十年发展史与未来趋势展望',
];

let splitter: WordSplitter | null | undefined;

/**
 * The splitter over the running ICU's dictionary, or undefined where there is none or where it
 * does not find Intl.Segmenter's words in sample titles. Read once per process.
 * @example const split = icuWordSplitter(); const words = split?.(title) ?? wordsFromSegmenter(title)
 */
export function icuWordSplitter(): WordSplitter | undefined {
  if (splitter === undefined) {
    const trie = icuWordDictionary();
    const split = trie && cjkWordSplitter(trie);
    splitter = split && agreesWithSegmenter(split) ? split : null;
  }
  return splitter ?? undefined;
}

/** Whether a splitter finds Intl.Segmenter's word-like segments in the sample titles. */
export function agreesWithSegmenter(split: (title: string) => string[] | undefined, titles: readonly string[] = SAMPLE_TITLES): boolean {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  return titles.every((title) => {
    const words = split(title);
    const expected = [...segmenter.segment(title)].filter((segment) => segment.isWordLike).map((segment) => segment.segment);
    return words !== undefined && words.join('\u0000') === expected.join('\u0000');
  });
}
