/**
 * What a title says, one title at a time: its words, its features and its length. Each rule is
 * written once; the functions marked self-contained are also run from their own source on the
 * threads that read a large table's titles (title-facts.ts).
 */

/**
 * The rule, self-contained so that worker threads run its own source: word-like segments of two
 * or more characters that are not only digits and hold no control character, lower-cased, each
 * once, in order (wordKind). The segments are the segmenter's, or, for a title a splitter reads
 * (cjk-words.ts: the same segments, faster), the splitter's.
 */
export function wordsOf(segmenter: Intl.Segmenter, title: string, split?: (title: string) => string[] | undefined): string[] {
  // A title's words are few: a list checked with includes (SameValueZero, as a Set) costs less
  // than a Set made for each title and spread into a list.
  const words: string[] = [];
  const add = (segment: string) => {
    const word = segment.trim();
    const kind = wordKind(word, 0, word.length);
    if (kind === 0) return;
    const kept = kind === 2 ? word.toLowerCase() : word;
    if (!words.includes(kept)) words.push(kept);
  };
  const segments = split?.(title);
  if (segments) for (let i = 0; i < segments.length; i++) add(segments[i]!);
  else for (const segment of segmenter.segment(title)) if (segment.isWordLike) add(segment.segment);
  return words;
}

/**
 * Whether a trimmed segment (text's UTF-16 units start to end) is a word, self-contained: 0 not
 * (under two characters, a control character, only digits), 1 a word as it is, 2 a word to
 * lower-case (it holds a letter lower-casing may change: not for digits, lower-case ASCII and
 * Han characters, nearly every word of a Chinese title). Two UTF-16 units are one character only
 * as a surrogate pair.
 * @example wordKind('AI产品', 0, 4) // 2
 */
export function wordKind(text: string, start: number, end: number): number {
  const length = end - start;
  if (length < 2) return 0;
  if (length === 2) {
    const high = text.charCodeAt(start);
    const low = text.charCodeAt(start + 1);
    if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) return 0;
  }
  let digits = true;
  let cased = false;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20) return 0;
    if (digits && !((unit >= 0x30 && unit <= 0x39) || (unit >= 0xff10 && unit <= 0xff19))) digits = false;
    if ((unit >= 0x41 && unit <= 0x5a) || (unit >= 0x80 && (unit < 0x3400 || unit > 0x9fff))) cased = true;
  }
  if (digits) return 0;
  return cased ? 2 : 1;
}

/** The word breaks every title is read with on this thread (worker threads make their own alike). */
export const TITLE_SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * The words of a title (Intl.Segmenter's Chinese word breaks): word-like segments of two or more
 * characters, each once, in order.
 * @example titleWords('用户增长的5个方法') // ['用户', '增长', '方法']
 */
export function titleWords(title: string): string[] {
  return wordsOf(TITLE_SEGMENTER, title);
}

/** The title features, each with what it tests. */
export const TITLE_FEATURES = {
  digits: /[0-9０-９]/,
  numberWithMeasure: /[0-9０-９]+\s*(?:个|招|种|步|点|条|类|大|件|天|年|倍|分钟|小时|w\+?|W\+?|万\+?|k\+?|K\+?)/,
  question: /[?？]/,
  exclamation: /[!！]/,
  brackets: /[【】「」“”《》]/,
  colon: /[:：]/,
  latinWord: /[A-Za-z]{2,}/,
  leadingAtOrHash: /^\s*[@#＃＠]/,
} as const;

export type TitleFeature = keyof typeof TITLE_FEATURES;

/**
 * A title's length in characters (a CJK character or an emoji is one) and its features.
 * @example titleFeatures('5个方法：让你的小红书涨粉？') // { length: 14, digits: true, numberWithMeasure: true, question: true, colon: true, … }
 */
export function titleFeatures(title: string): Record<TitleFeature, boolean> & { length: number } {
  const bits = featureBits(FEATURE_PATTERNS, title);
  const features = Object.fromEntries(Object.keys(TITLE_FEATURES).map((name, k) => [name, (bits & (1 << k)) !== 0])) as Record<TitleFeature, boolean>;
  return { ...features, length: codePoints(title.trim()) };
}

/**
 * Characters of a text as a person counts them: code points (a CJK character or an emoji is one;
 * a lone surrogate is one), as `[...text].length` counts them, without an array per title.
 * @example codePoints('涨粉😀') // 3
 */
export function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

// The features as patterns in TITLE_FEATURES' order: bit k of a title's feature bits is feature k.
export const FEATURE_PATTERNS: readonly RegExp[] = Object.values(TITLE_FEATURES);

/** A title's feature bits. Self-contained: worker threads run its own source. */
export function featureBits(patterns: readonly RegExp[], title: string): number {
  let bits = 0;
  for (let k = 0; k < patterns.length; k++) if (patterns[k]!.test(title)) bits |= 1 << k;
  return bits;
}
