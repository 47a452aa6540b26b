import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/load/walk/discover.ts';
import { parseCanonicalHeader } from '../../src/load/formats/markdown-fast.ts';
import { parseMarkdownBytes } from '../../src/load/formats/markdown.ts';
import { parseFileBytes } from '../../src/load/formats/parse-file.ts';
import { BatchBuilder, textOf } from '../../src/load/table/batch.ts';
import { generateArchive } from '../../scripts/sample-archive.ts';
import { flatLayout, newestLayout, oldestLayout } from '../helpers/fixtures.ts';
import { ARCHIVE, skipRealData } from '../helpers/shared.ts';

/**
 * The byte reader of the canonical form and the general parser give the same result for `text`;
 * returns whether the byte reader took it.
 */
function agree(bytes: Buffer, path = 'x.md'): boolean {
  const general = parseMarkdownBytes(bytes, path, false);
  const both = parseMarkdownBytes(bytes, path, true);
  expect(both, bytes.toString('utf8', 0, 700)).toEqual(general);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return parseCanonicalHeader(bytes, start, path) !== null;
}

// A seeded stream, so a failure names a case that comes back.
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('the canonical header reader (markdown-fast.ts) agrees with the general parser', () => {
  it('gives a batch the same title and brief bytes as the record the general parser reads (trimmed alike)', () => {
    const variants = [
      {}, { title: '\u3000【推荐】 产品\u00a0 ' }, { title: '\u2003标题\ufeff' }, { brief: '' }, { brief: '\u3000 ' },
      { brief: ' 简介\u205f' }, { brief: '\u3001顿号开头。\u3000' }, { title: 'A <b>&amp;</b>' },
    ];
    for (const variant of variants) {
      const bytes = Buffer.from(newestLayout(variant));
      expect(agree(bytes), JSON.stringify(variant)).toBe(true);
      const viaBytes = new BatchBuilder();
      const parsed = parseFileBytes('x.md', 'markdown', bytes, viaBytes);
      expect(parsed.rejects).toEqual([]);
      const viaRecord = new BatchBuilder();
      const general = parseMarkdownBytes(bytes, 'x.md', false);
      if (!general.ok) throw new Error('the general parser rejected a fixture');
      viaRecord.appendRecord(general.record);
      const [a, b] = [viaBytes.done(), viaRecord.done()];
      for (const column of ['title', 'url', 'brief'] as const) {
        const [x, y] = [textOf(a[column]), textOf(b[column])];
        expect(Buffer.from(x.bytes.subarray(0, x.offsets[1])).toString(), `${column} of ${JSON.stringify(variant)}`).toBe(Buffer.from(y.bytes.subarray(0, y.offsets[1])).toString());
        expect([...x.offsets.subarray(0, 2)]).toEqual([...y.offsets.subarray(0, 2)]);
      }
      expect([...a.views, ...a.tagIds, a.bodyChars[0]]).toEqual([...b.views, ...b.tagIds, b.bodyChars[0]]);
    }
  });

  it('reads the archive tool\'s current form itself, and every fixture layout the same', () => {
    expect(agree(Buffer.from(newestLayout()))).toBe(true);
    expect(agree(Buffer.from(newestLayout({ category: null, author: '[N/A](#)', tags: '`A` `B` `A` `None` ` 空格 `' })))).toBe(true);
    expect(agree(Buffer.from(`\ufeff${newestLayout()}`))).toBe(true);
    // Left to the general parser: a warning, CRLF, other layouts, a comma in a count, a full-width comma in a tag.
    expect(agree(Buffer.from(newestLayout({ category: 'Pd' })))).toBe(false);
    expect(agree(Buffer.from(newestLayout().replace(/\n/g, '\r\n')))).toBe(false);
    expect(agree(Buffer.from(flatLayout()))).toBe(false);
    expect(agree(Buffer.from(oldestLayout()))).toBe(false);
    expect(agree(Buffer.from(newestLayout({ stats: '👁️ 1,437 views | 💬 1 comments | ⭐ 2 collects' })))).toBe(false);
    expect(agree(Buffer.from(newestLayout({ tags: '`A，B`' })))).toBe(false);
  });

  it('reads the generated sample archive itself, with the same records', () => {
    const articles = generateArchive(1500, 11);
    const taken = articles.filter((article) => agree(Buffer.from(article.text), article.path)).length;
    expect(taken / articles.length).toBeGreaterThan(0.95);
  });

  it('agrees on 4,000 headers with one character inserted, deleted or replaced', () => {
    const random = seeded(42);
    const pieces = [' ', '\t', '\u3000', '\u00a0', '\u2028', '\r', '\n', '`', '[', ']', '(', ')', '>', '#', '*', ':', '，', ',', '0', '9', '-', 'a', 'W', '万', '字', '{', '%', '}', '/', '.'];
    const bases = [newestLayout(), newestLayout({ category: null }), newestLayout({ author: '豆芽悟', brief: '  短  ' }), newestLayout({ tags: '`A` `B` `None`' })];
    let taken = 0;
    for (let n = 0; n < 4000; n++) {
      const base = bases[n % bases.length]!;
      const headerLength = base.indexOf('---');
      const at = Math.floor(random() * headerLength);
      const piece = pieces[Math.floor(random() * pieces.length)]!;
      const edit = random();
      const text = edit < 0.4 ? base.slice(0, at) + piece + base.slice(at)
        : edit < 0.7 ? base.slice(0, at) + base.slice(at + 1)
          : base.slice(0, at) + piece + base.slice(at + 1);
      if (agree(Buffer.from(text))) taken++;
    }
    // Many edits leave the form intact (in a title, a name, a tag, a brief): those are read here too.
    expect(taken).toBeGreaterThan(800);
  });

  it('agrees where white space or markup is inserted at each line start and after each label', () => {
    const pieces = [' ', '\t', '\u3000', '\u00a0', '\f', '\r', '\n', '>', '[', '#'];
    for (const base of [newestLayout(), newestLayout({ category: null, author: '豆芽悟' })]) {
      const header = base.slice(0, base.indexOf('---'));
      const positions = new Set<number>();
      for (let i = 0; i < header.length; i++) {
        if (i === 0 || header[i - 1] === '\n') positions.add(i);
        if (header.startsWith(':** ', i)) positions.add(i + 3).add(i + 4);
        if (header.startsWith('# ', i) || header.startsWith('> ', i)) positions.add(i + 1).add(i + 2);
      }
      for (const at of positions) for (const piece of pieces) agree(Buffer.from(base.slice(0, at) + piece + base.slice(at)));
    }
  });

  it.skipIf(skipRealData)('reads the real archive the same, nearly all of it itself', async () => {
    const listed = await discover([ARCHIVE]);
    const files = listed.positions((kind) => kind === 'markdown').map((k) => listed.path(k));
    const taken = files.filter((path) => agree(readFileSync(path), path)).length;
    expect(files).toHaveLength(3000);
    expect(taken).toBeGreaterThan(2900);
  });
});
