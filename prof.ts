import { loadArticles } from './src/load/load-articles.ts';
import { discoverFiles } from './src/load/discover.ts';
import { readFileSync } from 'node:fs';
import { parseFileBytes } from './src/load/parse-file.ts';
for (let k = 0; k < 3; k++) {
let t = performance.now();
const files = await discoverFiles(['../shared/archive']);
const t1 = performance.now();
const bufs = files.map(f => readFileSync(f.path));
const t2 = performance.now();
for (let i = 0; i < files.length; i++) if (files[i]!.kind === 'markdown') parseFileBytes(files[i]!.path, 'markdown', bufs[i]!);
const t4 = performance.now();
await loadArticles(['../shared/archive']);
const t6 = performance.now();
console.log({discover: t1-t, read: t2-t1, parse: t4-t2, full: t6-t4});
}
