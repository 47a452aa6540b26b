// Preloaded into a benchmarked process: prints its peak memory on exit, for bench/run.ts.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nPEAK_RSS_KIB=${process.resourceUsage().maxRSS}\n`);
});
