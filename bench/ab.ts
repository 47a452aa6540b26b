/**
 * npm run bench:ab -- OTHER_CHECKOUT: load speed of this checkout against another one (for
 * example `git worktree add /tmp/base main`, with node_modules linked and `npm run build` and
 * `npm run build:native` run there), the two taking turns in one run so a slow spell of the
 * machine slows both. Each case runs in a new process per turn (bench/cases/load.ts, bundled in
 * each checkout); the table gives both medians and their ratio (this / other).
 *
 * Cases: the real archive (../shared/archive) cold and warm, the generated 100,000-article
 * markdown archive cold and warm, and the generated 1M-article NDJSON export cold and warm.
 * BENCH_RUNS turns per case (5 by default); BENCH_CASES a comma-separated subset of
 * real, md100k, ndjson1m.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedMarkdownArchive, generatedNdjson } from './generated.ts';
import { median, runCase } from './measure.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OTHER = resolve(process.argv[2] ?? '');
if (!process.argv[2] || !existsSync(join(OTHER, 'package.json'))) {
  console.error('usage: npm run bench:ab -- PATH_OF_ANOTHER_CHECKOUT (built, with node_modules)');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CASES = new Set((process.env.BENCH_CASES ?? 'real,md100k,ndjson1m').split(','));

const scratch = mkdtempSync(join(tmpdir(), 'pulse-bench-ab-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const roots = { this: ROOT, other: OTHER };

/** One load case run in `side`'s checkout (its own build, its own sources): median ms and peak memory. */
function load(side: 'this' | 'other', args: string[]): { ms: number; peakMiB: number } {
  const result = runCase('load', args, roots[side]);
  return { ms: Number(result.medianMs), peakMiB: Number(result.peakMiB) };
}

const rows: string[][] = [['case', 'this (median ms)', 'other (median ms)', 'this / other', 'peak MiB this / other']];

/** Alternates the two checkouts on one case; `warm` gives each its own cache, filled first. */
function compare(name: string, path: string, warm: boolean): void {
  const caches = { this: join(scratch, `${name}-this`), other: join(scratch, `${name}-other`) };
  const argsOf = (side: 'this' | 'other') => (warm ? [path, '2', caches[side]] : [path, '1']);
  load('this', [path, '1']); // the files into the page cache, not counted
  const times = { this: [] as number[], other: [] as number[] };
  const peaks = { this: 0, other: 0 };
  for (let i = 0; i < RUNS; i++) {
    for (const side of i % 2 ? (['other', 'this'] as const) : (['this', 'other'] as const)) {
      const run = load(side, argsOf(side));
      times[side].push(run.ms);
      peaks[side] = Math.max(peaks[side], run.peakMiB);
    }
  }
  const a = median(times.this);
  const b = median(times.other);
  rows.push([name, `${a} (${times.this.join('/')})`, `${b} (${times.other.join('/')})`, (a / b).toFixed(2), `${peaks.this} / ${peaks.other}`]);
  process.stderr.write(`${rows.at(-1)!.join(' | ')}\n`);
}

const ARCHIVE = resolve(ROOT, '../shared/archive');
if (CASES.has('real') && existsSync(ARCHIVE)) {
  compare('real archive, cold', ARCHIVE, false);
  compare('real archive, warm (second load of a process)', ARCHIVE, true);
}
if (CASES.has('md100k')) {
  const archive = generatedMarkdownArchive(100_000);
  compare('100k markdown, cold', archive, false);
  compare('100k markdown, warm (second load of a process)', archive, true);
}
if (CASES.has('ndjson1m')) {
  const ndjson = generatedNdjson(1_000_000);
  compare('1M NDJSON, cold', ndjson, false);
  compare('1M NDJSON, warm (second load of a process)', ndjson, true);
}
console.log(rows.map((row) => `| ${row.join(' | ')} |`).join('\n'));
