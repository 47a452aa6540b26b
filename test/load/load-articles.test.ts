import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnFromArray, dateDay, tableFromColumns, tableToIPC, timestamp, TimeUnit } from '@uwdata/flechette';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { serializeArticles } from '../../src/export/article-export.ts';
import { discover } from '../../src/load/walk/discover.ts';
import { classifyFile } from '../../src/load/walk/file-kind.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { parseMarkdownArticle } from '../../src/load/formats/markdown.ts';
import { flatLayout, newestLayout, oldestLayout, writeTree } from '../helpers/fixtures.ts';
import { reasons, skipReasons } from '../../src/errors.ts';

const mixedArchive = () => writeTree({
  'operate/2025/05/6221872.md': newestLayout(),
  'flat/data-analysis-4188001.md': flatLayout(),
  'old/pd-1234567.md': oldestLayout(),
  'README.md': '# index',
  'operate/SUMMARY.md': '# summary',
  'broken/empty.md': '',
  'broken/binary.md': new Uint8Array([0x23, 0x20, 0x00, 0x01, 0x02]),
  'broken/latin1.md': new Uint8Array([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]),
  'broken/no-hint.md': '# Just a title\n\nNo header here.\n',
  'notes/picture.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
});

describe('loadArticles: accounting', () => {
  it('accounts for every file: loaded, rejected with a reason, or skipped', async () => {
    const root = mixedArchive();
    const result = await loadArticles([root]);
    expect(result.stats).toEqual({
      filesSeen: 10, recordsSeen: 10, loaded: 3, duplicates: 0, duplicateIds: 0,
      duplicatesWithDifferentStats: 0, rejected: 4, skipped: 3,
    });
    const { stats } = result;
    expect(stats.loaded + stats.duplicates + stats.rejected + stats.skipped).toBe(stats.filesSeen);
    expect(result.rejects.map((r) => [r.path.slice(root.length + 1), r.reason.split(/[:(]/)[0]!.trim()])).toEqual([
      ['broken/binary.md', 'binary file'],
      ['broken/empty.md', 'empty file'],
      ['broken/latin1.md', 'not valid UTF-8'],
      ['broken/no-hint.md', 'no header block'],
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual([skipReasons.index, skipReasons.other, skipReasons.index]);
    expect(result.articles.numRows()).toBe(3);
    expect(result.articles.array('id')).toEqual([1234567, 4188001, 6221872]);
  });

  it('keeps the copy with most views when an id appears twice, and counts the duplicate', async () => {
    const root = writeTree({
      'a/operate/2025/05/6221872.md': newestLayout({ stats: '👁️ 1000 views | 💬 1 comments | ⭐ 2 collects' }),
      'b/operate-6221872.md': newestLayout({ stats: '👁️ 1437 views | 💬 1 comments | ⭐ 3 collects' }),
      'c/operate-6221872.md': newestLayout({ stats: '👁️ 1437 views | 💬 1 comments | ⭐ 3 collects' }),
    });
    const result = await loadArticles([root]);
    expect(result.stats).toMatchObject({ filesSeen: 3, loaded: 1, duplicates: 2, duplicateIds: 1, duplicatesWithDifferentStats: 1 });
    expect(result.rows[0]).toMatchObject({ views: 1437, collects: 3, source: join(root, 'b/operate-6221872.md') });
  });

  it('says which path is missing', async () => {
    await expect(loadArticles(['/definitely/not/here'])).rejects.toThrow(/Not found: \/definitely\/not\/here/);
  });
});

describe('loadArticles: derived columns', () => {
  it('computes rates, age, calendar parts and level vs topic tags', async () => {
    const root = writeTree({ 'x/data-analysis-4188001.md': flatLayout(), 'y/pd-1234567.md': oldestLayout() });
    const { rows, asOf } = await loadArticles([root], { asOf: '2021-09-13' });
    expect(asOf).toBe('2021-09-13');
    const flat = rows.find((a) => a.id === 4188001)!;
    expect(flat).toMatchObject({
      collectRate: 51 / 12000, commentRate: 3 / 12000, ageDays: 10, viewsPerDay: 1200,
      level: '初级', experienceYears: 1, topicTags: ['数据埋点'], month: '2021-09', year: 2021, weekday: 5,
    });
    const old = rows.find((a) => a.id === 1234567)!;
    expect(old).toMatchObject({ level: null, experienceYears: null, topicTags: ['会员', '体系', '增长'], weekday: 1 });
  });

  it('defaults the as-of date to the newest published date; zero views give null rates', async () => {
    const root = writeTree({ 'a.md': newestLayout({ stats: '👁️ 0 views | 💬 0 comments | ⭐ 0 collects' }), 'b.md': oldestLayout() });
    const { rows, asOf } = await loadArticles([root]);
    expect(asOf).toBe('2025-05-27');
    const zero = rows.find((a) => a.id === 6221872)!;
    expect(zero).toMatchObject({ collectRate: null, commentRate: null, ageDays: 0, viewsPerDay: 0 });
  });
});

describe('structured formats', () => {
  it.each(['.csv', '.json', '.ndjson', '.arrow', '.parquet'])('round-trips the article table through %s', async (extension) => {
    const root = mixedArchive();
    const first = await loadArticles([root]);
    const file = join(writeTree({}), `articles${extension}`);
    writeFileSync(file, serializeArticles(first.rows, file));
    const second = await loadArticles([file]);
    expect(second.rejects).toEqual([]);
    expect(second.rows).toEqual(first.rows);
  });

  // What DuckDB, Spark or pandas write: `published` as a date or timestamp type, not text. Each
  // file holds one article published at 17:30 UTC on 26 May (01:30 on 27 May in China).
  it('reads date-typed published columns of Parquet and Arrow files: days as written, instants as days in China', async () => {
    const at = Date.UTC(2025, 4, 26, 17, 30);
    const text = (name: string, value: string) => ({ column: { name, data: [value] }, element: { name, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'REQUIRED' as const } });
    const parquetWith = (published: { data: unknown[]; element: Record<string, unknown> }) => {
      const columns = [
        text('title', '视频号运营'), text('url', 'https://www.woshipm.com/operate/6221872.html'),
        { column: { name: 'views', data: [1200] }, element: { name: 'views', type: 'INT32', repetition_type: 'REQUIRED' } },
        { column: { name: 'comments', data: [3] }, element: { name: 'comments', type: 'INT32', repetition_type: 'REQUIRED' } },
        { column: { name: 'collects', data: [40] }, element: { name: 'collects', type: 'INT32', repetition_type: 'REQUIRED' } },
        { column: { name: 'published', data: published.data }, element: { name: 'published', repetition_type: 'REQUIRED', ...published.element } },
      ];
      return parquetWriteBuffer({
        columnData: columns.map((c) => c.column) as never,
        schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => c.element)] as never,
      });
    };
    const arrowWith = (published: ReturnType<typeof columnFromArray>) => tableToIPC(tableFromColumns({
      title: columnFromArray(['视频号运营']), url: columnFromArray(['https://www.woshipm.com/operate/6221872.html']),
      views: columnFromArray([1200]), comments: columnFromArray([3]), collects: columnFromArray([40]), published,
    }), { format: 'file' })!;
    const root = writeTree({
      'date.parquet': new Uint8Array(parquetWith({ data: [new Date(Date.UTC(2025, 4, 26))], element: { type: 'INT32', converted_type: 'DATE' } })),
      'naive.parquet': new Uint8Array(parquetWith({ data: [new Date(at)], element: { type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } } })),
      'utc.parquet': new Uint8Array(parquetWith({ data: [new Date(at)], element: { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } } })),
      'legacy.parquet': new Uint8Array(parquetWith({ data: [new Date(at)], element: { type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' } })),
      'date.arrow': arrowWith(columnFromArray([new Date(Date.UTC(2025, 4, 26))], dateDay())),
      'naive.arrow': arrowWith(columnFromArray([at], timestamp(TimeUnit.MILLISECOND))),
      'utc.arrow': arrowWith(columnFromArray([at], timestamp(TimeUnit.MILLISECOND, 'UTC'))),
      'too-old.parquet': new Uint8Array(parquetWith({ data: [new Date(Date.UTC(1800, 0, 1))], element: { type: 'INT32', converted_type: 'DATE' } })),
    });
    const tooOld = await loadArticles([join(root, 'too-old.parquet')]);
    expect(tooOld.rejects.map((reject) => [reject.line, reject.reason])).toEqual([[1, 'invalid published date: "1800-01-01T00:00:00.000Z" (year 1800 is outside 1990–2100)']]);
    const days: Record<string, string> = {};
    for (const file of ['date', 'naive', 'utc', 'legacy'].map((name) => `${name}.parquet`).concat(['date.arrow', 'naive.arrow', 'utc.arrow'])) {
      const result = await loadArticles([join(root, file)]);
      expect(result.rejects, file).toEqual([]);
      days[file] = result.rows[0]!.published;
    }
    expect(days).toEqual({
      'date.parquet': '2025-05-26', 'naive.parquet': '2025-05-26', 'utc.parquet': '2025-05-27', 'legacy.parquet': '2025-05-27',
      'date.arrow': '2025-05-26', 'naive.arrow': '2025-05-26', 'utc.arrow': '2025-05-27',
    });
  });

  it('reads the archiving tool\'s MongoDB export (JSON array and NDJSON), rejecting bad records alone', async () => {
    const mongo = {
      _id: { $oid: '64f0c0ffee' }, article_title: '视频号运营', article_author: '豆芽悟',
      author_Link: 'https://www.woshipm.com/u/323307', article_published: '2025-05-27',
      published_date_obj: { $date: '2025-05-26T16:00:00Z' }, views: '1.2万', comments: { $numberInt: '3' }, collects: 40,
      article_tag: '视频号,运营，策略', article_link: 'https://www.woshipm.com/operate/6221872.html',
      category: 'operate', article_brief: '简介', article_content: '<p>你好<img src="a.png"> world</p><p>3 评论 12000 浏览 40 收藏 5 分钟</p>',
    };
    const noDate = { ...mongo, article_link: 'https://www.woshipm.com/pd/2.html', article_published: null, published_date_obj: { $date: '2021-09-02T16:30:00Z' } };
    const bad = { ...mongo, article_link: 'https://www.woshipm.com/pd/none.html' };
    const root = writeTree({
      'dump.json': JSON.stringify([mongo, noDate]),
      'dump.ndjson': `${JSON.stringify(bad)}\n{not json\n\n${JSON.stringify({ ...mongo, views: 99999 })}\n`,
    });
    const result = await loadArticles([root]);
    expect(result.rejects.map((r) => [r.path.slice(root.length + 1), r.line, r.reason.slice(0, 22)])).toEqual([
      ['dump.ndjson', 1, 'no numeric article id '],
      ['dump.ndjson', 2, 'invalid JSON on this li'.slice(0, 22)],
    ]);
    expect(result.stats).toMatchObject({ filesSeen: 2, recordsSeen: 5, loaded: 2, duplicates: 1, rejected: 2 });
    const article = result.rows.find((a) => a.id === 6221872)!;
    expect(article).toMatchObject({
      title: '视频号运营', author: '豆芽悟', authorId: 323307, category: 'operate', published: '2025-05-27',
      views: 99999, comments: 3, collects: 40, tags: ['视频号', '运营', '策略'], brief: '简介',
      images: 1, readingMinutes: 5,
    });
    // A $date instant is read as the day it was in China (UTC+8).
    expect(result.rows.find((a) => a.id === 2)!.published).toBe('2021-09-03');
  });

  it('rejects a JSON file that is not an array, naming the file', async () => {
    const root = writeTree({ 'x.json': '{"hello": 1}', 'y.json': '[1, 2' });
    const result = await loadArticles([root]);
    expect(result.rejects.map((r) => r.reason)).toEqual([
      'JSON must be an array of article records', expect.stringMatching(/^invalid JSON/),
    ]);
    expect(result.stats.recordsSeen).toBe(2);
  });

  it('writes CSV that is safe to open in a spreadsheet and reads it back intact', async () => {
    const root = writeTree({ 'a.md': newestLayout({ title: '=HYPERLINK("http://evil")', tags: '`@risk` `+1` `-x` `ok`' }) });
    const { rows } = await loadArticles([root]);
    const file = join(writeTree({}), 'a.csv');
    writeFileSync(file, serializeArticles(rows, file));
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain("'@risk|+1|-x|ok");
    const again = await loadArticles([file]);
    expect(again.rows[0]!.title).toBe('=HYPERLINK("http://evil")');
    expect(again.rows[0]!.tags).toEqual(['@risk', '+1', '-x', 'ok']);
  });
});

describe('hostile inputs', () => {
  it('does not loop on a symbolic link back up the tree, and names UTF-16 files', async () => {
    const { symlinkSync } = await import('node:fs');
    const root = writeTree({
      'a/operate-6221872.md': newestLayout(),
      'utf16.md': new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00]),
    });
    symlinkSync(root, join(root, 'a', 'loop'));
    symlinkSync(join(root, 'gone.md'), join(root, 'a', 'dangling.md'));
    const result = await loadArticles([root]);
    expect(result.stats).toMatchObject({ filesSeen: 3, loaded: 1, rejected: 1, skipped: 1 });
    expect(result.skipped).toEqual([{ path: join(root, 'a', 'dangling.md'), reason: 'broken symbolic link' }]);
    expect(result.rejects[0]!.reason).toBe(reasons.utf16);
  });

  it('tells a truncated file from a mis-encoded one', async () => {
    const whole = new TextEncoder().encode(newestLayout());
    const emoji = new TextEncoder().encode(`${newestLayout()}😀`);
    const root = writeTree({
      'cut.md': whole.subarray(0, whole.length - 2), 'cut-emoji.md': emoji.subarray(0, emoji.length - 1),
      'latin1.md': new Uint8Array([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]),
      // Latin-1 é just before the last newline: a bad byte, not a character cut off at the end.
      'latin1-end.md': new Uint8Array([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    const found = (await loadArticles([root])).rejects.map((r) => `${r.path.slice(root.length + 1)}: ${r.reason}`);
    expect(found).toEqual([
      `cut-emoji.md: ${reasons.truncated}`,
      `cut.md: ${reasons.truncated}`,
      `latin1-end.md: ${reasons.notUtf8}`,
      `latin1.md: ${reasons.notUtf8}`,
    ]);
  });

  it('accepts a title without a space after #', async () => {
    const root = writeTree({ 'a.md': newestLayout().replace('# 微信', '#微信') });
    expect((await loadArticles([root])).rows[0]!.title).toBe('微信视频号凭什么后来者居上？');
  });
});

describe('reading files of any size', () => {
  it('reads a file to its end whatever its size against the reused read buffer (64 KiB, then doubled)', async () => {
    const files: Record<string, string> = {};
    const sizes = [65_535, 65_536, 65_537, 131_072, 300_001];
    sizes.forEach((size, i) => {
      const head = newestLayout({ original: `[View on woshipm.com](https://www.woshipm.com/pd/${i + 1}.html)`, category: 'Pd', body: '' });
      files[`f${i}.md`] = head + 'a'.repeat(Math.max(0, size - Buffer.byteLength(head)));
    });
    const root = writeTree(files);
    const { rows } = await loadArticles([root], { workers: 0 });
    const bodyChars = (text: string) => {
      const parsed = parseMarkdownArticle(text, 'x.md');
      return parsed.ok ? parsed.record.bodyChars : -1;
    };
    expect(rows.map((row) => row.bodyChars)).toEqual(sizes.map((_, i) => bodyChars(files[`f${i}.md`]!)));
    expect(rows[4]!.bodyChars).toBeGreaterThan(290_000);
  });
});

describe('classifyFile', () => {
  it('classifies by extension (any case) and index page names, as path.extname reads them', () => {
    const kinds = ['a.md', 'A.MD', 'dir.v2/notes.txt', 'README.md', 'docs/Summary.MD', '.md', 'x.', 'x.jsonl', 'x.tar.gz', '..md', 'data.Parquet', 'noext',
      'pd/.md', 'pd/readme.md', 'pd/ReadMe.md', 'pd/notreadme.md', 'pd/summary.md', 'pd/1summary.md', 'readme.md.md', 'a/b.c/d.md']
      .map((path) => classifyFile(path));
    expect(kinds).toEqual(['markdown', 'markdown', 'markdown', 'index', 'index', 'other', 'other', 'ndjson', 'other', 'markdown', 'parquet', 'other',
      'other', 'index', 'index', 'markdown', 'index', 'markdown', 'markdown', 'markdown']);
  });
});

describe('discover', () => {
  it('lists every file once, in path order, whatever the folder and file names', async () => {
    const names = ['a/x.md', 'a-c/x.md', 'a.md', 'a/b/c.md', 'a/b-/c.md', 'a/b.md', 'ab/x.md', 'A/x.md', '_/x.md', 'a c/x.md', '分类/文章.md', 'a/.hidden.md', '.git/x.md'];
    const root = writeTree(Object.fromEntries(names.map((name) => [name, 'x'])));
    const paths = (await discover([root, join(root, 'a', 'b.md'), `${root}/./a/`])).paths();
    const expected = names.filter((name) => !name.includes('.hidden') && !name.startsWith('.git')).map((name) => join(root, name));
    expect(paths).toEqual([...expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // A folder named in a roundabout way gives the paths path.join would.
    expect((await discover([`${root}/./a-c//`])).paths()).toEqual([join(root, 'a-c', 'x.md')]);
  });
});

