import { describe, expect, it, vi } from 'vitest';
import { Worker } from 'node:worker_threads';
import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { loadArticles } from '../../src/load/load-articles.ts';
import { parseInWorkers, runBatches } from '../../src/load/pool/parse-pool.ts';
import { stampFiles } from '../../src/load/pool/stamp-files.ts';
import { WorkerReserve } from '../../src/load/pool/workers.ts';
import { discover } from '../../src/load/walk/discover.ts';
import { generateArchive } from '../../scripts/sample-archive.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';

describe('parsing on worker threads', () => {
  it('gives exactly the main thread\'s result, whatever the scheduling', async () => {
    const files: Record<string, string> = { 'README.md': '# index', 'broken.md': '# no header\n', 'empty.md': '' };
    for (const article of generateArchive(700, 5)) files[article.path] = article.text;
    // Files that bring more than rows: a warning, records of an export, a bad line.
    files['warned.md'] = newestLayout({ category: 'Pd' });
    files['export/a.ndjson'] = '{"url": "https://www.woshipm.com/pd/901.html", "title": "A", "published": "2024-01-02", "views": 5, "comments": 0, "collects": 1}\nnot json\n';
    files['export/b.csv'] = 'url,title,published,views,comments,collects\nhttps://www.woshipm.com/pd/902.html,B,2024-01-03,7,0,2\n';
    const archive = writeTree(files);
    const main = await loadArticles([archive], { workers: 0 });
    // Three workers (this thread waits for them), and one (this thread parses batches too while
    // it starts, where there is a second core).
    for (const workers of [3, 1]) {
      const pooled = await loadArticles([archive], { workers });
      expect(pooled.rows).toEqual(main.rows);
      expect(pooled.rejects).toEqual(main.rejects);
      expect(pooled.warnings).toEqual(main.warnings);
      expect(pooled.stats).toEqual(main.stats);
    }
    expect(main.stats).toMatchObject({ filesSeen: 706, loaded: 703, rejected: 3, skipped: 1 });
    expect(main.warnings.map((warning) => warning.path)).toContain(join(archive, 'warned.md'));
  });
});

describe('scheduling batches', () => {
  // Workers that answer each batch 20 ms after it is sent, as a worker still starting would.
  class SlowWorker extends EventEmitter {
    postMessage(message: unknown) {
      setTimeout(() => this.emit('message', message), 20);
    }
    terminate() {
      return Promise.resolve(0);
    }
  }
  const pool = { take: (count: number) => Array.from({ length: count }, () => new SlowWorker()) } as unknown as WorkerReserve;
  const run = async (workers: number) => {
    const here: number[] = [];
    const results = await runBatches({
      count: 12, workers, total: 12, size: () => 1, reserve: pool,
      message: (batch) => [{ batch }, []], fromWorker: (reply: { batch: number }) => reply.batch,
      here: async (batch) => (here.push(batch), batch),
    });
    return { results, here };
  };

  it('parses on this thread while workers start only where the pool leaves a core free', async () => {
    const everyCore = await run(availableParallelism());
    expect(everyCore.results).toEqual([...Array(12).keys()]);
    expect(everyCore.here).toEqual([]);
    if (availableParallelism() > 1) {
      const oneWorker = await run(1);
      expect(oneWorker.results).toEqual([...Array(12).keys()]);
      expect(oneWorker.here.length).toBeGreaterThan(0);
    }
  });
});

describe('stamping files on worker threads', () => {
  it('gives each path its size and mtime in order, -1 for a missing one', async () => {
    const folder = writeTree(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.md`, 'x'.repeat(i)])));
    const paths = Array.from({ length: 40 }, (_, i) => join(folder, `f${i}.md`));
    paths.splice(17, 0, join(folder, 'missing.md'));
    const stamps = await stampFiles(paths, 3, 0);
    expect([...stamps.size]).toEqual(paths.map((path, i) => (i === 17 ? -1 : statSync(path).size)));
    expect([...stamps.mtimeMs]).toEqual(paths.map((path, i) => (i === 17 ? -1 : statSync(path).mtimeMs)));
  });
});

describe('workers started ahead (WorkerReserve)', () => {
  it('hands its workers to the stages that ask, and terminates those nobody took', async () => {
    const folder = writeTree(Object.fromEntries(generateArchive(450, 3).map((article) => [article.path, article.text])));
    const files = await discover([folder]);
    const reserve = new WorkerReserve();
    reserve.fill(2);
    const started = reserve.take(2);
    reserve.fill(2);
    // The pool takes the two waiting (no new ones), the stamps start their own.
    const parsed = await parseInWorkers(files, 2, undefined, undefined, reserve);
    expect(parsed.reduce((sum, file) => sum + (file.parts[0]?.count ?? 0), 0)).toBe(450);
    expect(reserve.waiting).toBe(0);
    const stamps = await stampFiles(files.paths(), 2, 0, reserve);
    expect([...stamps.size]).toEqual(files.paths().map((path) => statSync(path).size));
    // Nobody takes these: release terminates them.
    reserve.fill(2);
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    await reserve.release();
    expect(terminate).toHaveBeenCalledTimes(2);
    expect(reserve.waiting).toBe(0);
    terminate.mockRestore();
    await Promise.all(started.map((worker) => worker.terminate()));
  });
});
