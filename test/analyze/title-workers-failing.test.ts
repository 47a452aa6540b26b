/**
 * A title worker that fails (here: every worker gets a feature pattern that cannot compile) says
 * so instead of leaving the waiting thread blocked, and the titles are read on the calling thread:
 * same words, features and lengths.
 */
import { describe, expect, it, vi } from 'vitest';
import * as aq from 'arquero';
import type { WorkerOptions } from 'node:worker_threads';

const failing = vi.hoisted(() => ({ started: 0 }));

vi.mock('node:worker_threads', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:worker_threads')>();
  class FailingWorker extends original.Worker {
    constructor(script: string | URL, options: WorkerOptions = {}) {
      const data = options.workerData as Record<string, unknown> | undefined;
      if (data && 'patterns' in data) failing.started++;
      super(script, data && 'patterns' in data ? { ...options, workerData: { ...data, patterns: [['(', '']] } } : options);
    }
  }
  return { ...original, Worker: FailingWorker };
});

describe('title words when a worker fails', () => {
  const base = ['小红书运营的5个方法', '为什么你的产品没有增长？', '', '用户增长 用户增长', '【干货】3招搞定：AI 😀 '];

  it('reads every title on this thread: the same words as one thread', async () => {
    const { titleWordIdsOfAll, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const titles = Array.from({ length: PARALLEL_TITLES + 5 }, (_, i) => `${base[i % base.length]}${i % 7 ? '' : ` 第${i}期`}`);
    const parallel = titleWordIdsOfAll(titles, 2);
    expect(failing.started).toBe(1);
    expect(parallel).toEqual(titleWordIdsOfAll(titles, 1));
    expect(parallel.offsets).toHaveLength(titles.length + 1);
    expect(parallel.words.slice(0, 2)).toEqual(['运营', '方法']);
  });

  it('read ahead for a table: the words, features and lengths still come, read here', async () => {
    const { titleWordsAhead, titleWordIdsOfTable, titleFeatureBitsOfTable, titleWords, PARALLEL_TITLES } = await import('../../src/analyze/title-facts.ts');
    const { titleFeatures } = await import('../../src/analyze/title-rules.ts');
    const titles = Array.from({ length: PARALLEL_TITLES + 3 }, (_, i) => `${base[i % base.length]}${i % 9 ? '' : ` 第${i}期直播`}`);
    const articles = aq.table({ title: titles, views: titles.map((_, i) => i) });
    titleWordsAhead(articles, 2);
    expect(failing.started).toBe(3); // the read ahead splits the titles between two workers
    expect(Array.from(titleFeatureBitsOfTable(articles).lengths)).toEqual(titles.map((title) => titleFeatures(title).length));
    const { words, offsets, ids } = titleWordIdsOfTable(articles);
    const lists = Array.from({ length: titles.length }, (_, row) => Array.from(ids.subarray(offsets[row]!, offsets[row + 1]!), (id) => words[id]!));
    expect(lists).toEqual(titles.map(titleWords));
    expect(lists[3]).toEqual(['用户', '增长']);
  });
});
