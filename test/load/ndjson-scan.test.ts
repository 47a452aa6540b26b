/**
 * The NDJSON byte scanner must give exactly what the general path (JSON.parse + records.ts) gives:
 * same records, rejects (with line numbers) and warnings, line for line — including every line it
 * hands over to the general path, and when a file is split across worker threads.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Dictionary, recordsOfBatch } from '../../src/load/table/batch.ts';
import { parseNdjsonBytes } from '../helpers/ndjson-oracle.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { summarizeGroups } from '../../src/analyze/kernels.ts';
import { parseNdjsonFile } from '../../src/load/formats/parse-file.ts';
import { scanNdjsonChunks, scanNdjsonFile } from '../../src/load/formats/ndjson-file.ts';
import { type ChunksJob, chunkCount, inFileOrder, scanNdjsonInWorkers } from '../../src/load/pool/ndjson-split.ts';
import { EventEmitter } from 'node:events';
import { claimFromBack, claimFromFront, newClaims, stopClaims } from '../../src/load/pool/chunk-claims.ts';
import type { ParsedFile } from '../../src/load/formats/parsed-file.ts';
import { writeTree } from '../helpers/fixtures.ts';
import { reasons } from '../../src/errors.ts';

const base = {
  id: 1, title: '标题', author: '作者', authorId: 7, category: 'operate', published: '2024-03-05',
  views: 100, comments: 2, collects: 5, tags: ['运营', '1年', '初级'], url: 'https://www.woshipm.com/operate/1.html', brief: '摘要',
};
const line = (fields: Record<string, unknown>, id: number) => JSON.stringify({ ...base, ...fields, url: `https://www.woshipm.com/operate/${id}.html` });

/** Lines of every shape the scanner takes or hands over. */
function edgeLines(): string[] {
  let id = 100;
  const next = (fields: Record<string, unknown> = {}) => line(fields, ++id);
  return [
    next(),
    next({ title: '【干货】引号"和\\反斜杠' }), // escapes: decoded by JSON.parse
    next({ title: '  前后空格  ' }),
    next({ title: '\u3000全角空格开头' }),
    next({ title: '\u3000' }), // only a Unicode space: no title
    next({ title: '' }),
    next({ title: 123 }),
    next({ views: '1.2万' }),
    next({ views: 1.5 }),
    next({ views: -3 }),
    next({ comments: null }),
    next({ collects: 1e3 }),
    next({ author: 'N/A' }),
    next({ author: null }),
    next({ author: ' 有空格 ' }),
    next({ authorId: null }),
    next({ authorId: '42' }),
    next({ tags: ['A，B', ' A ', 'None', '', 'C', 'C'] }),
    next({ tags: 'x|y' }),
    next({ tags: null }),
    next({ tags: [] }),
    next({ tags: [1, 2] }),
    next({ brief: '' }),
    next({ brief: null }),
    next({ published: '2024-02-30' }),
    next({ published: '2024-02-37' }), // in a table by month * 32 + day, the slot of 2024-03-05 (seen before)
    next({ published: '2024-13-01' }),
    next({ published: '2024-00-10' }),
    next({ published: '2024-02-29' }),
    next({ published: '2023-02-29' }),
    next({ published: '1985-03-04' }),
    next({ published: '2150-01-01' }),
    next({ published: '2024/03/05' }),
    next({ published: '2024-03-05T10:00:00' }),
    next({ categoryName: '运营' }),
    next({ categoryName: '' }),
    next({ source: 'elsewhere.md' }),
    next({ readingMinutes: 3, bodyChars: 1200, images: 0 }),
    next({ readingMinutes: 2.5 }),
    next({ extra: { nested: [1, { a: 2 }] } }),
    next({ topicTags: ['运营'], level: '初级' }),
    line({}, 5).replace('https://www.woshipm.com/operate/5.html', 'https://www.woshipm.com/Operate/5.html'),
    line({}, 6).replace('operate/6.html', 'operate/6.html?from=feed'),
    line({}, 7).replace('operate/7.html', 'a/b/7.html'),
    line({}, 8).replace('https://www.woshipm.com/operate/8.html', 'not a url'),
    JSON.stringify({ article_title: 'Mongo', article_link: 'https://www.woshipm.com/pd/9.html', article_published: '2021-09-03', views: { $numberInt: '5' }, comments: 0, collects: 0 }),
    line({}, 10).replace('"views":100', '"views":100,"views":200'), // duplicate key: the last wins
    line({}, 11).replace(/}$/, ',}'), // trailing comma: invalid JSON
    line({}, 12).replace(/^\{/, '{ ').replace(/,/g, ' , '),
    '{}',
    '[1,2]',
    'not json',
    '   ',
    '',
    `${next()}\r`,
    next({ title: '重复', views: 50 }).replace(/operate\/\d+/, 'operate/101'), // a duplicate id of the first line
  ];
}

describe('NDJSON byte scanner', () => {
  it('gives the general path\'s records, rejects and warnings for every kind of line', () => {
    const dir = writeTree({ 'a.ndjson': `\ufeff${edgeLines().join('\n')}\n` });
    const path = join(dir, 'a.ndjson');
    const general = parseNdjsonBytes(readFileSync(path), path);
    const scanned = parseNdjsonFile(path);
    expect(scanned.parts).toHaveLength(1);
    expect(recordsOfBatch(scanned.parts[0]!.batch)).toEqual(general.records);
    expect(scanned.rejects).toEqual(general.rejects);
    expect(scanned.warnings).toEqual(general.warnings);
    expect(scanned.itemsSeen).toBe(general.itemsSeen);
    // The file has rejects for real reasons, not a blanket failure.
    expect(general.records.length).toBeGreaterThan(25);
    expect(general.rejects.map((r) => r.reason)).toContain('no title');
    expect(general.rejects.map((r) => r.reason)).toContain(reasons.invalidJsonLine);
  });

  it('gives the same in a file large enough to warm the scanner up first (takeEveryScannerBranch)', () => {
    const edges = edgeLines();
    const filler = Array.from({ length: 20_000 }, (_, k) => line({ title: `标题 ${k}`, tags: [`标签${k % 97}`, '运营'] }, 1000 + k));
    const dir = writeTree({ 'big.ndjson': `${[...edges, ...filler, ...edges].join('\n')}\n` });
    const path = join(dir, 'big.ndjson');
    expect(statSync(path).size).toBeGreaterThan(4 << 20);
    const general = parseNdjsonBytes(readFileSync(path), path);
    const scanned = parseNdjsonFile(path);
    expect(recordsOfBatch(scanned.parts[0]!.batch)).toEqual(general.records);
    expect(scanned.rejects).toEqual(general.rejects);
    expect(scanned.warnings).toEqual(general.warnings);
    expect(general.records.length).toBeGreaterThan(20_000);
  });

  it('takes text written with escapes (Python\'s \\uXXXX for every character) and gives what JSON.parse gives', () => {
    const fields: Record<string, unknown>[] = [
      {}, { title: '尾部空格 ', brief: '换\n行\t"引号"' }, { title: '\u3000全角空格开头' }, { title: '😀 表情', author: '张三' },
      { author: ' 张三 ' }, { tags: ['A"B', '运营', 'A，B'] }, { categoryName: '运营', source: '别处.md' }, { title: 'a\u0000b' },
    ];
    const plain = fields.map((f, i) => line(f, i + 1));
    // As Python's json.dumps writes by default: every character beyond ASCII as \uXXXX (surrogate pairs for 😀).
    const ascii = (text: string) => text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const odd = [
      ascii(line({}, 20)).replace('"title"', '"ti\\u0074le"'), // an escaped key
      ascii(line({}, 21)).replace('/operate/21', '\\/operate\\/21'), // an escaped URL (PHP's \/)
      ascii(line({}, 22)).replace('"views":100', '"views":100,"brief":"\\x"'), // invalid escapes: in a brief,
      ascii(line({}, 23)).replace('"author":"', '"author":"\\x'), // an author (interned)
      ascii(line({}, 24)).replace('"tags":["', '"tags":["\\x'), // a tag
    ];
    const dir = writeTree({ 'py.ndjson': `${[...plain, ...plain.map(ascii), ...odd].join('\n')}\n` });
    const path = join(dir, 'py.ndjson');
    const general = parseNdjsonBytes(readFileSync(path), path);
    const scanned = parseNdjsonFile(path);
    expect(recordsOfBatch(scanned.parts[0]!.batch)).toEqual(general.records);
    expect(scanned.rejects).toEqual(general.rejects);
    expect(scanned.warnings).toEqual(general.warnings);
    // The escaped lines read as the plain ones, and the scanner took them: all but the title with
    // leading white space (records.ts trims it) and the odd lines.
    const records = general.records;
    expect(records.slice(plain.length, 2 * plain.length)).toEqual(records.slice(0, plain.length));
    expect(records[1]).toMatchObject({ title: '尾部空格', brief: '换\n行\t"引号"' });
    expect(records[5]!.tags).toEqual(['A"B', '运营', 'A', 'B']);
    expect(scanNdjsonFile(path).scannedItems).toBe(2 * (plain.length - 1));
    expect(general.rejects.map((r) => r.line)).toEqual([2 * plain.length + 3, 2 * plain.length + 4, 2 * plain.length + 5]);
  });

  it('finds a quote, a backslash or a control character in long text at every byte of a 4-byte word', () => {
    // The scanner passes over long text four bytes at a time: each special byte is put at each
    // position within a word (prefixes of 0–3 bytes) in titles, briefs and URLs.
    const specials: [string, (json: string) => string][] = [
      ['"', (json) => json], // written \" : an escape
      ['\\', (json) => json], // written \\
      ['\t', (json) => json.replace('\\t', '\t')], // a raw tab: invalid JSON, rejected
      ['\u0001', (json) => json.replace('\\u0001', '\u0001')], // a raw control character: rejected
      ['Z', (json) => json], // upper case: a byte below the bound that is plain text
    ];
    const lines: string[] = [];
    let id = 500;
    for (const [special, raw] of specials) {
      for (let shift = 0; shift < 4; shift++) {
        const text = `${'x'.repeat(shift)}产品经理的一天${special}数据分析与增长方法论`;
        lines.push(raw(line({ title: text }, ++id)), raw(line({ brief: text }, ++id)));
      }
    }
    lines.push(line({}, ++id).replace(`operate/${id}.html`, `operate/${id}.html\t`)); // a raw tab ending a URL
    const dir = writeTree({ 'words.ndjson': `${lines.join('\n')}\n` });
    const path = join(dir, 'words.ndjson');
    const general = parseNdjsonBytes(readFileSync(path), path);
    const scanned = parseNdjsonFile(path);
    expect(recordsOfBatch(scanned.parts[0]!.batch)).toEqual(general.records);
    expect(scanned.rejects).toEqual(general.rejects);
    expect(general.records.map((r) => r.title)).toContain('产品经理的一天"数据分析与增长方法论');
    expect(general.records.map((r) => r.brief)).toContain('xxx产品经理的一天\\数据分析与增长方法论');
    expect(general.rejects).toHaveLength(17); // 2 × 4 × 2 raw control characters, and the URL
    // Every line without a raw control character was the scanner's, not the general path's.
    expect(scanNdjsonFile(path).scannedItems).toBe(24);
  });

  it('gives one dictionary value per author name, however the name reached the dictionary', async () => {
    // As written (scanner, no Map), padded (cleaned, through the Map), on a line the general path
    // reads (an escape in the title), and as written again; and names that clean to nothing.
    const lines = [
      line({ author: '张三', authorId: null }, 1), line({ author: ' 李四 ', authorId: null }, 2), line({ author: ' 张三 ', authorId: null }, 3),
      line({ author: '李四', authorId: null, title: '引号"' }, 4), line({ author: '张三', authorId: null, title: '引号"' }, 5),
      line({ author: '李四', authorId: null }, 6), line({ author: 'N/A', authorId: null }, 7), line({ author: '王五', authorId: null }, 8),
      line({ author: '王五', authorId: null }, 9).replace('王五', '\\u738b\\u4e94'), line({ author: '赵六', authorId: null }, 10).replace('赵六', '\\u8d75\\u516d'),
      line({ author: '赵六', authorId: null }, 11),
    ];
    const dir = writeTree({ 'authors.ndjson': `${lines.join('\n')}\n` });
    const scanned = parseNdjsonFile(join(dir, 'authors.ndjson')).parts[0]!.batch;
    expect([...scanned.dict.author].sort()).toEqual(['张三', '李四', '王五', '赵六']);
    const { articles } = await loadArticles([dir]);
    expect(summarizeGroups(articles, 'author').map((g) => [g.key, g.count])).toEqual([['张三', 3], ['李四', 3], ['王五', 2], ['赵六', 2]]);
  });

  it('keeps a dictionary\'s values distinct when text with U+FFFD comes as new to its caller', () => {
    // Bytes that are not UTF-8 decode to U+FFFD: two spellings may give one text, so the Map decides.
    const dictionary = new Dictionary();
    expect([dictionary.idOfFresh('张\uFFFD'), dictionary.idOfFresh('李四'), dictionary.idOfFresh('张\uFFFD')]).toEqual([0, 1, 0]);
    expect(dictionary.values).toEqual(['张\uFFFD', '李四']);
  });

  /** A file of 3,000 lines, every 97th broken, one far longer than a chunk of 4 KiB, and a blank line. */
  function splitFixture(): string {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 97 === 5 ? 'broken {' : line({ title: `第${i}篇`, tags: [`标签${i % 13}`], brief: i === 1500 ? '长'.repeat(6000) : '摘要' }, 1000 + i));
    lines.splice(2000, 0, '');
    const dir = writeTree({ 'big.ndjson': `${lines.join('\n')}\n` });
    return join(dir, 'big.ndjson');
  }
  const rowsOf = (file: ParsedFile) => file.parts.flatMap((part) => recordsOfBatch(part.batch).slice(part.first, part.first + part.count));

  it('splits a file across workers by whole lines and numbers lines from the file start', async () => {
    const path = splitFixture();
    const whole = parseNdjsonFile(path);
    const split = await scanNdjsonInWorkers(path, 3, { chunkBytes: 4096 });
    expect(rowsOf(split)).toEqual(recordsOfBatch(whole.parts[0]!.batch));
    expect(split.rejects).toEqual(whole.rejects);
    expect(split.rejects[0]).toEqual({ path, line: 6, reason: reasons.invalidJsonLine });
    expect(split.rejects.at(-1)!.line).toBe(2917); // i = 2915, after the blank line 2001
    expect(split.itemsSeen).toBe(3000);
  });

  it('puts chunks scanned by several threads, in any order, back in file order', () => {
    const path = splitFixture();
    const whole = parseNdjsonFile(path);
    const size = statSync(path).size;
    const chunks = chunkCount(size, 4096);
    // Two threads meeting in the middle, as the claims hand chunks out, and two taking every other chunk.
    const handOut = (list: number[]) => () => list.shift() ?? -1;
    const half = Math.floor(chunks / 2);
    const front = Array.from({ length: half }, (_, k) => k);
    const back = Array.from({ length: chunks - half }, (_, k) => chunks - 1 - k);
    const even = Array.from({ length: chunks }, (_, k) => k).filter((k) => k % 2 === 0);
    const odd = Array.from({ length: chunks }, (_, k) => k).filter((k) => k % 2 === 1).reverse();
    for (const [a, b] of [[front, back], [even, odd]]) {
      const results = [a, b].map((list) => scanNdjsonChunks(path, size, chunks, handOut([...list!]), () => {}));
      expect(results.every((result) => result.chunks.length > 0)).toBe(true);
      const merged = inFileOrder(path, chunks, results);
      expect(rowsOf(merged)).toEqual(recordsOfBatch(whole.parts[0]!.batch));
      expect(merged.rejects).toEqual(whole.rejects);
      expect(merged.itemsSeen).toBe(3000);
    }
    // The line longer than a chunk: the chunks inside it have no line of their own.
    const all = scanNdjsonChunks(path, size, chunks, handOut(Array.from({ length: chunks }, (_, k) => k)), () => {});
    expect(all.chunks.filter((chunk) => chunk.lines === 0).length).toBeGreaterThan(0);
    expect(all.chunks.reduce((sum, chunk) => sum + chunk.lines, 0)).toBe(3001);
    // A chunk left unscanned is an error, not a shorter file.
    const missing = scanNdjsonChunks(path, size, chunks, handOut(front), () => {});
    expect(() => inFileOrder(path, chunks, [missing])).toThrow(/scanned \d+ of its \d+ chunks/);
  });

  it('scans the chunks a failed worker claimed on this thread', async () => {
    const path = splitFixture();
    const whole = parseNdjsonFile(path);
    // Two workers that each claim two chunks from the back and die.
    const dying = () => {
      const worker = new EventEmitter() as EventEmitter & { postMessage(message: { chunksJob: ChunksJob }): void; terminate(): Promise<number> };
      worker.postMessage = ({ chunksJob: { claims, chunks } }) => {
        claimFromBack(claims, chunks);
        claimFromBack(claims, chunks);
        setImmediate(() => worker.emit('error', new Error('worker died')));
      };
      worker.terminate = async () => 1;
      return worker as never;
    };
    const split = await scanNdjsonInWorkers(path, 3, { chunkBytes: 4096, start: dying });
    expect(rowsOf(split)).toEqual(recordsOfBatch(whole.parts[0]!.batch));
    expect(split.rejects).toEqual(whole.rejects);
    expect(split.itemsSeen).toBe(3000);
  });

  it('hands every chunk out once, from both ends, until they meet or a thread stops them', () => {
    const claims = newClaims();
    const taken = [claimFromFront(claims, 5), claimFromBack(claims, 5), claimFromBack(claims, 5), claimFromFront(claims, 5), claimFromFront(claims, 5)];
    expect(taken).toEqual([0, 4, 3, 1, 2]);
    expect([claimFromFront(claims, 5), claimFromBack(claims, 5)]).toEqual([-1, -1]);
    const stopped = newClaims();
    expect(claimFromBack(stopped, 5)).toBe(4);
    stopClaims(stopped, 5);
    expect([claimFromFront(stopped, 5), claimFromBack(stopped, 5)]).toEqual([-1, -1]);
  });

  it('rejects a split file whole when one of its chunks is not UTF-8, and stops the other threads', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => line({}, 1000 + i));
    const dir = writeTree({ 'bad.ndjson': Buffer.concat([Buffer.from(`${lines.slice(0, 1000).join('\n')}\n`), Buffer.from([0xe9, 0x0a]), Buffer.from(`${lines.slice(1000).join('\n')}\n`)]) });
    const path = join(dir, 'bad.ndjson');
    const split = await scanNdjsonInWorkers(path, 2, { chunkBytes: 4096 });
    expect(split.parts).toEqual([]);
    expect(split.rejects).toEqual([{ path, line: 0, reason: expect.stringMatching(/not valid UTF-8/) }]);
    expect(split.rejects).toEqual(parseNdjsonFile(path).rejects);
    let stopped = 0;
    const size = statSync(path).size;
    const chunks = chunkCount(size, 4096);
    const claims = newClaims();
    const alone = scanNdjsonChunks(path, size, chunks, () => claimFromFront(claims, chunks), () => { stopped++; stopClaims(claims, chunks); });
    expect(alone.problem).toMatch(/not valid UTF-8/);
    expect(stopped).toBe(1);
    expect(claimFromBack(claims, chunks)).toBe(-1);
  });

  it('rejects a file with NUL bytes or invalid UTF-8 whole, and an empty file', () => {
    const dir = writeTree({
      'nul.ndjson': Buffer.concat([Buffer.from(`${line({}, 1)}\n`), Buffer.from([0, 1, 2, 0x0a])]),
      'latin1.ndjson': Buffer.concat([Buffer.from(`${line({}, 1)}\n`), Buffer.from([0xe9, 0x0a]), Buffer.from(`${line({}, 2)}\n`)]),
      'empty.ndjson': '',
      'cut.ndjson': Buffer.concat([Buffer.from(`${line({}, 1)}\n`), Buffer.from('半').subarray(0, 2)]),
    });
    expect(parseNdjsonFile(join(dir, 'nul.ndjson')).rejects[0]!.reason).toMatch(/NUL bytes/);
    expect(parseNdjsonFile(join(dir, 'latin1.ndjson')).rejects[0]!.reason).toMatch(/not valid UTF-8/);
    expect(parseNdjsonFile(join(dir, 'empty.ndjson')).rejects[0]!.reason).toBe(reasons.emptyFile);
    // Cut off inside the last character: truncated (as a whole-file check says), not mis-encoded.
    expect(parseNdjsonFile(join(dir, 'cut.ndjson')).rejects[0]!.reason).toMatch(/^truncated/);
  });

  it('loads the same table from NDJSON as from the same records in a JSON array', async () => {
    // MongoDB records always name their file as source, so they are left out of this comparison.
    const lines = edgeLines().filter((text) => !text.includes('article_title'));
    const dir = writeTree({});
    writeFileSync(join(dir, 'a.ndjson'), lines.join('\n'));
    const parsedLines = lines.flatMap((text) => {
      try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value) ? [value] : [];
      } catch {
        return [];
      }
    });
    writeFileSync(join(dir, 'b.json'), JSON.stringify(parsedLines.map((item) => ({ ...item, source: item.source ?? join(dir, 'a.ndjson') }))));
    const fromNdjson = await loadArticles([join(dir, 'a.ndjson')]);
    const fromJson = await loadArticles([join(dir, 'b.json')]);
    expect(fromNdjson.rows).toEqual(fromJson.rows);
    expect(fromNdjson.stats.duplicates).toBe(1);
    const first = fromNdjson.rows.find((row) => row.id === 101)!;
    expect(first).toMatchObject({ title: '标题', views: 100, tags: ['运营', '1年', '初级'], topicTags: ['运营'], level: '初级', experienceYears: 1, month: '2024-03', collectRate: 0.05 });
  });

  it('reads titles, URLs and briefs from the file only when asked, and refuses a file changed since', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => line({ title: `标题${i}`, brief: i % 2 ? `摘要${i}` : null }, 5000 - i * 7));
    lines.push(line({ title: '带"引号"的标题' }, 1)); // a line the general path reads: its title is kept in memory
    const dir = writeTree({ 'a.ndjson': `${lines.join('\n')}\n` });
    const path = join(dir, 'a.ndjson');
    const loaded = await loadArticles([path]);
    expect(loaded.articles.get('title', 0)).toBe('带"引号"的标题');
    expect(loaded.articles.get('title', 1)).toBe('标题49');
    expect(loaded.articles.get('brief', 1)).toBe('摘要49');
    expect(loaded.articles.get('brief', 2)).toBeNull();
    expect(loaded.articles.get('url', 1)).toBe('https://www.woshipm.com/operate/4657.html');
    const again = await loadArticles([path]);
    writeFileSync(path, `${lines.slice(1).join('\n')}\n`);
    expect(() => again.articles.array('title')).toThrow(/changed after it was loaded/);
  });

  it('gives the same table through the cache (rows reordered by id into one segment) as cold', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => line({ title: `第${i}篇`, tags: [`标签${i % 7}`, '初级'], views: 1000 + ((i * 37) % 500) }, 100_000 - i * 13));
    lines.splice(100, 0, line({ title: 'Tab\there' }, 3)); // escaped: general path
    const dir = writeTree({ 'a.ndjson': `${lines.join('\n')}\n` });
    const cache = writeTree({});
    const path = join(dir, 'a.ndjson');
    const cold = await loadArticles([path], { workers: 2 });
    const first = await loadArticles([path], { cache, workers: 2 });
    const second = await loadArticles([path], { cache, workers: 2 });
    expect(second.cache).toMatchObject({ reused: 1, parsed: 0 });
    for (const warm of [first, second]) {
      expect(warm.rows).toEqual(cold.rows);
      expect(warm.stats).toEqual(cold.stats);
    }
    expect(cold.rows[0]).toMatchObject({ id: 3, title: 'Tab\there' });
  });

  it('reads a line longer than its read buffer (8 MB), and its text back from the file', async () => {
    const long = '长'.repeat(3_000_000); // 9 MB of UTF-8 in one brief
    const lines = [line({ title: 'first' }, 10), line({ title: 'long', brief: long }, 11), line({ title: 'last' }, 12)];
    const dir = writeTree({ 'a.ndjson': `${lines.join('\n')}\n` });
    const loaded = await loadArticles([join(dir, 'a.ndjson')]);
    expect(loaded.rejects).toEqual([]);
    expect(loaded.articles.array('title')).toEqual(['first', 'long', 'last']);
    expect((loaded.articles.get('brief', 1) as string).length).toBe(3_000_000);
    expect(loaded.articles.get('brief', 2)).toBe('摘要');
  });
});

