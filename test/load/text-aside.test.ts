/**
 * Text left in its source file read into shared memory by another thread (Utf8Column.sharedBytes
 * with readAside): the column waits for it at its first value, reads the text itself when that
 * read failed, and the helper threads do the reading.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/load/load-articles.ts';
import { columnData, Utf8Column } from '../../src/load/table/table-columns.ts';
import { readTextsInto, TEXT_FAILED, TEXT_READ, type TextRead } from '../../src/load/table/source-text.ts';
import { readTextAside, stopHelpers } from '../../src/analyze/helper-threads.ts';
import { writeTree } from '../helpers/fixtures.ts';

afterAll(stopHelpers);

const titles = Array.from({ length: 40 }, (_, i) => (i === 7 ? '带"引号"的标题 😀' : `第${i}篇：产品经理的一天`));

/** An NDJSON export of the titles (one with escapes, kept beside the file's ranges), loaded. */
async function loaded() {
  const lines = titles.map((title, i) => JSON.stringify({ id: i + 1, title, author: '作者', authorId: 7, category: 'operate', published: '2024-03-05', views: i, comments: 0, collects: 0, tags: ['运营'], url: `https://www.woshipm.com/operate/${i + 1}.html` }));
  const path = join(writeTree({ 'a.ndjson': `${lines.join('\n')}\n` }), 'a.ndjson');
  const { articles } = await loadArticles([path]);
  const column = columnData(articles.column('title'));
  if (!(column instanceof Utf8Column)) throw new Error('titles not kept as UTF-8');
  return { path, articles, column };
}

/** sharedBytes with a readAside that keeps the reads for the test to do (or not). */
function sharedAside(column: Utf8Column) {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  let sent: TextRead[] = [];
  const shared = column.sharedBytes((reads) => {
    sent = reads;
    return ready;
  });
  return { shared, ready, sent };
}

describe('text read aside', () => {
  it('leaves the file\'s text to the other thread, and the column reads the same titles once it is in', async () => {
    const { articles, column } = await loaded();
    const { shared, ready, sent } = sharedAside(column);
    expect(sent.length).toBeGreaterThan(0);
    expect(shared.ready).toBe(ready.buffer);
    // Nothing of the file read here yet: the room is still zero.
    expect(sent.every(({ room }) => room.every((byte) => byte === 0))).toBe(true);
    readTextsInto(sent, ready);
    expect(Atomics.load(ready, 0)).toBe(TEXT_READ);
    expect(articles.array('title')).toEqual(titles);
    // The column reads them where the other threads do.
    const decoded = new TextDecoder().decode(new Uint8Array(shared.bytes));
    for (const title of titles) expect(decoded).toContain(title);
  });

  it('reads the text itself when the read aside failed, and says so when the file changed since it was loaded', async () => {
    const { articles, column } = await loaded();
    const { ready } = sharedAside(column);
    Atomics.store(ready, 0, TEXT_FAILED);
    expect(articles.array('title')).toEqual(titles);

    const again = await loaded();
    const aside = sharedAside(again.column);
    writeFileSync(again.path, 'changed\n');
    readTextsInto(aside.sent, aside.ready);
    expect(Atomics.load(aside.ready, 0)).toBe(TEXT_FAILED);
    expect(() => again.articles.array('title')).toThrow(/changed after it was loaded/);
  });

  it('is read by a helper thread, and a read still under way when the helpers stop is told failed', async () => {
    const { articles, column } = await loaded();
    let ready: Int32Array | undefined;
    column.sharedBytes((reads) => (ready = readTextAside(reads)));
    expect(ready).toBeDefined();
    expect(articles.array('title')).toEqual(titles); // waits for the helper
    expect(Atomics.load(ready!, 0)).toBe(TEXT_READ);

    const other = await loaded();
    let stopped: Int32Array | undefined;
    other.column.sharedBytes((reads) => (stopped = readTextAside(reads)));
    await stopHelpers();
    expect([TEXT_READ, TEXT_FAILED]).toContain(Atomics.load(stopped!, 0));
    expect(other.articles.array('title')).toEqual(titles);
  });
});
