// Preloaded into a benchmarked process: prints its peak memory when the process exits. The hook
// is loaded by every worker thread too, and a worker that ends early would print the peak so far:
// only the main thread prints (the peak of the whole process, all threads).
import { writeSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  process.on('exit', () => {
    writeSync(2, `\nPEAK_RSS_KIB=${process.resourceUsage().maxRSS}\n`);
  });
}
