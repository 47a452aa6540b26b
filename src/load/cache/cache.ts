/**
 * The incremental parse cache: what each source file parsed to, keyed by its path, size and
 * modification time, kept as Arrow IPC in a cache folder. A rerun parses only new or changed files
 * and drops deleted ones. One cache per set of inputs (a subfolder named by their hash), so two
 * archives used from the same folder do not evict each other.
 *
 * Layout: parsed records live in segments, one per batch a run parsed (a rerun that parses 1,000
 * new files adds one segment and rewrites nothing else). A segment is `<name>.numbers.arrow` (one
 * row per record: numbers, dictionary keys, where its tags end), `<name>.tags.arrow` (tag keys),
 * `<name>.dict.json` (the dictionaries but sources), and `<name>.sources|title|url|brief.arrow`
 * (UTF-8 text: the source paths and the text columns, read only when used). Arrow files are written straight from the batch's buffers.
 * `files-<name>.arrow` (the index) says which rows of which segments each source file owns, and
 * `files-<name>.paths.arrow` holds their paths; `meta.json` (written last: the one rename that
 * makes a new state current) names the index and holds the format, version and a checksum of
 * every file. A file is checked whenever it is read; anything that does not match is never
 * trusted: it is reported and rebuilt. (The paths are read only when the folder's listing changed:
 * meta.json keeps a digest of the native walk's listing they came from, see WalkRecord.)
 *
 * Runs that overlap stay safe: one writes at a time (cache-lock.ts), and files a new state no
 * longer uses are kept for RETIRED_GRACE_MS, so a run that read the previous state can still read
 * its segments' text when it first needs it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Table, tableFromColumns } from '@uwdata/flechette';
import type { LoadWarning, Reject } from '../../article.ts';
import { writeFileAtomic } from '../../io/write-atomic.ts';
import { type ArticleBatch, type Utf8Strings } from '../table/batch.ts';
import { stringReader, Utf8Builder, utf8Pool, withRoom } from '../table/batch-text.ts';
import { lockCacheFolder } from './cache-lock.ts';
import { byPath } from '../walk/file-kind.ts';
import { CACHE_VERSION, FORMAT, type SegmentRange, type SegmentMeta, writeArrowFile, type CacheMeta, RETIRED_GRACE_MS, pathsFileOf, stemOf, readMeta, isOlderThan, columnOf, utf8Column, utf8Table, type WalkRecord } from './files.ts';
import { type CachedFiles, cachedRanges, type FileNotes } from './index.ts';
import { writeSegment } from './segments.ts';

/**
 * The next file index, built file by file as columns (no object per file): what writeCache
 * stores as the index file.
 */
export class FileIndexBuilder {
  /** The paths, pushed one by one, unless they were given at once. */
  private readonly paths: Utf8Builder | undefined;
  private n = 0;
  // Typed columns sized up front (a load knows how many files it indexes): pushing 100,000
  // numbers into eight plain arrays cost ~90 ms and as much again in garbage collection.
  private size: Float64Array;
  private mtimeMs: Float64Array;
  private itemsSeen: Float64Array;
  private segment: Int32Array;
  private first: Int32Array;
  private count: Int32Array;
  private notesAt: Int32Array;
  readonly notes: FileNotes[] = [];

  /**
   * @param capacity files expected (more still fit: the columns grow)
   * @param pathBytes bytes of their paths expected (growing the pool by copies cost ~50 ms of a 100,000-file index)
   * @param givenPaths the paths of all the files it will hold, in order, at once (a walk's pool:
   *   copying 100,000 paths from the old index into fresh memory took ~40 ms); add and keep then take none
   */
  constructor(capacity = 1024, pathBytes = 1 << 16, private readonly givenPaths?: Utf8Strings) {
    this.paths = givenPaths ? undefined : new Utf8Builder(pathBytes);
    this.size = new Float64Array(capacity);
    this.mtimeMs = new Float64Array(capacity);
    this.itemsSeen = new Float64Array(capacity);
    this.segment = new Int32Array(capacity);
    this.first = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
    this.notesAt = new Int32Array(capacity);
  }

  /** A file with its stamp, what it yielded and its row ranges (segments in the new numbering). */
  add(path: string, size: number, mtimeMs: number, itemsSeen: number, ranges: readonly SegmentRange[], rejects: readonly Reject[] = [], warnings: readonly LoadWarning[] = []): void {
    // The first range in columns (most files have one), any more in the notes.
    const plain = rejects.length === 0 && warnings.length === 0 && ranges.length <= 1;
    this.paths?.push(path);
    this.pushColumns(size, mtimeMs, itemsSeen, ranges[0]?.segment ?? -1, ranges[0]?.first ?? 0, ranges[0]?.count ?? 0, plain ? -1 : this.notes.length);
    if (plain) return;
    this.notes.push({
      ...(rejects.length ? { rejects: [...rejects] } : {}), ...(warnings.length ? { warnings: [...warnings] } : {}),
      ...(ranges.length > 1 ? { more: ranges.slice(1).map((r) => [r.segment, r.first, r.count]) } : {}),
    });
  }

  /** The columns of the next file, whose path was just pushed. */
  private pushColumns(size: number, mtimeMs: number, itemsSeen: number, segment: number, first: number, count: number, notesAt: number): void {
    const at = this.n++;
    if (at === this.size.length) this.grow(at + 1);
    this.size[at] = size;
    this.mtimeMs[at] = mtimeMs;
    this.itemsSeen[at] = itemsSeen;
    this.segment[at] = segment;
    this.first[at] = first;
    this.count[at] = count;
    this.notesAt[at] = notesAt;
  }

  private grow(needed: number): void {
    const n = this.n;
    this.size = withRoom(this.size, n, needed);
    this.mtimeMs = withRoom(this.mtimeMs, n, needed);
    this.itemsSeen = withRoom(this.itemsSeen, n, needed);
    this.segment = withRoom(this.segment, n, needed);
    this.first = withRoom(this.first, n, needed);
    this.count = withRoom(this.count, n, needed);
    this.notesAt = withRoom(this.notesAt, n, needed);
  }

  /**
   * Files of the old index, kept: rows first..first+count-1 there (their paths' bytes copied at
   * once, no string), and the new number of each old segment.
   */
  keep(files: CachedFiles, first: number, count: number, renumber: ReadonlyMap<number, number>): void {
    for (let row = first, end = first + count; row < end;) {
      // A run of rows without notes (most files: at most one range) goes straight from column to column.
      let plain = row;
      while (plain < end && files.notesAt[plain]! < 0) plain++;
      if (plain > row) {
        this.paths?.pushValues(files.paths(), row, plain - row);
        for (; row < plain; row++) {
          const segment = files.segment[row]!;
          this.pushColumns(files.size[row]!, files.mtimeMs[row]!, files.itemsSeen[row]!, segment < 0 ? -1 : renumber.get(segment)!, files.first[row]!, files.count[row]!, -1);
        }
      }
      if (row < end) this.keepWithNotes(files, row++, renumber);
    }
  }

  private keepWithNotes(files: CachedFiles, row: number, renumber: ReadonlyMap<number, number>): void {
    const notes = files.notes[files.notesAt[row]!];
    const ranges = cachedRanges(files, row).map((range) => ({ ...range, segment: renumber.get(range.segment)! }));
    // With the paths given at once, add takes none.
    this.add(this.paths ? stringReader(files.paths())(row) : '', files.size[row]!, files.mtimeMs[row]!, files.itemsSeen[row]!, ranges, notes?.rejects, notes?.warnings);
  }

  /**
   * The index as Arrow tables, the columns typed as they are (through arquero's row-wise table it
   * took ~0.2 s for 100,000 files): the files, and their paths apart (read only when needed).
   */
  toArrow(): { files: Table; paths: Table } {
    const n = this.n;
    // All the notes as one JSON text in the first row, null in the others (most files have none;
    // decoding a text per file was slow).
    const noteText = utf8Pool(n > 0 ? [JSON.stringify(this.notes)] : []);
    const noteOffsets = new Int32Array(n + 1).fill(noteText.offsets[noteText.offsets.length - 1]!);
    noteOffsets[0] = 0;
    const noteValidity = new Uint8Array(Math.ceil(n / 8));
    if (n > 0) noteValidity[0] = 1;
    const f64 = (values: Float64Array) => columnOf(values.subarray(0, n));
    const i32 = (values: Int32Array) => columnOf(values.subarray(0, n));
    const files = tableFromColumns({
      size: f64(this.size), mtimeMs: f64(this.mtimeMs), itemsSeen: f64(this.itemsSeen),
      segment: i32(this.segment), first: i32(this.first), count: i32(this.count), notes: i32(this.notesAt),
      noteList: utf8Column({ bytes: noteText.bytes, offsets: noteOffsets }, noteValidity, Math.max(0, n - 1)),
    });
    const paths = this.givenPaths ?? this.paths!.done();
    if (paths.offsets.length - 1 !== n) throw new Error(`FileIndexBuilder: ${paths.offsets.length - 1} paths given for ${n} files`);
    return { files, paths: utf8Table(paths) };
  }

  /** Files in the index. */
  get length(): number {
    return this.n;
  }
}

/**
 * Writes the cache: new batches become segments, kept segments stay as they are, then a new index
 * and meta.json (the last write makes the new state current). Files no state uses any more are
 * retired, and deleted once retired for RETIRED_GRACE_MS (leftovers of a run that died, at once).
 * Nothing is written while another run holds the folder's writer lock.
 * @param segments kept segments (by meta) and new ones (as batches), in the numbering the index's ranges use
 * @param walk the walk that listed the index's files, when one native walk of one folder did
 * @returns why the cache was not updated, if it was not
 */
export function writeCache(folder: string, index: FileIndexBuilder, segments: readonly (SegmentMeta | ArticleBatch)[], now = Date.now(), walk?: WalkRecord): { notSaved?: string } {
  mkdirSync(folder, { recursive: true });
  const lock = lockCacheFolder(folder, now);
  if ('busy' in lock) return { notSaved: lock.busy };
  try {
    let previous: CacheMeta | undefined;
    try {
      previous = readMeta(folder);
    } catch {
      previous = undefined; // no previous state, or an unreadable one: nothing to retire
    }
    const metas = segments.map((segment) => ('checksums' in segment ? segment : writeSegment(folder, segment)));
    const indexStem = `files-${randomBytes(6).toString('hex')}`;
    const indexName = `${indexStem}.arrow`;
    const tables = index.toArrow();
    // Streamed: 11 MB for 100,000 files.
    const indexChecksum = writeArrowFile(join(folder, indexName), tables.files);
    const pathsChecksum = writeArrowFile(join(folder, pathsFileOf(indexName)), tables.paths);
    const live = new Set([indexStem, ...metas.map((meta) => meta.name)]);
    // What the previous state used and this one does not is retired now; retired files stay retired.
    const retired = new Map<string, number>();
    for (const entry of previous?.retired ?? []) if (!live.has(entry.name) && now - entry.since < RETIRED_GRACE_MS) retired.set(entry.name, entry.since);
    for (const name of [previous?.index && stemOf(previous.index), ...(previous?.segments ?? []).map((segment) => segment.name)]) {
      if (name && !live.has(name) && !retired.has(name)) retired.set(name, now);
    }
    const meta: CacheMeta = {
      format: FORMAT, version: CACHE_VERSION, index: indexName, files: indexChecksum, paths: pathsChecksum, ...(walk ? { walk } : {}), segments: metas,
      retired: [...retired].map(([name, since]) => ({ name, since })).sort((a, b) => byPath(a.name, b.name)),
    };
    writeFileAtomic(join(folder, 'meta.json'), `${JSON.stringify({ ...meta, sources: index.length })}\n`);
    for (const file of readdirSync(folder)) {
      const stem = stemOf(file);
      if (stem && !live.has(stem) && !retired.has(stem)) rmSync(join(folder, file), { force: true });
      else if (file.includes('.tmp-') && isOlderThan(join(folder, file), now - RETIRED_GRACE_MS)) rmSync(join(folder, file), { force: true });
    }
    return {};
  } finally {
    lock.release();
  }
}

// The rest of the cache's interface, from the modules of each part.
export { CACHE_VERSION, cacheFolder, RETIRED_GRACE_MS, type SegmentMeta, type SegmentRange, type WalkRecord } from './files.ts';
export { type CachedFiles, cachedRanges, type CacheIndex, readCacheIndex, rowsOfPaths, rowsOfPool, walkDigest } from './index.ts';
export { readSegments } from './segments.ts';
