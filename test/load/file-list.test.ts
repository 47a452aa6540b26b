import { describe, expect, it } from 'vitest';
import { FileList } from '../../src/load/walk/file-list.ts';
import { stringsOf, utf8Pool } from '../../src/load/table/batch-text.ts';

const paths = ['a/1.md', 'a/README.md', 'a/x.ndjson', 'b/分类/文章.md', 'b/broken.md', 'c/notes.png'];
const kindsOf = (list: FileList) => Array.from({ length: list.length }, (_, k) => list.kind(k));
const stamps = () => ({ size: Float64Array.from(paths, (_, k) => 100 + k), mtimeMs: Float64Array.from(paths, (_, k) => 1000 + k) });

describe('FileList', () => {
  it('gives the same paths and kinds whether it holds strings or a pool; a kind the walk knew is kept', () => {
    const fromStrings = FileList.ofPaths([...paths], [undefined, undefined, undefined, undefined, 'broken-link']);
    const fromPool = FileList.ofPool(utf8Pool(paths), fromStrings.kindsSoFar().slice());
    expect(kindsOf(fromStrings)).toEqual(['markdown', 'index', 'ndjson', 'markdown', 'broken-link', 'other']);
    expect(kindsOf(fromPool)).toEqual(kindsOf(fromStrings));
    expect(fromPool.paths()).toEqual(paths);
    expect(fromPool.path(3)).toBe('b/分类/文章.md');
    expect(stringsOf(fromStrings.pool())).toEqual(paths);
  });

  it('tells kinds only when asked: what it sends to another thread marks the rest untold', () => {
    const list = FileList.ofPool(utf8Pool(paths));
    expect([...list.kindsSoFar()]).toEqual([255, 255, 255, 255, 255, 255]);
    list.kind(1);
    expect([...list.kindsSoFar()]).toEqual([255, 6, 255, 255, 255, 255]);
    expect(kindsOf(FileList.ofPool(list.pool(), list.kindsSoFar()))).toEqual(kindsOf(FileList.ofPaths([...paths])));
  });

  it('selects and slices files with their kinds and stamps, from strings or from a pool', () => {
    for (const list of [FileList.ofPaths([...paths], ['markdown'], stamps), FileList.ofPool(utf8Pool(paths), undefined, stamps)]) {
      const some = list.select([1, 3, 4]);
      expect(some.paths()).toEqual(['a/README.md', 'b/分类/文章.md', 'b/broken.md']);
      expect(stringsOf(some.pool())).toEqual(some.paths());
      expect(kindsOf(some)).toEqual(['index', 'markdown', 'markdown']);
      expect([...some.stamps!().size]).toEqual([101, 103, 104]);
      expect(list.select([0, 1, 2, 3, 4, 5])).toBe(list);
      const part = list.slice(2, 5);
      expect(part.paths()).toEqual(paths.slice(2, 5));
      expect([...part.stamps!().mtimeMs]).toEqual([1002, 1003, 1004]);
      expect(list.positions((kind) => kind === 'markdown')).toEqual([0, 3, 4]);
    }
  });

  it('tells from the bytes whether every name ends in ".md"', () => {
    expect(FileList.ofPaths(['a/1.md', 'b/README.md']).onlyMarkdownNames()).toBe(true);
    expect(FileList.ofPaths(['a/1.md', 'a/.md']).onlyMarkdownNames()).toBe(false);
    expect(FileList.ofPool(utf8Pool(paths)).onlyMarkdownNames()).toBe(false);
  });

  it('makes pools of their own memory, which can be transferred to a worker thread', () => {
    const { bytes } = FileList.ofPaths(['a/1.md']).pool();
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength); // not a slice of Node's shared Buffer pool
  });
});
