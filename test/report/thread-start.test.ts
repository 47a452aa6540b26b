import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { startThread } from '../../src/worker-script.ts';

/** Whether V8 optimizes the calling thread's functions on a background compiler (its isolate's setting). */
function compilesInBackground(): boolean {
  setFlagsFromString('--allow-natives-syntax');
  return new Function('return %IsConcurrentRecompilationSupported()')() as boolean;
}

/** The same, asked in a thread that startThread started. */
const IN_THREAD = `
  require('node:v8').setFlagsFromString('--allow-natives-syntax');
  require('node:worker_threads').parentPort.postMessage(new Function('return %IsConcurrentRecompilationSupported()')());`;

describe('startThread', () => {
  it('starts threads that optimize their code themselves, and leaves the calling thread as it was', async () => {
    const worker = startThread(IN_THREAD, { eval: true });
    try {
      const there = await new Promise<boolean>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(there).toBe(false);
      expect(compilesInBackground()).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
