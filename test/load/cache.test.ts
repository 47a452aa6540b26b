import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringsOf, Utf8Builder } from '../../src/load/table/batch-text.ts';
import { type CachedFiles, FileIndexBuilder, RETIRED_GRACE_MS, readCacheIndex, rowsOfPaths, rowsOfPool, writeCache } from '../../src/load/cache/cache.ts';
import { LOCK_STALE_MS, lockCacheFolder, removeStaleLock } from '../../src/load/cache/cache-lock.ts';
import { checksumFile } from '../../src/load/cache/checksum.ts';
import { verifyInBackground } from '../../src/load/cache/segments.ts';
import { checksum } from '../../src/load/cache/files.ts';
import { type LoadResult, loadArticles } from '../../src/load/load-articles.ts';
import { flatLayout, newestLayout, oldestLayout, writeTree } from '../helpers/fixtures.ts';

/** What must not depend on the cache: every row, reject, warning and count. */
function outcome(result: LoadResult) {
  return { rows: result.rows, rejects: result.rejects, warnings: result.warnings, stats: result.stats, asOf: result.asOf };
}

/** Segments the cache's current state uses (retired ones may still be on disk). */
function liveSegments(folder: string): string[] {
  return (JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as { segments: { name: string }[] }).segments.map((segment) => segment.name);
}

async function compareWithCold(archive: string, cache: string) {
  const warm = await loadArticles([archive], { cache });
  const cold = await loadArticles([archive]);
  expect(outcome(warm)).toEqual(outcome(cold));
  return warm;
}

describe('incremental cache', () => {
  it('parses only new or changed files, drops deleted ones, and always matches a cold load', async () => {
    const archive = writeTree({
      'a/operate-6221872.md': newestLayout(),
      'b/data-analysis-4188001.md': flatLayout(),
      'c/pd-1234567.md': oldestLayout(),
      'bad.md': '# broken\n',
      'README.md': '# index',
    });
    const cache = writeTree({});

    const first = await compareWithCold(archive, cache);
    expect(first.cache).toMatchObject({ reused: 0, parsed: 4, dropped: 0 });

    const second = await compareWithCold(archive, cache);
    expect(second.cache).toMatchObject({ reused: 4, parsed: 0, dropped: 0 });

    // Edit: more views in one file (its size changes) and a new mtime on another with the same size.
    writeFileSync(join(archive, 'a/operate-6221872.md'), newestLayout({ stats: '👁️ 99999 views | 💬 1 comments | ⭐ 2 collects' }));
    utimesSync(join(archive, 'c/pd-1234567.md'), new Date(), new Date(Date.now() + 5000));
    const edited = await compareWithCold(archive, cache);
    expect(edited.cache).toMatchObject({ reused: 2, parsed: 2 });
    expect(edited.rows.find((a) => a.id === 6221872)!.views).toBe(99999);

    // Add one, delete one.
    writeFileSync(join(archive, 'new.md'), newestLayout({ original: '[x](https://www.woshipm.com/pd/777.html)' }));
    rmSync(join(archive, 'b/data-analysis-4188001.md'));
    const changed = await compareWithCold(archive, cache);
    expect(changed.cache).toMatchObject({ reused: 3, parsed: 1, dropped: 1 });
    expect(changed.rows.map((a) => a.id)).toEqual([777, 1234567, 6221872]);
  });

  it('checks cached text on this thread or on a worker thread alike: a match, a changed file, a missing one', async () => {
    const root = writeTree({ 'a.arrow': 'x'.repeat(5000), 'b.arrow': '标题'.repeat(300) });
    const files = ['a.arrow', 'b.arrow'].map((name) => ({ path: join(root, name), expected: checksumFile(join(root, name)) }));
    for (const hereBelow of [Infinity, 0]) {
      expect(await verifyInBackground(files, hereBelow)).toBeUndefined();
      writeFileSync(files[1]!.path, '标题'.repeat(299) + '标题'.replace('题', '提'));
      expect(await verifyInBackground(files, hereBelow)).toMatch(/checksum mismatch in b\.arrow/);
      rmSync(files[1]!.path);
      expect(await verifyInBackground(files, hereBelow)).toMatch(/^unreadable \(b\.arrow: /);
      writeFileSync(files[1]!.path, '标题'.repeat(300));
    }
  });

  it('detects a corrupt, truncated or foreign cache, never trusts it, and rebuilds it', async () => {
    const archive = writeTree({ 'a.md': newestLayout(), 'b.md': flatLayout() });
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    const folder = join(cache, readdirSync(cache)[0]!);

    // Corrupt rows are detected whenever they are read: numbers, tags, or text (one byte flipped).
    for (const part of ['numbers.arrow', 'tags.arrow', 'dict.json', 'sources.arrow', 'title.arrow', 'brief.arrow']) {
      const name = `${liveSegments(folder)[0]}.${part}`;
      const bytes = readFileSync(join(folder, name));
      const middle = bytes.length >> 1;
      bytes[middle] = bytes[middle]! ^ 1;
      writeFileSync(join(folder, name), bytes);
      const corrupt = await compareWithCold(archive, cache);
      expect(corrupt.cache).toMatchObject({ reused: 0, parsed: 2, problem: expect.stringMatching(/checksum/) });
      expect((await loadArticles([archive], { cache })).cache).toMatchObject({ reused: 2, parsed: 0 });
    }

    // A segment half-written by a crash (meta.json is written last, so it still names the old files).
    const numbers = `${liveSegments(folder)[0]}.numbers.arrow`;
    writeFileSync(join(folder, numbers), readFileSync(join(folder, numbers)).subarray(0, 100));
    expect((await compareWithCold(archive, cache)).cache).toMatchObject({ reused: 0, parsed: 2, problem: expect.stringMatching(/checksum/) });

    writeFileSync(join(folder, 'meta.json'), '{"format":"content-pulse-parse-cache","version":0}');
    const foreign = await compareWithCold(archive, cache);
    expect(foreign.cache?.problem).toMatch(/version 0/);

    writeFileSync(join(folder, 'meta.json'), '{not json');
    const unreadable = await compareWithCold(archive, cache);
    expect(unreadable.cache?.problem).toMatch(/unreadable/);
    expect((await loadArticles([archive], { cache })).cache).toMatchObject({ reused: 2, parsed: 0 });
  });

  it('reads an unchanged rerun from the cache alone, for any as-of date, identical to a cold load', async () => {
    const archive = writeTree({ 'a.md': newestLayout(), 'b.md': flatLayout(), 'c.md': oldestLayout(), 'bad.md': '' });
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    const warm = await compareWithCold(archive, cache);
    expect(warm.cache).toMatchObject({ reused: 4, parsed: 0 });
    const first = await loadArticles([archive], { cache, asOf: '2026-01-01' });
    const again = await loadArticles([archive], { cache, asOf: '2026-01-01' });
    const cold = await loadArticles([archive], { asOf: '2026-01-01' });
    expect(outcome(first)).toEqual(outcome(cold));
    expect(outcome(again)).toEqual(outcome(cold));
    expect(again.articles.array('ageDays')).toEqual(cold.articles.array('ageDays'));
  });

  it('records that its dictionaries hold each value once, and reads a segment that does not say so alike', async () => {
    const archive = writeTree({ 'a.md': newestLayout(), 'b.md': flatLayout(), 'c.md': oldestLayout() });
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    const state = join(cache, readdirSync(cache).find((name) => name.startsWith('inputs-'))!);
    const meta = JSON.parse(readFileSync(join(state, 'meta.json'), 'utf8')) as { segments: { name: string; checksums: { dict: string } }[] };
    // As a segment written before the cache recorded it.
    for (const segment of meta.segments) {
      const path = join(state, `${segment.name}.dict.json`);
      const { distinct, ...dictionaries } = JSON.parse(readFileSync(path, 'utf8')) as { distinct?: boolean };
      expect(distinct).toBe(true);
      const bytes = Buffer.from(JSON.stringify(dictionaries));
      writeFileSync(path, bytes);
      segment.checksums.dict = checksum(bytes);
    }
    writeFileSync(join(state, 'meta.json'), JSON.stringify(meta));
    expect((await compareWithCold(archive, cache)).cache).toMatchObject({ reused: 3, parsed: 0 });
  });

  it('caches an NDJSON export out of id order in id order, its text read back from the file', async () => {
    // Ids descending; every fifth title written with escapes (kept beside the file's byte ranges).
    const lines = Array.from({ length: 40 }, (_, i) => {
      const id = 1000 - i * 7;
      return JSON.stringify({
        id, title: i % 5 === 0 ? `标题 "${i}"` : `标题${i}`, url: `https://www.woshipm.com/pd/${id}.html`, published: '2024-01-02',
        views: i, comments: 1, collects: 2, tags: ['甲'], brief: i % 3 ? `简介${i}` : null,
      });
    });
    const root = writeTree({ 'export.ndjson': `${lines.join('\n')}\n` });
    const cache = join(root, '.pulse-cache');
    expect((await compareWithCold(root, cache)).cache).toMatchObject({ parsed: 1 });
    const again = await compareWithCold(root, cache);
    expect(again.cache).toMatchObject({ reused: 1, parsed: 0 });
    const byId = new Map(again.rows.map((row) => [row.id, row]));
    expect(byId.get(1000)).toMatchObject({ title: '标题 "0"', brief: null, url: 'https://www.woshipm.com/pd/1000.html' });
    expect(byId.get(993)).toMatchObject({ title: '标题1', brief: '简介1' });
    expect(byId.get(1000 - 39 * 7)).toMatchObject({ title: '标题39', brief: null });
  });

  it('loads everything when the cache cannot be written, and says why', async () => {
    const archive = writeTree({ 'a.md': newestLayout(), 'b.md': flatLayout() });
    const inTheWay = join(writeTree({ 'cache': 'a file, not a folder' }), 'cache');
    const result = await compareWithCold(archive, inTheWay);
    expect(result.cache).toMatchObject({ reused: 0, parsed: 2, notSaved: expect.stringMatching(/^cannot write to it: ENOTDIR/) });
    expect(result.stats.loaded).toBe(2);
  });

  it('keeps one cache per set of inputs', async () => {
    const one = writeTree({ 'a.md': newestLayout() });
    const two = writeTree({ 'b.md': flatLayout() });
    const cache = writeTree({});
    await loadArticles([one], { cache });
    await loadArticles([two], { cache });
    expect((await loadArticles([one], { cache })).cache).toMatchObject({ reused: 1, parsed: 0 });
    expect(readdirSync(cache)).toHaveLength(2);
  });
});

describe('incremental cache segments', () => {
  it('adds new files as a segment without rewriting the others, and drops segments nobody owns', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`old/${i}.md`] = newestLayout({ original: `[x](https://www.woshipm.com/pd/${1000 + i}.html)` });
    const archive = writeTree(files);
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    const folder = join(cache, readdirSync(cache)[0]!);
    const segments = () => readdirSync(folder).filter((f) => f.endsWith('.numbers.arrow')).sort();
    const before = segments();
    expect(before).toHaveLength(1);

    writeFileSync(join(archive, 'new.md'), newestLayout({ original: '[x](https://www.woshipm.com/pd/5000.html)' }));
    const added = await compareWithCold(archive, cache);
    expect(added.cache).toMatchObject({ reused: 30, parsed: 1 });
    expect(segments()).toHaveLength(2);
    expect(segments()).toEqual(expect.arrayContaining(before));

    // Deleting the new file leaves its segment owned by nobody: it is retired (kept for runs that
    // read the previous state), and removed by a later write once retired for the grace period.
    rmSync(join(archive, 'new.md'));
    expect((await compareWithCold(archive, cache)).cache).toMatchObject({ reused: 30, parsed: 0, dropped: 1 });
    const retired = segments().filter((name) => !before.includes(name));
    expect(retired).toHaveLength(1);
    expect(liveSegments(folder).map((name) => `${name}.numbers.arrow`)).toEqual(before);
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as { retired: { name: string; since: number }[] };
    expect(meta.retired.map((entry) => entry.name)).toEqual(expect.arrayContaining([retired![0]!.replace('.numbers.arrow', '')]));
    for (const entry of meta.retired) entry.since -= RETIRED_GRACE_MS + 1; // as if an hour had passed
    writeFileSync(join(folder, 'meta.json'), JSON.stringify(meta)); // (meta.json's checksum covers the index, not itself)
    writeFileSync(join(archive, 'later.md'), newestLayout({ original: '[x](https://www.woshipm.com/pd/6000.html)' }));
    expect((await compareWithCold(archive, cache)).cache).toMatchObject({ reused: 30, parsed: 1 });
    expect(segments()).not.toContain(retired![0]);
    // The current index and the one it replaced, each with its paths.
    expect(readdirSync(folder).filter((name) => /^files-[0-9a-f]+\.arrow$/.test(name))).toHaveLength(2);
    expect(readdirSync(folder).filter((name) => /^files-[0-9a-f]+\.paths\.arrow$/.test(name))).toHaveLength(2);
  });

  it('lets a run that read the previous state read its text after another run replaced it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i++) files[`${i}.md`] = newestLayout({ title: `旧标题 ${i}`, original: `[x](https://www.woshipm.com/pd/${1000 + i}.html)` });
    const archive = writeTree(files);
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    const reader = await loadArticles([archive], { cache }); // its text is read from the cache when first used
    expect(reader.cache).toMatchObject({ reused: 5, parsed: 0 });
    // Another run, after every file changed: the first segment is owned by nobody now.
    for (let i = 0; i < 5; i++) writeFileSync(join(archive, `${i}.md`), newestLayout({ title: `新标题 ${i}`, original: `[x](https://www.woshipm.com/pd/${1000 + i}.html)` }));
    expect((await loadArticles([archive], { cache })).cache).toMatchObject({ reused: 0, parsed: 5 });
    expect(reader.articles.array('title')).toEqual(['旧标题 0', '旧标题 1', '旧标题 2', '旧标题 3', '旧标题 4']);
  });

  it('writes nothing while another live run holds the writer lock, and takes over a dead run\'s lock', async () => {
    const archive = writeTree({ 'a.md': newestLayout(), 'b.md': flatLayout() });
    const cache = writeTree({});
    await loadArticles([archive], { cache });
    const folder = join(cache, readdirSync(cache)[0]!);
    const lock = join(folder, 'writer.lock');
    const meta = () => readFileSync(join(folder, 'meta.json'), 'utf8');
    writeFileSync(join(archive, 'c.md'), oldestLayout());

    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now() }));
    const before = meta();
    const blocked = await compareWithCold(archive, cache);
    expect(blocked.cache).toMatchObject({ reused: 2, parsed: 1, notSaved: `another pulse run, pid ${process.pid}, is updating it` });
    expect(meta()).toBe(before);
    expect(readFileSync(lock, 'utf8')).toContain(`"pid":${process.pid}`); // not ours to remove

    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has ended
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), since: Date.now() }));
    const takenOver = await compareWithCold(archive, cache);
    expect(takenOver.cache).toMatchObject({ reused: 2, parsed: 1 });
    expect(takenOver.cache?.notSaved).toBeUndefined();
    expect(existsSync(lock)).toBe(false);
    expect((await loadArticles([archive], { cache })).cache).toMatchObject({ reused: 3, parsed: 0 });

    // A lock older than any cache write is stale even when its pid is alive (reused pid, other host).
    writeFileSync(join(archive, 'd.md'), newestLayout({ original: '[x](https://www.woshipm.com/pd/7000.html)' }));
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: 'elsewhere', since: Date.now() - LOCK_STALE_MS - 1 }));
    expect((await compareWithCold(archive, cache)).cache?.notSaved).toBeUndefined();
  });
});

describe('the cache writer lock', () => {
  const lockIn = (folder: string) => join(folder, 'writer.lock');

  it('is created whole, released only by its owner, and leaves nothing beside it', () => {
    const folder = writeTree({});
    const taken = lockCacheFolder(folder);
    if (!('release' in taken)) throw new Error(`not taken: ${taken.busy}`);
    const owner = JSON.parse(readFileSync(lockIn(folder), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
    expect(owner.token).toMatch(/^[0-9a-f]{16}$/);
    expect(lockCacheFolder(folder)).toEqual({ busy: `another pulse run, pid ${process.pid}, is updating it` });
    // Another run replaced it (it judged this one stale): releasing leaves that run's lock alone.
    writeFileSync(lockIn(folder), JSON.stringify({ pid: 1, host: 'elsewhere', since: Date.now() }));
    taken.release();
    expect(readFileSync(lockIn(folder), 'utf8')).toContain('elsewhere');
    expect(readdirSync(folder)).toEqual(['writer.lock']);
  });

  it('takes a lock being written for a live one while it is young, for a leftover when it is old', () => {
    const folder = writeTree({ 'writer.lock': '' }); // created, not yet written (the old way of creating it)
    expect(lockCacheFolder(folder)).toEqual({ busy: 'another pulse run is starting to update it' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockIn(folder), old, old);
    const taken = lockCacheFolder(folder);
    expect('release' in taken).toBe(true);
  });

  it('removes only the lock it judged stale: one created meanwhile by another run stays', () => {
    const folder = writeTree({});
    const stale = JSON.stringify({ pid: 1, host: 'elsewhere', since: 0 });
    const fresh = JSON.stringify({ pid: 2, host: 'elsewhere', since: Date.now(), token: 'other' });
    writeFileSync(lockIn(folder), fresh); // another run took over between our look and our removal
    expect(removeStaleLock(lockIn(folder), stale)).toBe(false);
    expect(readFileSync(lockIn(folder), 'utf8')).toBe(fresh);
    writeFileSync(lockIn(folder), stale);
    expect(removeStaleLock(lockIn(folder), stale)).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
  });
});

/** Strings as a UTF-8 pool. */
function poolOf(strings: readonly string[]) {
  const builder = new Utf8Builder();
  for (const value of strings) builder.push(value);
  return builder.done();
}

describe('rowsOfPaths', () => {
  const index = (paths: string[]) => ({ length: paths.length, paths: () => poolOf(paths) } as unknown as CachedFiles);
  it('finds each path\'s row, -1 for new ones, by merging sorted lists or through a map otherwise', () => {
    const cached = ['a/1.md', 'a/2.md', 'a/x-y.md', 'b/1.md', 'c/文.md'];
    const sortedPaths = ['a/0.md', 'a/2.md', 'a/x-y.md', 'b/1.md', 'b/2.md', 'c/文.md', 'd.md'];
    expect([...rowsOfPaths(index(cached), sortedPaths)]).toEqual([-1, 1, 2, 3, -1, 4, -1]);
    const shuffled = ['d.md', 'c/文.md', 'a/2.md', 'a/0.md', 'b/1.md'];
    expect([...rowsOfPaths(index(cached), shuffled)]).toEqual([-1, 4, 1, -1, 3]);
    expect([...rowsOfPaths(index([...cached].reverse()), sortedPaths)]).toEqual([-1, 3, 2, 1, -1, 0, -1]);
    expect([...rowsOfPaths(index([]), sortedPaths)]).toEqual(sortedPaths.map(() => -1));
  });

  it('matches a pool of paths against the index by bytes; out of order, paths are missed, never matched wrongly', () => {
    const cached = ['a/1.md', 'a/2.md', 'a/x-y.md', 'b/1.md', 'c/文.md'];
    const sortedPaths = ['a/0.md', 'a/2.md', 'a/x-y.md', 'b/1.md', 'b/2.md', 'c/文.md', 'd.md'];
    expect([...rowsOfPool(index(cached), poolOf(sortedPaths))]).toEqual([-1, 1, 2, 3, -1, 4, -1]);
    // A path that is a prefix of another sorts first.
    expect([...rowsOfPool(index(['a/1.md', 'a/1.md.bak']), poolOf(['a/1.md', 'a/1.md.bak']))]).toEqual([0, 1]);
    expect([...rowsOfPool(index(['a/1.md.bak']), poolOf(['a/1.md', 'a/1.md.bak']))]).toEqual([-1, 0]);
    const matched = [...rowsOfPool(index([...cached].reverse()), poolOf(sortedPaths))];
    matched.forEach((row, i) => {
      if (row >= 0) expect([...cached].reverse()[row]).toBe(sortedPaths[i]);
    });
    expect([...rowsOfPool(index([]), poolOf(sortedPaths))]).toEqual(sortedPaths.map(() => -1));
  });
});


describe('FileIndexBuilder', () => {
  it('takes its paths at once when given, and refuses a count that does not fit', () => {
    const given = new FileIndexBuilder(2, 8, poolOf(['a/1.md', 'a/2.md']));
    given.add('ignored', 1, 2, 1, [{ segment: 0, first: 0, count: 1 }]);
    given.add('ignored', 3, 4, 1, [{ segment: 0, first: 1, count: 1 }]);
    const folder = writeTree({});
    writeCache(folder, given, []);
    expect(stringsOf(readCacheIndex(folder).files.paths())).toEqual(['a/1.md', 'a/2.md']);
    const short = new FileIndexBuilder(2, 8, poolOf(['a/1.md']));
    short.add('x', 1, 2, 1, []);
    short.add('y', 1, 2, 1, []);
    expect(() => short.toArrow()).toThrow(/1 paths given for 2 files/);
  });

  it('writes every file\'s stamp, ranges and notes, and reads them back, also past its starting capacity', () => {
    // An old index to keep rows of: plain ones around one with notes.
    const before = new FileIndexBuilder(1, 4);
    before.add('y/1.md', 5, 6, 1, [{ segment: 1, first: 0, count: 1 }]);
    before.add('y/2.md', 0, 9, 1, [], [{ path: 'y/2.md', line: 1, reason: 'empty file' }]);
    before.add('z.md', 7, 8, 1, [{ segment: 1, first: 1, count: 1 }]);
    const oldFolder = writeTree({});
    writeCache(oldFolder, before, []);
    const old = readCacheIndex(oldFolder).files;

    const builder = new FileIndexBuilder(2, 8);
    builder.add('a/1.md', 120, 1_700_000_000_123.5, 1, [{ segment: 0, first: 0, count: 1 }]);
    builder.add('a/2.md', 0, 1_700_000_000_200, 1, [], [{ path: 'a/2.md', line: 1, reason: 'empty file' }]);
    builder.add('b/many.ndjson', 9_000_000_000, 1_600_000_000_000, 3, [{ segment: 0, first: 1, count: 2 }, { segment: 1, first: 0, count: 1 }]);
    builder.keep(old, 0, 3, new Map([[1, 0]]));
    expect(builder.length).toBe(6);
    const folder = writeTree({});
    writeCache(folder, builder, []);
    const { files, problem } = readCacheIndex(folder);
    expect(problem).toBeUndefined();
    expect(stringsOf(files.paths())).toEqual(['a/1.md', 'a/2.md', 'b/many.ndjson', 'y/1.md', 'y/2.md', 'z.md']);
    expect([...files.size]).toEqual([120, 0, 9_000_000_000, 5, 0, 7]);
    expect([...files.mtimeMs]).toEqual([1_700_000_000_123.5, 1_700_000_000_200, 1_600_000_000_000, 6, 9, 8]);
    expect([...files.itemsSeen]).toEqual([1, 1, 3, 1, 1, 1]);
    expect([...files.segment]).toEqual([0, -1, 0, 0, -1, 0]);
    expect([...files.first]).toEqual([0, 0, 1, 0, 0, 1]);
    expect([...files.count]).toEqual([1, 0, 2, 1, 0, 1]);
    expect([...files.notesAt]).toEqual([-1, 0, 1, -1, 2, -1]);
    expect(files.notes).toEqual([
      { rejects: [{ path: 'a/2.md', line: 1, reason: 'empty file' }] }, { more: [[1, 0, 1]] }, { rejects: [{ path: 'y/2.md', line: 1, reason: 'empty file' }] },
    ]);
  });
});

