import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { getPriority } from 'node:os';
import { CHART_THREAD_LIMITS, PAGE_THREAD_NICE, SIDE_THREAD_LIMITS, yieldToNotebooks } from '../../src/worker-script.ts';

/** The young generation (new space) a thread has after allocating ~100 MB of short-lived objects, in KB. */
function youngGenerationAfterWork(options: { resourceLimits?: { maxYoungGenerationSizeMb: number } }): Promise<number> {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { getHeapSpaceStatistics } = require('node:v8');
    let kept = [];
    for (let i = 0; i < 3e6; i++) { kept.push({ i, text: 'cell ' + i }); if (kept.length > 1e5) kept = []; }
    parentPort.postMessage(getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size >> 10);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, ...options });
    worker.once('message', (kb: number) => void worker.terminate().then(() => resolve(kb)));
    worker.once('error', reject);
  });
}

describe('SIDE_THREAD_LIMITS', () => {
  // What the threads beside a report's notebooks save: a busy thread otherwise grows its young
  // generation to V8's default (two 16 MB semi-spaces) and keeps it.
  it("keeps a busy thread's young generation at 2 MB (two 1 MB semi-spaces)", async () => {
    const limited = await youngGenerationAfterWork({ resourceLimits: SIDE_THREAD_LIMITS });
    const unlimited = await youngGenerationAfterWork({});
    expect(limited).toBeLessThanOrEqual(2048);
    expect(unlimited).toBeGreaterThanOrEqual(8 * 1024);
  });

  it("gives the chart renderer's thread a larger young generation than the others, still bounded (CHART_THREAD_LIMITS)", async () => {
    const chart = await youngGenerationAfterWork({ resourceLimits: CHART_THREAD_LIMITS });
    expect(chart).toBeGreaterThan(2048);
    expect(chart).toBeLessThanOrEqual(8 * 1024);
  });
});

describe('yieldToNotebooks', () => {
  /** The nice value a new thread has after calling yieldToNotebooks, and what the call gave. */
  function niceInThread(): Promise<{ lowered: boolean; nice: number }> {
    const source = `
      const { parentPort } = require('node:worker_threads');
      (async () => {
        (await import('tsx/esm/api')).register();
        const { yieldToNotebooks } = await import(${JSON.stringify(new URL('../../src/worker-script.ts', import.meta.url).href)});
        const lowered = yieldToNotebooks();
        parentPort.postMessage({ lowered, nice: require('node:os').getPriority() });
      })();`;
    return new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true });
      worker.once('message', (answer) => void worker.terminate().then(() => resolve(answer)));
      worker.once('error', reject);
    });
  }

  it.runIf(process.platform === 'linux')('lowers the calling thread alone, to nice 10, on Linux', async () => {
    const before = getPriority();
    expect(await niceInThread()).toEqual({ lowered: true, nice: Math.max(before, PAGE_THREAD_NICE) });
    expect(PAGE_THREAD_NICE).toBe(10);
    expect(getPriority()).toBe(before);
    // The calling (main) thread is never lowered: it runs the notebooks.
    expect(yieldToNotebooks()).toBe(false);
    expect(getPriority()).toBe(before);
  });
});
