/**
 * Benchmark helpers: run a case in a fresh child process (so peak memory is its own) and
 * collect what it prints as JSON on its last line.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface CaseResult {
  [key: string]: number | string;
}

const ROOT = resolve(import.meta.dirname, '..');
const bundled = new Set<string>();

/**
 * `bench/cases/NAME.ts` bundled by esbuild into dist/ (next to the parse worker), once per run:
 * cases run as users run pulse, not through tsx, whose start-up (and its workers' TypeScript
 * loader) would be counted against content-pulse. Needs `npm run build` first (for the worker).
 * @param root the checkout whose sources and build script are used (this one by default; bench:ab
 *   passes another)
 */
export function bundleCase(name: string, root = ROOT): string {
  const out = resolve(root, 'dist', `bench-${name}.js`);
  if (!bundled.has(out)) {
    const built = spawnSync(process.execPath, [resolve(root, 'scripts/build.mjs'), '--case', name], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`cannot bundle bench case ${name} in ${root}`);
    bundled.add(out);
  }
  return out;
}

/** Runs bench case NAME (bundled, from `root`'s checkout) with ARGS and returns its JSON result. */
export function runCase(name: string, args: string[] = [], root = ROOT): CaseResult {
  const run = spawnSync(process.execPath, [bundleCase(name, root), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`bench case ${name} failed:\n${run.stderr}`);
  const last = run.stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as CaseResult;
}

/** Median of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Milliseconds taken by fn. */
export async function timeIt(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
