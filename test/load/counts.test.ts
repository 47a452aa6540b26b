/**
 * Counts are read exactly or the file (row) is rejected with the line and the text found: the
 * whole token before "views", never a part of it; the same rule for every format, with and
 * without the native helper.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/load/load-articles.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { setEnv } from '../helpers/env.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const BAD = ['1e309', '-5', '0x10', '0.5', '99999999999999999999', '1000000000001'];
const GOOD: [string, number][] = [['1,234', 1234], ['1.2万', 12000], ['3.4k', 3400], ['1000000000000', 1e12], ['999999999999', 999999999999]];

function markdownArchive(): string {
  const files: Record<string, string> = {};
  [...BAD, ...GOOD.map(([text]) => text)].forEach((views, i) => {
    files[`pd/2024/01/${500 + i}.md`] = newestLayout({
      stats: `👁️ ${views} views | 💬 1 comments | ⭐ 2 collects`,
      original: `[View](https://www.woshipm.com/pd/${500 + i}.html)`,
    });
  });
  const folder = writeTree(files);
  folders.push(folder);
  return folder;
}

function exportFiles(): string {
  const rows = [...BAD, ...GOOD.map(([text]) => text)].map((views, i) => ({
    id: 600 + i, title: `t${i}`, url: `https://www.woshipm.com/pd/${600 + i}.html`, published: '2024-01-02', views, comments: 0, collects: 0, tags: [],
  }));
  const numbers = [1.5, -5, 1e13, 12, 1e12].map((views, i) => ({ ...rows[0]!, id: 700 + i, url: `https://www.woshipm.com/pd/${700 + i}.html`, views }));
  const folder = writeTree({
    'text.ndjson': rows.map((row) => JSON.stringify(row)).join('\n'),
    'numbers.ndjson': numbers.map((row) => JSON.stringify(row)).join('\n'),
    'text.json': JSON.stringify(rows.map((row) => ({ ...row, id: row.id + 1000, url: row.url.replace('/6', '/16') }))),
    'text.csv': `id,title,url,published,views,comments,collects,tags\n${rows.map((row) => `${row.id + 2000},t,${row.url.replace('/6', '/26')},2024-01-02,"${row.views}",0,0,`).join('\n')}\n`,
  });
  folders.push(folder);
  return folder;
}

describe.each([['with the native helper', '1'], ['without it', '0']])('counts, %s', (_, native) => {
  it('markdown: the whole token before the label, or a reject with the line and the text', async () => {
    const restoreNative = setEnv('PULSE_NATIVE', native);
    try {
      const result = await loadArticles([markdownArchive()]);
      expect(result.rejects.map((r) => [r.line, /no readable views count/.test(r.reason)])).toEqual(BAD.map(() => [6, true]));
      for (const [i, bad] of BAD.entries()) expect(result.rejects[i]!.reason).toContain(bad);
      expect(result.rejects.find((r) => r.reason.includes('"0.5"'))!.reason).toMatch(/"0\.5" is not a count/);
      expect(result.rejects.find((r) => r.reason.includes('"1000000000001"'))!.reason).toMatch(/is over 10\^12/);
      expect((result.articles.array('views') as number[]).slice().sort((a, b) => a - b)).toEqual(GOOD.map(([, v]) => v).sort((a, b) => a - b));
    } finally {
      restoreNative();
    }
  });

  it('NDJSON, JSON and CSV: the same rule, numbers included (1.5 is not 2)', async () => {
    const restoreNative = setEnv('PULSE_NATIVE', native);
    try {
      const result = await loadArticles([exportFiles()]);
      const loaded = new Map((result.articles.objects() as { id: number; views: number }[]).map((a) => [a.id, a.views]));
      for (const offset of [0, 1000, 2000]) {
        for (const [i] of BAD.entries()) expect(loaded.has(600 + i + offset), `${offset} ${BAD[i]}`).toBe(false);
        for (const [i, [, value]] of GOOD.entries()) expect(loaded.get(600 + BAD.length + i + offset)).toBe(value);
      }
      expect([700, 701, 702, 703, 704].map((id) => loaded.get(id) ?? null)).toEqual([null, null, null, 12, 1e12]);
      expect(result.rejects.filter((r) => r.path.endsWith('numbers.ndjson')).map((r) => r.reason)).toEqual([
        'unreadable or missing counts: views (1.5 is not a whole number)',
        'unreadable or missing counts: views (-5 is negative)',
        'unreadable or missing counts: views (10000000000000 is over 10^12)',
      ]);
    } finally {
      restoreNative();
    }
  });
});
