/**
 * The files a load works on, in path order, whichever walk listed them: the JavaScript walk
 * (discover.ts) gives paths as strings, the native helper's walk as one UTF-8 pool. A FileList
 * holds either and makes the other only when a stage asks for it: worker threads and the cache
 * index take the pool, so a native walk of 100,000 files bound there makes no string per file.
 * Each file's kind (file-kind.ts) is told from its name when first asked for, unless the walk
 * knew it (a broken link, a FIFO).
 */
import { classifyFile, FILE_KINDS, type FileKind } from './file-kind.ts';
import { pickPool, poolSlice, stringReader, stringsOf, utf8Pool, type Utf8Strings } from '../table/batch-text.ts';
import { type FileStamps, pickStamps } from './stat-files.ts';
import { sep } from 'node:path';

/** A kind code not yet told (FILE_KINDS has fewer kinds). */
const UNTOLD = 255;
const CODE_OF = new Map(FILE_KINDS.map((kind, code) => [kind, code]));

/** Where a list's paths come from: strings, a pool, or another list's (made on demand). */
interface PathSource {
  strings?: string[];
  pool?: Utf8Strings;
  /** Path k, when neither is there yet. */
  read?: (k: number) => string;
  /** The paths read one by one so far (a parser asks for a path more than once). */
  decoded?: (string | undefined)[];
  /** The pool, when it is made on demand. */
  makePool?: () => Utf8Strings;
}

export class FileList {
  private constructor(
    /** How many files. */
    readonly length: number,
    private readonly source: PathSource,
    private readonly codes: Uint8Array,
    /**
     * The files' stamps (size, mtime), in order, when the walk took them (the native helper stats
     * on threads of its own while this thread goes on); calling waits for them.
     */
    readonly stamps?: () => FileStamps,
  ) {}

  /**
   * A list of paths (in path order).
   * @param kinds each file's kind where the walk knows it; by default told from its name
   * @example FileList.ofPaths(['a/1.md', 'a/README.md']).kind(1) // 'index'
   */
  static ofPaths(paths: string[], kinds?: readonly (FileKind | undefined)[], stamps?: () => FileStamps): FileList {
    const codes = new Uint8Array(paths.length).fill(UNTOLD);
    if (kinds) kinds.forEach((kind, k) => kind && (codes[k] = CODE_OF.get(kind)!));
    return new FileList(paths.length, { strings: paths }, codes, stamps);
  }

  /**
   * A list of the paths in a UTF-8 pool (in path order).
   * @param codes each file's kind as its index in FILE_KINDS, 255 where not told (as kindsSoFar
   *   gives them); by default each is told from its name when asked for
   */
  static ofPool(pool: Utf8Strings, codes?: Uint8Array, stamps?: () => FileStamps): FileList {
    const length = pool.offsets.length - 1;
    return new FileList(length, { pool }, codes ?? new Uint8Array(length).fill(UNTOLD), stamps);
  }

  /** File k's path. */
  path(k: number): string {
    const source = this.source;
    if (source.strings) return source.strings[k]!;
    source.read ??= stringReader(source.pool!);
    source.decoded ??= new Array<string | undefined>(this.length);
    return (source.decoded[k] ??= source.read(k));
  }

  /** File k's kind. */
  kind(k: number): FileKind {
    if (this.codes[k] === UNTOLD) this.codes[k] = CODE_OF.get(classifyFile(this.path(k)))!;
    return FILE_KINDS[this.codes[k]!]!;
  }

  /** Every path, as strings (made once). */
  paths(): readonly string[] {
    const source = this.source;
    source.strings ??= source.pool ? stringsOf(source.pool) : Array.from({ length: this.length }, (_, k) => this.path(k));
    return source.strings;
  }

  /** Every path as one UTF-8 pool (made once): what goes to a worker or into the cache index. */
  pool(): Utf8Strings {
    const source = this.source;
    source.pool ??= source.makePool ? source.makePool() : utf8Pool(source.strings!);
    return source.pool;
  }

  /**
   * Each file's kind as its index in FILE_KINDS where it is told already, 255 where not: what a
   * batch takes to another thread, whose list (ofPool) tells the rest from the paths there.
   */
  kindsSoFar(): Uint8Array {
    return this.codes;
  }

  /**
   * The files at `positions` (increasing), with their kinds and stamps; the list itself when that
   * is all of them. Their paths are taken from this list's when first asked for.
   */
  select(positions: ArrayLike<number>): FileList {
    if (positions.length === this.length) return this;
    const codes = new Uint8Array(positions.length);
    for (let k = 0; k < positions.length; k++) codes[k] = this.codes[positions[k]!]!;
    const { strings } = this.source;
    const source: PathSource = strings
      ? { strings: Array.from({ length: positions.length }, (_, k) => strings[positions[k]!]!) }
      : { read: (k) => this.path(positions[k]!), makePool: () => pickPool(this.pool(), positions) };
    const stamps = this.stamps;
    return new FileList(positions.length, source, codes, stamps && (() => pickStamps(stamps(), positions)));
  }

  /** The positions of the files that pass `test`, in order. */
  positions(test: (kind: FileKind, k: number) => boolean): number[] {
    const out: number[] = [];
    for (let k = 0; k < this.length; k++) if (test(this.kind(k), k)) out.push(k);
    return out;
  }

  /** Files from..to-1 (see select). */
  slice(from: number, to: number): FileList {
    const { strings } = this.source;
    const source = strings ? { strings: strings.slice(from, to) } : { pool: poolSlice(this.pool(), from, to) };
    const stamps = this.stamps;
    const positions = () => Array.from({ length: to - from }, (_, k) => from + k);
    return new FileList(to - from, source, this.codes.slice(from, to), stamps && (() => pickStamps(stamps(), positions())));
  }

  /**
   * True when every path ends in ".md" after a name (classifyFile's usual case: markdown, or an
   * index page), told from the pool's bytes without a string per file.
   */
  onlyMarkdownNames(): boolean {
    const { bytes, offsets } = this.pool();
    const slash = sep.charCodeAt(0);
    for (let i = 0; i < this.length; i++) {
      const end = offsets[i + 1]!;
      if (end - offsets[i]! < 4 || bytes[end - 3] !== 0x2e || bytes[end - 2] !== 0x6d || bytes[end - 1] !== 0x64) return false;
      if (bytes[end - 4] === 0x2f || bytes[end - 4] === slash) return false;
    }
    return true;
  }
}
