import { loadArticles } from '../../src/load/load-articles.ts';
const A = process.argv[2] ?? '/tmp/content-pulse-bench/md-100000';
for (let i = 0; i < Number(process.argv[4] ?? 4); i++) {
  const g = globalThis as any; g.__m = [['start', performance.now()]];
  await loadArticles([A], { cache: process.argv[3] ?? '/tmp/s6/c1' });
  g.__m.push(['end', performance.now()]);
  console.log(`total ${(g.__m.at(-1)[1] - g.__m[0][1]).toFixed(0)}: ` + g.__m.slice(1).map(([n, t]: [string, number], k: number) => `${n} ${(t - g.__m[k][1]).toFixed(0)}`).join(' | '));
}
