import { discoverFiles } from './src/load/discover.ts';
import { readFileSync } from 'node:fs';
import { scanBody } from './src/load/body.ts';
import { parseMarkdownBytes } from './src/load/markdown.ts';
import { isUtf8 } from 'node:buffer';
const files = (await discoverFiles(['../shared/archive'])).filter(f => f.kind === 'markdown');
const bufs = files.map(f => readFileSync(f.path));
for (let k = 0; k < 4; k++) {
let t = performance.now();
for (const b of bufs) b.includes(0);
const t1 = performance.now();
for (const b of bufs) isUtf8(b);
const t2 = performance.now();
for (const b of bufs) scanBody(b);
const t3 = performance.now();
for (let i = 0; i < bufs.length; i++) parseMarkdownBytes(bufs[i]!, files[i]!.path);
const t4 = performance.now();
console.log({nul: t1-t, utf8: t2-t1, scan: t3-t2, parse: t4-t3});
}
