/**
 * The word splitter over ICU's dictionary against Intl.Segmenter itself: every title it reads
 * must give Intl.Segmenter's word-like segments, in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreesWithSegmenter, cjkWordSplitter, icuWordSplitter } from '../../src/analyze/cjk-words.ts';
import { icuWordDictionary } from '../../src/analyze/icu-dictionary.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { ARCHIVE, skipRealData } from '../helpers/shared.ts';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const wordLike = (title: string) => [...segmenter.segment(title)].filter((s) => s.isWordLike).map((s) => s.segment);

// A Node built with its own full ICU (the official builds) holds the dictionary; one built
// against the system's ICU or with a small ICU does not, and its titles go to Intl.Segmenter.
const icu = process.config.variables as { icu_gyp_path?: string; icu_small?: boolean | string };
const fullIcuInside = String(icu.icu_gyp_path).endsWith('icu-generic.gyp') && String(icu.icu_small) === 'false';
const trie = icuWordDictionary();
const split = trie && cjkWordSplitter(trie);

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** `count` strings, each made by `make` from a deterministic stream of numbers seeded with `seed`. */
function generated(count: number, seed: number, make: (next: () => number) => string): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => make(next));
}

/** Titles whose words differ between the splitter and Intl.Segmenter, and how many it read. */
function disagreements(titles: readonly string[]): { read: number; differing: string[] } {
  let read = 0;
  const differing: string[] = [];
  for (const title of titles) {
    const words = split!(title);
    if (words === undefined) continue;
    read++;
    if (words.join('|') !== wordLike(title).join('|')) differing.push(title);
  }
  return { read, differing };
}

const COMMON = '的一是了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切增引配修群备用户增长产品经理运营私域流量品牌策略数据分析体验设计搭建中台系统复盘案例';
// Natural text: long words, names, and characters found only inside longer words (葡萄, 琵琶, 蝴蝶).
const PROSE = '人工智能正在改变互联网公司的产品经理如何做用户体验设计中华人民共和国的数字化转型让社交媒体平台与短视频直播带货成为新的商业模式知识付费和私域流量运营需要可持续发展的供应链管理小红书微信公众号抖音快手哔哩哔哩的内容分发机制马斯洛需求层次理论告诉我们北京大学和哈佛商学院的研究者发现葡萄牙的琵琶与蝴蝶效应彷徨踌躇之间的犹豫不决是新能源汽车换电模式蔚来汽车的业务专家对行业的分析为我们提供了多种补给方式';
// Words whose first character is no word of its own in ICU's dictionary (its first step is a
// prefix only): there ICU also tries the character alone.
const PREFIX_WORDS = ['咔嚓', '唢呐', '蜗牛', '腼腆', '姹紫嫣红', '撸串', '硚口', '叁拾', '喰', '働', '撃', '瑠璃', '痩身', '颓', '馀'];
const PIECES = ['AI', 'B端', '2.0', '3.5亿', "don't", 'Wi-Fi', ' ', '  ', '，', '：', '？', '！', '“', '”', '《', '》', '【', '】', '(', ')', '|', '-', '_', '.', ',', ':', "'", '"', '1', '2023', '１２', 'ＡＩ', '😀', '👍🏻', '🇨🇳', '#', '@', '&', '%', '$', 'é', 'e\u0301', '\u200d', '\u200b', 'カタカナ', 'ひらがな', '〇', '々', '丽', '𠀀', '\u3000', '—', '–', '…', '·', '~', '+', '/', '½', 'Ⅷ', 'ⓐ', '\t', '\n', 'iPhone15', 'x.y', 'a:b', '1,000', '1，000', 'a：b', 'e.g.', '.NET', 'C++', 'Node.js', '≠', '→', '‘', '’', '中', '國', '龘', '\u9fff', '\u3400'];

describe('the word splitter over ICU\'s dictionary', () => {
  it('is read from this Node where it holds ICU\'s full data', () => {
    expect(trie !== undefined).toBe(fullIcuInside);
    expect(icuWordSplitter() !== undefined).toBe(fullIcuInside);
  });

  it.skipIf(!fullIcuInside)('agrees with Intl.Segmenter on the sample titles', () => {
    expect(trie).toBeInstanceOf(Uint16Array);
    expect(trie!.length).toBeGreaterThan(100_000);
    expect(icuWordSplitter()).toBeTypeOf('function');
    expect(split!('用户增长的5个方法：从0到1搭建B端产品')).toEqual(['用户', '增长', '的', '5', '个', '方法', '从', '0', '到', '1', '搭建', 'B', '端', '产品']);
    // A splitter that finds other words is refused.
    expect(agreesWithSegmenter((title) => [...title])).toBe(false);
  });

  it.skipIf(!fullIcuInside)('splits runs of Han characters as ICU\'s dictionary engine does (100,000 random runs)', () => {
    const runs = generated(100_000, 12345, (next) => {
      let run = '';
      const length = 1 + Math.floor(next() * 40);
      for (let i = 0; i < length; i++) run += next() < 0.8 ? COMMON[Math.floor(next() * COMMON.length)] : String.fromCharCode(0x4e00 + Math.floor(next() * 0x5200));
      return run;
    });
    const { read, differing } = disagreements(runs);
    expect(read).toBe(runs.length);
    expect(differing).toEqual([]);
  });

  it.skipIf(!fullIcuInside)('splits natural text as ICU\'s dictionary engine does (50,000 random slices of prose)', () => {
    const runs = generated(50_000, 7, (next) => {
      const at = Math.floor(next() * PROSE.length);
      return PROSE.slice(at, at + 1 + Math.floor(next() * 60)) + (next() < 0.3 ? PROSE.slice(0, Math.floor(next() * 10)) : '');
    });
    const { read, differing } = disagreements(runs);
    expect(read).toBe(runs.length);
    expect(differing).toEqual([]);
  });

  it.skipIf(!fullIcuInside)('splits runs around words that start with a character that is no word alone (20,000 random runs)', () => {
    const runs = generated(20_000, 3, (next) => {
      let run = '';
      for (let parts = 1 + Math.floor(next() * 5); parts > 0; parts--) {
        const word = PREFIX_WORDS[Math.floor(next() * PREFIX_WORDS.length)]!;
        const r = next();
        run += r < 0.4 ? word : r < 0.6 ? word.slice(0, 1) : r < 0.8 ? word.slice(1) : COMMON.slice(Math.floor(next() * 600), Math.floor(next() * 600) + 3);
      }
      return run;
    });
    expect(disagreements(runs)).toEqual({ read: runs.length, differing: [] });
  });

  it.skipIf(!fullIcuInside)('finds Intl.Segmenter\'s words in titles mixing Han, Latin, digits, punctuation, emoji and other scripts, or leaves them to it', () => {
    const titles = generated(200_000, 99, (next) => {
      let title = '';
      const parts = 1 + Math.floor(next() * 7);
      for (let i = 0; i < parts; i++) {
        if (next() < 0.5) {
          const at = Math.floor(next() * COMMON.length);
          title += COMMON.slice(at, at + 1 + Math.floor(next() * 8));
        } else title += PIECES[Math.floor(next() * PIECES.length)]!;
      }
      return title;
    });
    const { read, differing } = disagreements(titles);
    expect(differing).toEqual([]);
    expect(read).toBeGreaterThan(100_000);
    // What it cannot read it leaves: a middle character between letters, kana, combining marks, emoji, `_`.
    for (const title of ['a.b用户', '1，000个', 'カタカナ用户', 'e\u0301用户', '用户😀', '产品_经理', '〇一', '用户\n增长']) expect(split!(title)).toBeUndefined();
  });

  it.skipIf(!fullIcuInside)('classes every character it reads alone as Intl.Segmenter does, between letters, digits, Han characters and spaces', () => {
    const contexts = ['a', 'Z', '1', 'Ａ', '１', '中', ' ', '', '。'];
    for (let unit = 0; unit < 0x10000; unit++) {
      const c = String.fromCharCode(unit);
      // Han characters, letters and digits are the contexts; the other tests read them in runs.
      if (/[\u3400-\u4dbf\u4e00-\u9fff0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(c) || split!(`中${c}中`) === undefined) continue;
      for (const left of contexts) {
        for (const right of contexts) {
          const title = left + c + right;
          const words = split!(title);
          if (words !== undefined) expect([title, words]).toEqual([title, wordLike(title)]);
        }
      }
    }
  });

  it.skipIf(skipRealData || !fullIcuInside)('finds the words of the real archive\'s titles as Intl.Segmenter does, and reads almost all of them', async () => {
    const { articles } = await loadArticles([ARCHIVE]);
    const titles = articles.array('title') as string[];
    const { read, differing } = disagreements(titles);
    expect(differing).toEqual([]);
    expect(read).toBeGreaterThan(0.99 * titles.length);
  });

  it.skipIf(skipRealData || !fullIcuInside)('finds Intl.Segmenter\'s words in the lines of real articles, and in their runs of Han characters', () => {
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.isDirectory()) walk(join(folder, entry.name));
        else if (entry.name.endsWith('.md') && entry.name !== 'README.md' && files.length < 400) files.push(join(folder, entry.name));
      }
    };
    walk(ARCHIVE);
    const lines = files.flatMap((file) => readFileSync(file, 'utf8').split('\n'));
    const runs = lines.flatMap((line) => line.match(/[\u3400-\u4dbf\u4e00-\u9fff]+/g) ?? []);
    expect(runs.length).toBeGreaterThan(20_000);
    expect(disagreements(runs)).toEqual({ read: runs.length, differing: [] });
    const { read, differing } = disagreements(lines);
    expect(differing).toEqual([]);
    expect(read).toBeGreaterThan(lines.length / 2);
  });
});
