import * as aq from 'arquero';
/**
 * Headline analysis: each feature on handmade titles (CJK and full-width punctuation), title
 * words, and on the real archive the feature counts recomputed here without the module's rules.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/stats/random.ts';
import { shrunkCohortIndex } from '../../src/analyze/shrunk-rank.ts';
import { codePoints, headlineFeatures, TITLE_FEATURES, type TitleFeature, titleFeatures, titleKeywords, titleLengthBins, titleWords } from '../../src/analyze/headlines.ts';
import { mannWhitney } from '../../src/stats/tests.ts';
import type { TitleWordIds } from '../../src/analyze/title-facts.ts';
import { withCohortIndex } from '../../src/analyze/cohort.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { articleTable, record } from '../helpers/articles.ts';
import { ARCHIVE, skipRealData } from '../helpers/shared.ts';

describe('title features', () => {
  it.each([
    ['5个方法，让你的小红书涨粉', ['digits', 'numberWithMeasure']],
    ['３招搞定用户增长', ['digits', 'numberWithMeasure']],
    ['从0到10w+：我的增长复盘', ['digits', 'numberWithMeasure', 'colon']],
    ['为什么你的产品没人用？', ['question']],
    ['Why AI products fail?', ['question', 'latinWord']],
    ['太难了！', ['exclamation']],
    ['【干货】用户研究入门', ['brackets']],
    ['「产品经理」的一天', ['brackets']],
    ['“增长”是什么', ['brackets']],
    ['运营：复盘', ['colon']],
    ['@所有人 新功能上线', ['leadingAtOrHash']],
    ['＃话题＃ 运营', ['leadingAtOrHash']],
    ['平平无奇的标题', []],
  ])('%s', (title, expected) => {
    const features = titleFeatures(title);
    const on = Object.entries(features).filter(([name, value]) => name !== 'length' && value === true).map(([name]) => name).sort();
    expect(on).toEqual([...expected].sort());
    expect(features.length).toBe([...title].length);
  });

  it('counts characters as code points, as [...text] does: emoji and CJK one each, a lone surrogate one', () => {
    for (const text of ['', 'a', '涨粉😀', '😀😀', '\ud83d', 'x\ud83dy', '\ude00\ud83d', 'a\ud83d\ude00b\udc00', '𠮷野家']) expect(codePoints(text)).toBe([...text].length);
  });

  it('splits titles into words of two or more characters, each once', () => {
    expect(titleWords('产品经理如何做用户研究？用户研究的3个方法')).toEqual(['产品', '经理', '如何', '用户', '研究', '方法']);
    expect(titleWords('AI Agent 入门')).toEqual(['ai', 'agent', '入门']);
  });

  it('compares articles with and without each feature, and bins title lengths', () => {
    const records = Array.from({ length: 60 }, (_, i) => record({ title: i % 3 ? `普通标题${'长'.repeat(i % 20)}` : `为什么要这样做？${i}`, views: i % 3 ? 100 : 300, published: `2024-0${(i % 5) + 1}-10` }));
    const table = headlineFeatures(articleTable(records), { resamples: 200 });
    const question = (table.objects() as { feature: string; countWith: number; countWithout: number; ratio: number; q: number }[]).find((r) => r.feature === 'question')!;
    expect([question.countWith, question.countWithout]).toEqual([20, 40]);
    expect(question.ratio).toBeCloseTo(3, 5);
    expect(question.q).toBeLessThan(0.05);
    const bins = titleLengthBins(articleTable(records)).objects() as { articles: number }[];
    expect(bins.reduce((s, b) => s + b.articles, 0)).toBe(60);
    expect(titleKeywords(articleTable(records), { minTitles: 20, resamples: 100 }).numRows()).toBeGreaterThan(0);
  });

  it('tests each feature as a plain Mann–Whitney of the two sides gives it, ties and articles without a cohort index included', () => {
    const random = seededRandom(12);
    const months = ['2024-01-15', '2024-02-10', '2024-03-05'];
    const records = Array.from({ length: 400 }, (_, i) => record({
      title: `${i % 3 === 0 ? '为什么' : ''}增长${i % 5 === 0 ? '：' : ''}${i % 7 === 0 ? '3个方法' : '复盘'}${i % 4 === 0 ? '？' : ''}`,
      // Few distinct view counts: many equal cohort indexes; a month without views: none.
      ...(i % 11 === 0 ? { published: '2023-12-01', views: 0 } : { published: months[i % 3], views: 100 * (1 + Math.floor(8 * random())) * (i % 4 === 0 ? 2 : 1) }),
    }));
    const table = withCohortIndex(articleTable(records));
    const cohort = (table.array('cohortIndex') as (number | null)[]).map((v) => v ?? NaN);
    const titles = table.array('title') as string[];
    const rows = headlineFeatures(table, { resamples: 50 }).objects() as { feature: TitleFeature; countWith: number; cohortIndexWith: number | null; cohortIndexWithout: number | null; p: number | null }[];
    const median = (values: number[]) => {
      const s = values.filter(Number.isFinite).sort((a, b) => a - b);
      return s.length === 0 ? null : s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    for (const row of rows) {
      const has = titles.map((title) => titleFeatures(title)[row.feature]);
      const withIt = cohort.filter((_, r) => has[r]);
      const without = cohort.filter((_, r) => !has[r]);
      expect(row.countWith).toBe(withIt.length);
      expect(row.cohortIndexWith).toBe(median(withIt));
      expect(row.cohortIndexWithout).toBe(median(without));
      expect(row.p).toBe(mannWhitney(withIt.filter(Number.isFinite), without.filter(Number.isFinite))?.p ?? null);
    }
    expect(rows.filter((r) => r.p !== null && r.p < 0.05).map((r) => r.feature)).toContain('question');
  });

  it('ranks title words by the shrunk cohort index: a lucky rare word does not top a common good one', () => {
    // Twenty ordinary words in 15 titles each (log-normal views), 产品 in 60 titles at 2.5× the
    // views, and 奇迹 in 5 titles that happened to get 3×.
    const random = seededRandom(4);
    const noise = () => Math.exp(Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
    const records = [];
    const words = ['运营', '增长', '用户', '数据', '设计', '营销', '社区', '内容', '电商', '品牌', '直播', '私域', '策略', '流量', '转化', '留存', '体验', '需求', '团队', '职场'];
    for (const word of words) for (let i = 0; i < 15; i++) records.push(record({ title: `${word} ${i}`, views: Math.round(1000 * noise()) }));
    for (let i = 0; i < 60; i++) records.push(record({ title: `产品 ${i}`, views: Math.round(2500 * noise()) }));
    for (let i = 0; i < 5; i++) records.push(record({ title: `奇迹 ${i}`, views: 3000 + i * 100 }));
    const rows = titleKeywords(articleTable(records), { minTitles: 5, resamples: 100 }).objects() as { word: string; cohortIndex: number; cohortIndexShrunk: number }[];
    const word = (w: string) => rows.find((r) => r.word === w)!;
    expect(word('奇迹').cohortIndex).toBeGreaterThan(word('产品').cohortIndex);
    expect(rows[0]!.word).toBe('产品');
    expect(word('奇迹').cohortIndexShrunk).toBeLessThan(word('奇迹').cohortIndex);
  });

  it('gives each word the titles and median cohort index that a plain reading of the titles gives (articles without a cohort index counted, not ranked)', () => {
    const random = seededRandom(9);
    const pool = ['运营', '增长', '用户', '数据', '设计', '营销', 'agent', '直播', '私域', '策略'];
    const months = ['2024-01-15', '2024-02-10', '2024-03-05'];
    const records = Array.from({ length: 600 }, (_, i) => {
      const words = pool.filter(() => random() < 0.3);
      // Titles with agent fare better, with 直播 worse: words that differ, for the shrinkage to keep apart.
      const lift = (words.includes('agent') ? 4 : 1) * (words.includes('直播') ? 0.3 : 1);
      return record({ title: `${words.join('的')}${i % 9 === 0 ? '？' : ''}`, ...(i % 13 === 0 ? { published: '2023-12-01', views: 0 } : { published: months[i % 3], views: Math.round(lift * (50 + 5000 * random() ** 3)) }) });
    });
    const table = withCohortIndex(articleTable(records));
    const rows = titleKeywords(table, { minTitles: 10, resamples: 50 }).objects() as { word: string; titles: number; cohortIndex: number | null; cohortIndexShrunk: number | null }[];
    const cohort = table.array('cohortIndex') as number[];
    expect(cohort.filter((v) => !Number.isFinite(v)).length).toBeGreaterThan(20); // a month of no views: no cohort index
    const byWord = new Map<string, number[]>();
    const rowsByWord = new Map<string, number[]>();
    (table.array('title') as string[]).forEach((title, row) => {
      for (const word of titleWords(title)) {
        byWord.set(word, [...byWord.get(word) ?? [], cohort[row]!]);
        rowsByWord.set(word, [...rowsByWord.get(word) ?? [], row]);
      }
    });
    // The shrunk index: the leaderboards' shrinkage over the listed words' rows, in order of first appearance.
    const listed = [...rowsByWord].filter(([, wordRows]) => wordRows.length >= 10);
    const shrunk = shrunkCohortIndex(Float64Array.from(cohort, (v) => v ?? NaN), listed.map(([, wordRows]) => Int32Array.from(wordRows)));
    const shrunkOf = new Map(listed.map(([word], i) => [word, shrunk[i]!.cohortIndexShrunk]));
    expect(new Set(shrunkOf.values()).size).toBeGreaterThan(1); // not all pulled to one value
    for (const row of rows) expect(row.cohortIndexShrunk).toBe(shrunkOf.get(row.word));
    const expected = [...byWord].filter(([, values]) => values.length >= 10).map(([word, values]) => {
      const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
      const middle = finite.length >> 1;
      return { word, titles: values.length, cohortIndex: finite.length % 2 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2 };
    });
    expect(rows.map(({ word, titles, cohortIndex }) => ({ word, titles, cohortIndex })).sort((a, b) => a.word.localeCompare(b.word)))
      .toEqual(expected.sort((a, b) => a.word.localeCompare(b.word)));
    expect(rows.length).toBeGreaterThan(5);
  });

  it.skipIf(skipRealData)('counts the real archive\'s titles with each feature as a direct count does', async () => {
    const { articles } = await loadArticles([ARCHIVE]);
    const titles = articles.array('title') as string[];
    const counted = Object.fromEntries((headlineFeatures(articles, { resamples: 20 }).objects() as { feature: string; countWith: number }[]).map((r) => [r.feature, r.countWith]));
    const has = (chars: string) => titles.filter((t) => [...chars].some((ch) => t.includes(ch))).length;
    expect(counted.question).toBe(has('?？'));
    expect(counted.exclamation).toBe(has('!！'));
    expect(counted.colon).toBe(has(':：'));
    expect(counted.brackets).toBe(has('【】「」“”《》'));
    expect(counted.digits).toBe(has('0123456789０１２３４５６７８９'));
    expect(counted.question! + counted.exclamation!).toBeGreaterThan(100);
  });
});

describe('title facts of a table', () => {
  it('are read once per title column: later calls, words or features, reuse them; a filtered table gets its own', async () => {
    const { titleWordIdsOfTable, titleFeatureBitsOfTable } = await import('../../src/analyze/title-facts.ts');
    const titles = ['小红书运营的5个方法', '为什么你的产品没有增长？', '用户增长 用户增长'];
    const articles = aq.table({ title: titles, views: [1, 2, 3] });
    const words = titleWordIdsOfTable(articles);
    expect(titleWordIdsOfTable(articles)).toBe(words);
    expect(titleWordIdsOfTable(articles.derive({ twice: (d: { views: number }) => d.views * 2 }))).toBe(words);
    expect(Array.from(titleFeatureBitsOfTable(articles).lengths)).toEqual(titles.map((title) => titleFeatures(title).length));
    const filtered = articles.filter((d: { views: number }) => d.views > 1);
    const own = titleWordIdsOfTable(filtered);
    expect(own).not.toBe(words);
    expect(own.offsets).toHaveLength(3);
  });
});

describe('title words on worker threads', () => {
  /** Each row's words, read back from their numbers. */
  const listsOf = ({ words, offsets, ids }: TitleWordIds) =>
    Array.from({ length: offsets.length - 1 }, (_, row) => Array.from(ids.subarray(offsets[row]!, offsets[row + 1]!), (id) => words[id]!));

  it('gives the same words, in the same order and numbered alike, as one thread', async () => {
    const { titleWordIdsOfAll, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const { titleWords: one } = await import('../../src/analyze/title-facts.ts');
    const base = ['小红书运营的5个方法', 'AI Agent 入门：从0到1', '为什么你的产品没有增长？', '', '\u001f控制字符\u001e测试', '用户增长 用户增长'];
    // Words new in a worker's share after the first share: numbered after the first share's.
    const titles = Array.from({ length: PARALLEL_TITLES + 7 }, (_, i) => `${base[i % base.length]}${i % 3 ? '' : ' 数据分析'}${i > 40_000 && i % 11 === 0 ? ` 第${i % 97}期直播` : ''}`);
    const parallel = titleWordIdsOfAll(titles, 2);
    const single = titleWordIdsOfAll(titles, 1);
    expect(parallel.offsets).toHaveLength(titles.length + 1);
    expect(listsOf(parallel)).toEqual(titles.map(one));
    expect(parallel).toEqual(single);
    // Three workers, each with its share of the titles, and this thread reading beside them.
    expect(titleWordIdsOfAll(titles, 4)).toEqual(single);
    expect(listsOf(parallel)[0]).toEqual(['运营', '方法', '数据', '分析']);
    expect(parallel.words.slice(0, 4)).toEqual(['运营', '方法', '数据', '分析']);
  });

  it('numbers tens of thousands of distinct words alike on any number of threads, a word twice in a title once, mixed case as lower case', async () => {
    const { titleWordIdsOfAll, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const { titleWords: one } = await import('../../src/analyze/title-facts.ts');
    // ~50,000 distinct Latin words (each thread's dictionary grows many times), some only in mixed case.
    const titles = Array.from({ length: PARALLEL_TITLES + 5 }, (_, i) => `产品${i % 7 ? '经理' : '运营'} ab${i} Ab${i % 1000} 用户增长 ab${i}${i % 13 ? '' : ` Zq${i}`}`);
    const single = titleWordIdsOfAll(titles, 1);
    expect(listsOf(single)).toEqual(titles.map(one));
    expect(listsOf(single)[15]).toEqual(['产品', '经理', 'ab15', '用户', '增长']); // Ab15 is ab15 lower-cased: once
    expect(single.words.length).toBeGreaterThan(PARALLEL_TITLES);
    expect(titleWordIdsOfAll(titles, 2)).toEqual(single);
    expect(titleWordIdsOfAll(titles, 4)).toEqual(single);
  });

  it('read ahead from a loaded table\'s UTF-8 bytes (several batches, rows in id order), gives the words, features and lengths of its titles', async () => {
    const { titleWordsAhead, titleWordIdsOfTable, titleFeatureBitsOfTable, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const { batchFromRecords } = await import('../../src/load/table/batch.ts');
    const { tableFromBatches } = await import('../../src/load/table/batch-table.ts');
    const base = ['小红书运营的5个方法', ' 为什么你的产品没有增长？ ', '用户增长 用户增长', '【干货】3招搞定：AI 😀', '#话题 运营！', 'B端产品经理的一天'];
    const n = PARALLEL_TITLES + 11;
    // Ids descend across three batches, so row r of the table is not value r of the bytes.
    const records = Array.from({ length: n }, (_, i) => record({ id: n - i, title: `${base[i % base.length]}${i % 5 ? '' : ` 第${i}期`}` }));
    const articles = tableFromBatches([0, 1, 2].map((b) => batchFromRecords(records.slice(Math.floor((b * n) / 3), Math.floor(((b + 1) * n) / 3))))).articles;
    const titles = articles.array('title') as string[];
    expect(titles[0]).toBe(records.at(-1)!.title);
    titleWordsAhead(articles, 3); // three shares of the rows
    const features = titleFeatureBitsOfTable(articles);
    const names = Object.keys(TITLE_FEATURES) as (keyof typeof TITLE_FEATURES)[];
    expect(Array.from(features.bits)).toEqual(titles.map((title) => names.reduce((bits, name, k) => bits | (titleFeatures(title)[name] ? 1 << k : 0), 0)));
    expect(Array.from(features.lengths)).toEqual(titles.map((title) => titleFeatures(title).length));
    expect(listsOf(titleWordIdsOfTable(articles))).toEqual(titles.map(titleWords));
  });

  it('read ahead from an NDJSON export\'s titles left in the file (and ones with escapes kept beside it), gives their words, and the table reads the same titles after', async () => {
    const { titleWordsAhead, titleWordIdsOfTable, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const { writeTree } = await import('../helpers/fixtures.ts');
    const base = ['小红书运营的5个方法', '为什么你的产品没有增长？', '【干货】"引号"和\\反斜杠', 'B端产品经理的一天 😀'];
    const n = PARALLEL_TITLES + 5;
    const titles = Array.from({ length: n }, (_, i) => `${base[i % base.length]} 第${i}期`);
    const lines = titles.map((title, i) => JSON.stringify({ id: i + 1, title, author: '作者', authorId: 7, category: 'operate', published: '2024-03-05', views: i, comments: 0, collects: 0, tags: ['运营'], url: `https://www.woshipm.com/operate/${i + 1}.html` }));
    const dir = writeTree({ 'titles.ndjson': `${lines.join('\n')}\n` });
    const { articles } = await loadArticles([`${dir}/titles.ndjson`]);
    titleWordsAhead(articles, 2);
    expect(listsOf(titleWordIdsOfTable(articles))).toEqual(titles.map(titleWords));
    expect(articles.array('title')).toEqual(titles);
  });

  it('read ahead for a table, gives the same words, features and lengths to the table and to one derived from it with the same rows', async () => {
    const { titleWordsAhead, titleWordIdsOfTable, titleFeatureBitsOfTable, titleWords: one, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const base = ['小红书运营的5个方法', '为什么你的产品没有增长？', '', '用户增长 用户增长', 'B端产品经理的一天', '【干货】3招搞定：AI 😀 ', '#话题 运营！'];
    const titles = Array.from({ length: PARALLEL_TITLES + 3 }, (_, i) => `${base[i % base.length]}${i % 7 ? '' : ` 第${i}期`}`);
    const articles = aq.table({ title: titles, views: titles.map((_, i) => i) });
    const expected = titles.map(one);
    const names = Object.keys(TITLE_FEATURES);
    const bitsOf = (title: string) => names.reduce((bits, name, k) => bits | (titleFeatures(title)[name as keyof typeof TITLE_FEATURES] ? 1 << k : 0), 0);
    titleWordsAhead(articles, 2);
    const derived = articles.derive({ twice: (d: { views: number }) => d.views * 2 });
    const features = titleFeatureBitsOfTable(derived);
    expect(Array.from(features.bits)).toEqual(titles.map(bitsOf));
    expect(Array.from(features.lengths)).toEqual(titles.map((title) => titleFeatures(title).length));
    expect(new Set(features.bits).size).toBeGreaterThan(4);
    expect(listsOf(titleWordIdsOfTable(articles))).toEqual(expected);
    // A filtered table never takes facts read ahead: they are read for its own rows.
    const filtered = articles.filter((d: { views: number }) => d.views % 2 === 0);
    titleWordsAhead(filtered, 2);
    expect(listsOf(titleWordIdsOfTable(filtered))).toEqual(expected.filter((_, i) => i % 2 === 0));
    expect(Array.from(titleFeatureBitsOfTable(filtered).bits)).toEqual(titles.filter((_, i) => i % 2 === 0).map(bitsOf));
  });
});
