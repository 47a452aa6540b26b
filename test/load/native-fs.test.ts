/**
 * The native file-system helper (src/native) against the JavaScript path it replaces: the same
 * stamps, the same walk, the same bytes, the same load; and a cache written by either is reused
 * by the other. With CI=true the helper must be built (it is what the benchmarks measure).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { stringsOf } from '../../src/load/table/batch-text.ts';
import { checksumFile } from '../../src/load/cache/checksum.ts';
import { discover, startPooledWalk } from '../../src/load/walk/discover.ts';
import type { FileList } from '../../src/load/walk/file-list.ts';

/** A list's paths and kinds, to compare lists. */
const listed = (files: FileList) => files.paths().map((path, k) => ({ path, kind: files.kind(k) }));
import { loadArticles } from '../../src/load/load-articles.ts';
import { filledPart, giveBackFreeMemory, nativeFs, withHugePages } from '../../src/load/native.ts';
import { statPaths } from '../../src/load/walk/stat-files.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { generateArchive } from '../../scripts/sample-archive.ts';
import { skipReasons } from '../../src/errors.ts';

const inCi = process.env.CI === 'true' || process.env.CI === '1';
// The suite's PULSE_NATIVE=0 pass (.ci/run) turns the helper off on purpose: its own tests then
// have nothing to test, and they ran in the default pass.
const initialNative = process.env.PULSE_NATIVE;
const turnedOff = initialNative === '0';
const native = nativeFs();

/** Sets PULSE_NATIVE back to what the run started with. */
function restoreNative(): void {
  if (initialNative === undefined) delete process.env.PULSE_NATIVE;
  else process.env.PULSE_NATIVE = initialNative;
}

/** Runs fn with the JavaScript path forced (PULSE_NATIVE=0), workers included. */
async function withoutNative<T>(fn: () => Promise<T> | T): Promise<T> {
  process.env.PULSE_NATIVE = '0';
  try {
    return await fn();
  } finally {
    restoreNative();
  }
}

afterEach(restoreNative);

// Outside CI a machine without a C compiler runs the JavaScript path, and these tests skip.
it.runIf(inCi && !turnedOff)('is built in CI (npm install builds it)', () => {
  expect(native, 'CI=true but src/native/build/Release/pulse_fs.node is not built: npm install runs scripts/build-native.mjs (needs python3, make and a C compiler)').toBeDefined();
});

/** What a load gives a user, without what says how (the cache report). */
const strip = (result: Awaited<ReturnType<typeof loadArticles>>) => ({ rows: result.rows, rejects: result.rejects, warnings: result.warnings, skipped: result.skipped, stats: result.stats });

/** An article of the newest layout with this id. */
function article(id: number): string {
  return newestLayout({ original: `[View on woshipm.com](https://www.woshipm.com/pd/${id}.html)` });
}

/** A tree with what a walk must get right: hidden entries, links (a loop among them), order. */
function awkwardTree(): string {
  const root = writeTree({
    'a.md': article(1),
    'a-b.md': article(2), // "a-" sorts before the folder "a/"
    'a/b.md': article(3),
    'a/README.md': '# index',
    'b/.hidden.md': 'not looked at',
    '.git/x.md': 'not looked at',
    'c/深度/中文标题.md': article(4),
    // U+FF21 sorts before U+1F600 in UTF-8 bytes, after it in UTF-16 code units (the order used).
    'd/Ａ.md': article(5),
    'd/😀.md': article(6),
    'e/empty.md': '',
    'notes.png': 'not an article',
  });
  symlinkSync(root, join(root, 'a', 'loop')); // back up the tree: walked once
  symlinkSync(join(root, 'c'), join(root, 'c-link')); // a second way into c: walked once
  symlinkSync(join(root, 'a.md'), join(root, 'e', 'linked.md'));
  symlinkSync(join(root, 'gone.md'), join(root, 'e', 'dangling.md'));
  return root;
}

describe.skipIf(turnedOff || (!native && !inCi))('native helper', () => {
  it('stamps exactly what fs.statSync gives (links followed; -1 for what cannot be stat-ed)', async () => {
    const root = awkwardTree();
    utimesSync(join(root, 'a.md'), new Date('2024-02-29T12:34:56.789Z'), new Date('2024-02-29T12:34:56.789Z'));
    const paths = ['a.md', 'a', 'c/深度/中文标题.md', 'c-link/深度/中文标题.md', 'd/😀.md', 'e/empty.md', 'e/linked.md', 'e/dangling.md', 'missing.md', 'gone/x.md'].map((path) => join(root, path));
    paths.push(`${root}/a/`, 'a.md', '/'); // a trailing slash, no folder, the root
    paths.push(`${root}/bad\0name.md`);
    const expected = paths.map((path) => {
      try {
        const info = statSync(path);
        return [info.size, info.mtimeMs];
      } catch {
        return [-1, -1];
      }
    });
    for (const threads of [1, 3]) {
      const size = new Float64Array(paths.length);
      const mtimeMs = new Float64Array(paths.length);
      native!.statPaths(paths, size, mtimeMs, threads);
      expect(paths.map((_, i) => [size[i], mtimeMs[i]])).toEqual(expected);
    }
    expect(expected[0]).toEqual([statSync(paths[0]!).size, Date.parse('2024-02-29T12:34:56.789Z')]);
    expect([7, 8, 9, 13].map((i) => expected[i])).toEqual([[-1, -1], [-1, -1], [-1, -1], [-1, -1]]); // dangling, missing, in a missing folder, NUL
    expect(expected[3]).toEqual(expected[2]); // through a link to a folder
    // Enough paths for the threads to split them, in order.
    const many = Array.from({ length: 5000 }, (_, i) => paths[i % 6]!);
    const threaded = statPaths(many, 2);
    const js = await withoutNative(() => statPaths(many));
    expect([...threaded.size]).toEqual([...js.size]);
    expect([...threaded.mtimeMs]).toEqual([...js.mtimeMs]);
  });

  it('walks as the JavaScript walk does: same files, kinds and order', async () => {
    const root = awkwardTree();
    const fast = listed(await discover([root, join(root, 'a.md')]));
    const slow = listed(await withoutNative(() => discover([root, join(root, 'a.md')])));
    expect(fast).toEqual(slow);
    const names = fast.map((file) => `${file.path.slice(root.length + 1)}:${file.kind}`);
    expect(names).toEqual([
      'a-b.md:markdown', 'a.md:markdown', 'a/README.md:index', 'a/b.md:markdown',
      'c-link/深度/中文标题.md:markdown', 'd/😀.md:markdown', 'd/Ａ.md:markdown',
      'e/dangling.md:broken-link', 'e/empty.md:markdown', 'e/linked.md:markdown', 'notes.png:other',
    ]);
  });

  it('takes empty lists (a folder of index pages only, loaded through a cache)', async () => {
    expect(() => native!.statPaths([], new Float64Array(0), new Float64Array(0), 2)).not.toThrow();
    expect(native!.readFiles([], 0, new Uint8Array(0), new Int32Array(0), new Int32Array(0))).toBe(0);
    const root = writeTree({ 'README.md': '# index', 'pd/SUMMARY.md': '# index' });
    const result = await loadArticles([root], { cache: join(root, '.pulse-cache') });
    expect(result.stats).toMatchObject({ filesSeen: 2, loaded: 0, skipped: 2, rejected: 0 });
  });

  it('stamps the walk\'s files on its own threads, as statSync does, when they are all the list', async () => {
    const root = writeTree(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`pd/${String(i).padStart(2, '0')}.md`, 'x'.repeat(i)])));
    utimesSync(join(root, 'pd/07.md'), new Date('2023-05-06T07:08:09.123Z'), new Date('2023-05-06T07:08:09.123Z'));
    const list = await discover([root], undefined, true);
    const { stamps } = list;
    const files = list.paths();
    expect(stamps).toBeDefined();
    const taken = stamps!();
    expect([...taken.size]).toEqual(files.map((path) => statSync(path).size));
    expect([...taken.mtimeMs]).toEqual(files.map((path) => statSync(path).mtimeMs));
    expect(Math.round(taken.mtimeMs[7]!)).toBe(Date.parse('2023-05-06T07:08:09.123Z'));
    // Not asked for, or not in the walk's order with the rest (a file named besides the folder): none.
    expect((await discover([root])).stamps).toBeUndefined();
    expect((await discover([join(root, 'pd/03.md'), root], undefined, true)).stamps).toBeUndefined();
    expect(await withoutNative(async () => (await discover([root], undefined, true)).stamps)).toBeUndefined();
  });

  // Through io_uring in rounds where the system offers it, and file by file (PULSE_IO_URING=0).
  const readModes = [{ mode: 'in rounds', env: undefined }, { mode: 'file by file', env: '0' }];
  const inReadMode = (env: string | undefined, fn: () => void) => {
    if (env === undefined) delete process.env.PULSE_IO_URING;
    else process.env.PULSE_IO_URING = env;
    try {
      fn();
    } finally {
      delete process.env.PULSE_IO_URING;
    }
  };

  it.each(readModes)('reads files byte for byte into the caller\'s buffer, stopping at one that does not fit; -1 for what cannot be read ($mode)', ({ env }) => inReadMode(env, () => {
    const big = 'x'.repeat(100_000);
    const root = writeTree({ 'one.md': article(1), 'big.md': big, 'empty.md': '', 'two.md': '第二篇', 'exact.md': 'y'.repeat(4096) });
    mkdirSync(join(root, 'folder.md'));
    const paths = ['one.md', 'missing.md', 'big.md', 'empty.md', 'folder.md', '', 'two.md', 'exact.md'].map((path) => (path ? join(root, path) : ''));
    const starts = new Int32Array(paths.length);
    const lengths = new Int32Array(paths.length);
    const text = (into: Uint8Array, i: number) => (lengths[i]! < 0 ? null : Buffer.from(into.subarray(starts[i], starts[i]! + lengths[i]!)).toString('utf8'));
    // A buffer too small for big.md: it stops there, and from there with room enough.
    const small = new Uint8Array(8192);
    expect(native!.readFiles(paths, 0, small, starts, lengths)).toBe(2);
    expect([lengths[0], lengths[1]]).toEqual([Buffer.byteLength(readFileSync(paths[0]!)), -1]);
    expect(text(small, 0)).toBe(readFileSync(paths[0]!, 'utf8'));
    const large = new Uint8Array(200_000);
    expect(native!.readFiles(paths, 2, large, starts, lengths)).toBe(paths.length);
    expect([...lengths.subarray(2)]).toEqual([100_000, 0, -1, -1, Buffer.byteLength('第二篇'), 4096]);
    // Each file in a place of its own in the buffer (one longer than its round's room after the others).
    const placed = [2, 3, 6, 7].map((i) => [starts[i]!, starts[i]! + lengths[i]!] as const).sort((a, b) => a[0] - b[0]);
    placed.forEach(([start, end], k) => expect(start >= (k === 0 ? 0 : placed[k - 1]![1]) && end <= large.length).toBe(true));
    expect(text(large, 2)).toBe(big);
    expect(text(large, 6)).toBe('第二篇');
    // A file exactly as large as the room left may have more: it is read again with more room.
    const exact = new Uint8Array(4096);
    expect(native!.readFiles([paths[7]!], 0, exact, starts, lengths)).toBe(0);
    expect(native!.readFiles([paths[7]!], 0, new Uint8Array(4097), starts, lengths)).toBe(1);
    expect(lengths[0]).toBe(4096);
  }));

  it.each(readModes)('reads 400 files of every size about its rounds\' slots (64 KiB) as Node does, the caller growing its buffer as parse-file.ts does ($mode)', ({ env }) => inReadMode(env, () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sizes = [0, 1, 65535, 65536, 65537, 131072, 131073, 300_000];
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 400; i++) {
      const size = i < sizes.length ? sizes[i]! : random() < 0.9 ? Math.floor(random() * 3000) : Math.floor(random() * 200_000);
      files[`f/${String(i).padStart(3, '0')}.md`] = Uint8Array.from({ length: size }, (_, k) => (k * 31 + i) & 0xff);
    }
    const root = writeTree(files);
    const paths = Object.keys(files).map((path, i) => (i % 53 === 7 ? '' : i % 61 === 5 ? join(root, 'missing', path) : join(root, path)));
    const starts = new Int32Array(paths.length);
    const lengths = new Int32Array(paths.length);
    let into = new Uint8Array(1 << 16);
    const seen: (Buffer | null)[] = [];
    for (let from = 0; from < paths.length;) {
      const next = native!.readFiles(paths, from, into, starts, lengths);
      for (let i = from; i < next; i++) seen.push(lengths[i]! < 0 ? null : Buffer.from(into.subarray(starts[i], starts[i]! + lengths[i]!)));
      if (next < paths.length && (next === from || into.length < 1 << 20)) into = new Uint8Array(into.length * 2);
      from = next;
    }
    expect(seen).toHaveLength(paths.length);
    paths.forEach((path, i) => {
      if (!path || path.includes('missing')) expect(seen[i], path).toBeNull();
      else expect(seen[i]?.equals(readFileSync(path)), path).toBe(true);
    });
  }));

  it.each(readModes)('reads small files with longer ones among them byte for byte, whatever the buffer ($mode)', ({ env }) => inReadMode(env, () => {
    // 300 files of ~100 bytes make a round's room per file small (a page), then every fifth file
    // is longer than that room: those are read again after the others of their round.
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 600; i++) {
      const size = i < 300 || i % 5 !== 0 ? 80 + (i % 40) : 4096 + 1000 * (i % 13);
      files[`s/${String(i).padStart(3, '0')}.md`] = Uint8Array.from({ length: size }, (_, k) => (k * 7 + i) & 0xff);
    }
    const root = writeTree(files);
    const paths = Object.keys(files).map((path) => join(root, path));
    for (const room of [1 << 20, 40_000, 17_000]) {
      const starts = new Int32Array(paths.length);
      const lengths = new Int32Array(paths.length);
      const into = new Uint8Array(room);
      const seen: Buffer[] = [];
      for (let from = 0; from < paths.length;) {
        const next = native!.readFiles(paths, from, into, starts, lengths);
        expect(next, `room ${room}, from ${from}`).toBeGreaterThan(from);
        for (let i = from; i < next; i++) seen.push(Buffer.from(into.subarray(starts[i], starts[i]! + lengths[i]!)));
        from = next;
      }
      paths.forEach((path, i) => expect(seen[i]!.equals(readFileSync(path)), `room ${room}: ${path}`).toBe(true));
    }
  }));

  it('parses a batch whose files outgrow the read buffer as the JavaScript path does', async () => {
    const body = '正文。'.repeat(200_000); // 1.8 MB each: past the helper's first 1 MiB buffer
    const root = writeTree(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`pd/${200 + i}.md`, newestLayout({ original: `[View on woshipm.com](https://www.woshipm.com/pd/${200 + i}.html)`, body })])));
    const fast = await loadArticles([root]);
    const slow = await withoutNative(() => loadArticles([root]));
    expect(fast.stats.loaded).toBe(6);
    expect(fast.rows).toEqual(slow.rows);
    expect(fast.rows.map((row) => row.bodyChars)).toEqual(slow.rows.map((row) => row.bodyChars));
  });

  it('reads a generated archive in C as the JavaScript parsers do, in workers and in this thread, files it leaves to them included', async () => {
    const articles = generateArchive(1200, 5);
    // Some files outside the current form, among the others in a batch: the JavaScript parsers read those.
    const files = Object.fromEntries(articles.map((article, i) => [article.path, i % 97 === 0 ? article.text.replace(/\n/g, '\r\n') : article.text]));
    const root = writeTree(files);
    const fast = await loadArticles([root], { workers: 2 });
    expect(fast.stats.loaded).toBeGreaterThan(1100);
    expect(fast.rows).toEqual((await withoutNative(() => loadArticles([root], { workers: 2 }))).rows);
    expect((await loadArticles([root], { workers: 1 })).rows).toEqual(fast.rows);
  });

  it('loads what the JavaScript path loads, rejects and accounting included, with and without workers', async () => {
    const root = awkwardTree();
    writeFileSync(join(root, 'cut.md'), '# Cut short\n{% hint style="info" %}\n**Category:** PD\n');
    writeFileSync(join(root, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    const fast = strip(await loadArticles([root]));
    expect(fast.stats).toMatchObject({ loaded: 6, duplicates: 1 }); // e/linked.md is a.md
    expect(fast.rejects.map((reject) => reject.path.slice(root.length + 1)).sort()).toEqual(['cut.md', 'e/empty.md', 'latin1.md']);
    expect(strip(await loadArticles([root], { workers: 2 }))).toEqual(fast);
    expect(await withoutNative(async () => strip(await loadArticles([root])))).toEqual(fast);
    expect(await withoutNative(async () => strip(await loadArticles([root], { workers: 2 })))).toEqual(fast);
  });

  it('lists a folder as a path pool, in discover\'s order, with its stamps; not where discover must sort or has broken links', async () => {
    const root = writeTree({ 'a.md': article(1), 'a-b.md': article(2), 'a/README.md': '# index', 'c/深度/中文.md': article(3), 'notes.png': 'x', '.hidden/x.md': 'x' });
    const pooled = startPooledWalk([root])!;
    expect(pooled).toBeDefined();
    const files = (await withoutNative(() => discover([root]))).paths();
    const list = pooled.files()!;
    expect(stringsOf(list.pool())).toEqual(files);
    expect(listed(list)).toEqual(listed(await withoutNative(() => discover([root]))));
    const stamps = list.stamps!();
    expect([...stamps.size]).toEqual(files.map((path) => statSync(path).size));
    expect([...stamps.mtimeMs]).toEqual(files.map((path) => statSync(path).mtimeMs));
    const awkward = awkwardTree();
    expect(startPooledWalk([awkward])!.files()).toBeUndefined(); // a link to a folder sorts by its bare name; a broken link
    // There discover walks again, and the load through a cache is the JavaScript path's.
    const cached = await loadArticles([awkward], { cache: join(root, '.pulse-cache') });
    expect(cached.cache).toMatchObject({ parsed: 11 - 3 });
    expect(strip(cached)).toEqual(await withoutNative(async () => strip(await loadArticles([awkward]))));
    expect(startPooledWalk([root, root])).toBeUndefined();
    expect(startPooledWalk([join(root, 'a.md')])).toBeUndefined();
    expect(() => startPooledWalk([join(root, 'missing')])).toThrow(/Not found/);
    expect(await withoutNative(() => startPooledWalk([root]))).toBeUndefined();
  });

  it('reruns through the cache matching paths as bytes, as the JavaScript path does: new, changed, deleted, index pages, other files', async () => {
    const root = writeTree({
      'pd/2024/01/101.md': article(101), 'pd/2024/01/102.md': article(102), 'pd/README.md': '# index', 'pd/深度/103.md': article(103),
      'pd/notes.png': 'x', 'pd/2024/02/cut.md': '# Cut short\n{% hint style="info" %}\n',
    });
    const cache = join(root, '.pulse-cache');
    const cold = () => withoutNative(async () => strip(await loadArticles([root])));
    const first = await loadArticles([root], { cache });
    expect(first.cache).toMatchObject({ reused: 0, parsed: 4 });
    expect(strip(first)).toEqual(await cold());
    const warm = await loadArticles([root], { cache });
    expect(warm.cache).toMatchObject({ reused: 4, parsed: 0, dropped: 0 });
    expect(strip(warm)).toEqual(await cold());
    expect(warm.skipped.map((file) => file.reason)).toEqual([skipReasons.index, skipReasons.other]); // pd/README.md, pd/notes.png

    writeFileSync(join(root, 'pd/2024/01/100.md'), article(100)); // new, sorting first
    writeFileSync(join(root, 'pd/2024/01/102.md'), `${article(102)}\n更多正文。\n`); // changed
    rmSync(join(root, 'pd/深度/103.md')); // deleted
    writeFileSync(join(root, 'pd/2024/SUMMARY.md'), '# index'); // a new index page
    mkdirSync(join(root, 'pd/2025'));
    writeFileSync(join(root, 'pd/2025/104.md'), article(104)); // new, sorting last
    const changed = await loadArticles([root], { cache });
    expect(changed.cache).toMatchObject({ reused: 2, parsed: 3, dropped: 1 });
    expect(strip(changed)).toEqual(await cold());
    const again = await loadArticles([root], { cache });
    expect(again.cache).toMatchObject({ reused: 5, parsed: 0, dropped: 0 });
    expect(strip(again)).toEqual(await cold());
    // The JavaScript path reads the cache the pooled rerun wrote, and the other way round.
    expect((await withoutNative(() => loadArticles([root], { cache }))).cache).toMatchObject({ reused: 5, parsed: 0 });
  });

  it('reruns an unchanged listing without the index\'s paths, and reads and checks them once the listing changes', async () => {
    const root = writeTree({ 'pd/101.md': article(101), 'pd/102.md': article(102), 'pd/README.md': '# index', 'pd/103.md': article(103) });
    const cache = join(root, '.pulse-cache');
    await loadArticles([root], { cache });
    const folder = join(cache, readdirSync(cache)[0]!);
    const pathsFile = () => join(folder, (JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as { index: string }).index.replace(/\.arrow$/, '.paths.arrow'));
    const cold = () => withoutNative(async () => strip(await loadArticles([root])));

    // An edit in place: the same listing, so the index is rewritten with the walk's paths.
    writeFileSync(join(root, 'pd/102.md'), `${article(102)}\n更多正文。\n`);
    const edited = await loadArticles([root], { cache });
    expect(edited.cache).toMatchObject({ reused: 2, parsed: 1 });
    expect(strip(edited)).toEqual(await cold());
    // ... and they are the paths: the JavaScript path, which reads them, reuses every file.
    expect((await withoutNative(() => loadArticles([root], { cache }))).cache).toMatchObject({ reused: 3, parsed: 0 });

    // A corrupt paths file is not read while the listing stays the same (nothing of it is used) ...
    const bytes = readFileSync(pathsFile());
    bytes[bytes.length >> 1]! ^= 1;
    writeFileSync(pathsFile(), bytes);
    const same = await loadArticles([root], { cache });
    expect(same.cache).toMatchObject({ reused: 3, parsed: 0 });
    expect(same.cache?.problem).toBeUndefined();
    // ... and is found as soon as it is needed: a new file changes the listing.
    writeFileSync(join(root, 'pd/100.md'), article(100));
    const added = await loadArticles([root], { cache });
    expect(added.cache).toMatchObject({ reused: 0, parsed: 4, problem: expect.stringMatching(/checksum mismatch in files-[0-9a-f]+\.paths\.arrow/) });
    expect(strip(added)).toEqual(await cold());
    expect((await loadArticles([root], { cache })).cache).toMatchObject({ reused: 4, parsed: 0 });
  });

  // checksum.ts writes CRC-32 where zlib has it (Node 20.15 and later), as the helper does.
  it.skipIf(!('crc32' in zlib))('checksums and reads files as checksum.ts and Node do, across its read buffer, and says which it cannot read', () => {
    const big = Buffer.alloc((3 << 20) + 12345);
    for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
    const root = writeTree({ 'empty.bin': '', 'text.md': article(1) });
    writeFileSync(join(root, 'big.bin'), big);
    const paths = ['empty.bin', 'text.md', 'big.bin', 'missing.bin'].map((name) => join(root, name));
    const sums = native!.checksumFiles(paths);
    expect(sums.slice(0, 3)).toEqual(paths.slice(0, 3).map(checksumFile));
    expect(sums[2]).toMatch(/^crc32:[0-9a-f]+:3158073$/);
    expect(sums[3]).toBe('unreadable: No such file or directory');
    // Read whole into memory of its own (huge pages for the 3 MB one).
    for (const path of paths.slice(0, 3)) expect(Buffer.from(native!.readLarge(path)).equals(readFileSync(path))).toBe(true);
    expect(() => native!.readLarge(paths[3]!)).toThrow(/No such file/);
  });

  it('asks for huge pages behind a large array only, before it is written, and leaves its values alone', () => {
    // MADV_HUGEPAGE is taken wherever the kernel has transparent huge pages (it then lists their setting here).
    const kernelHasThem = existsSync('/sys/kernel/mm/transparent_hugepage/enabled');
    expect(native!.adviseHugePages(new ArrayBuffer(4096))).toBe(false); // no 2 MiB page inside
    const big = new Float64Array(1 << 20); // 8 MiB: three or four whole 2 MiB pages inside
    expect(native!.adviseHugePages(big.buffer)).toBe(kernelHasThem);
    const column = withHugePages(new Float64Array(1 << 20));
    for (let i = 0; i < column.length; i++) column[i] = i * 0.5;
    expect([column.length, column[0], column[123_456], column[column.length - 1]]).toEqual([1 << 20, 0, 61_728, ((1 << 20) - 1) * 0.5]);
    const small = new Int32Array(16);
    expect(withHugePages(small)).toBe(small);
  });

  it('gives back the pages behind a filled column, keeping every value written before them', () => {
    const column = withHugePages(new Float64Array(1 << 20));
    for (let i = 0; i < 1000; i++) column[i] = i + 1; // bytes 0–7999: the second page in part
    const kept = filledPart(column, 1000);
    expect([kept.length, kept[0], kept[999], kept.buffer]).toEqual([1000, 1, 1000, column.buffer]);
    expect(native!.releasePages(column.buffer, 8000)).toBe(true); // again: from the next whole page
    expect([column[998], column[999], column[1000], column[600_000]]).toEqual([999, 1000, 0, 0]);
    column[600_000] = 7; // a table appending behind the rows writes there again
    expect(column[600_000]).toBe(7);
    expect(native!.releasePages(column.buffer, column.byteLength)).toBe(false);
  });

  it('gives the allocator\'s free memory back through the helper, and does nothing without it', async () => {
    expect(typeof native!.trimMemory()).toBe('boolean');
    expect(typeof giveBackFreeMemory()).toBe('boolean');
    expect(await withoutNative(() => giveBackFreeMemory())).toBe(false);
  });

  it('hands a markdown folder to the workers as path bytes, with the JavaScript path\'s results: rejects, index pages, order', async () => {
    const files: Record<string, string> = { 'README.md': '# index', 'pd/SUMMARY.md': '# index', 'pd/empty.md': '', 'pd/深度/中文.md': article(7) };
    for (let i = 0; i < 450; i++) files[`pd/${2020 + (i % 3)}/${1000 + i}.md`] = article(1000 + (i % 400)); // duplicates too
    const root = writeTree(files);
    writeFileSync(join(root, 'pd/latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    const pooled = strip(await loadArticles([root], { workers: 2 })); // 3 batches of paths
    expect(pooled.stats).toMatchObject({ filesSeen: 455, skipped: 2, rejected: 2, loaded: 401, duplicates: 50 });
    expect(pooled.skipped.map((file) => file.path.slice(root.length + 1))).toEqual(['README.md', 'pd/SUMMARY.md']);
    expect(pooled).toEqual(strip(await loadArticles([root], { workers: 0 })));
    expect(pooled).toEqual(await withoutNative(async () => strip(await loadArticles([root], { workers: 2 }))));
    // A folder with other files is walked the usual way, with the same results.
    writeFileSync(join(root, 'pd/notes.png'), 'x');
    const mixed = strip(await loadArticles([root], { workers: 2 }));
    expect(mixed.stats).toMatchObject({ filesSeen: 456, skipped: 3 });
    expect(mixed).toEqual(await withoutNative(async () => strip(await loadArticles([root], { workers: 2 }))));
  });

  it('a cache written with native stamps is reused by the JavaScript path, and the other way round', async () => {
    const root = writeTree(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`pd/2024/0${1 + (i % 9)}/${100 + i}.md`, article(100 + i)])));
    const cache = join(root, '.pulse-cache');
    const first = await loadArticles([root], { cache });
    expect(first.cache).toMatchObject({ reused: 0, parsed: 30 });
    const js = await withoutNative(() => loadArticles([root], { cache }));
    expect(js.cache).toMatchObject({ reused: 30, parsed: 0, dropped: 0 });
    expect(js.rows).toEqual(first.rows);
    const otherCache = join(root, '.other-cache');
    await withoutNative(() => loadArticles([root], { cache: otherCache }));
    const again = await loadArticles([root], { cache: otherCache });
    expect(again.cache).toMatchObject({ reused: 30, parsed: 0 });
  });
});
