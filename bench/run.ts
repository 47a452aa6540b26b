/**
 * npm run bench: load speed on the real archive and on a generated 100,000-article archive,
 * the whole `pulse report` process on the real archive, per-chart render times and sizes, and the
 * live preview's save-to-reload time for analyses/tags.ts on both archives.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generatedMarkdownArchive } from './generated.ts';
import { median, runCase } from './measure.ts';
import { timePreview } from './preview.ts';
import { timeBrowserTable } from './browser-table.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ARCHIVE = resolve(ROOT, '../shared/archive');
const rows: string[][] = [['case', 'articles', 'first', 'median', 'rate', 'peak MiB', 'target']];
const ms = (value: unknown) => `${value} ms`;

// The caches the cases use live in one folder, removed however the run ends.
const scratch = mkdtempSync(join(tmpdir(), 'pulse-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const reportCache = join(scratch, 'report-cache');

/** Runs the built CLI as a user would and returns wall time and peak memory. */
function timeReport(path: string, extra: string[] = []): { ms: number; peakMiB: number } {
  const out = mkdtempSync(join(tmpdir(), 'pulse-bench-report-'));
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', resolve(ROOT, 'bench/peak.mjs'), resolve(ROOT, 'dist/cli.js'), 'report', path, '--out', out, '--quiet', '--cache', reportCache, ...extra], { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`pulse report failed:\n${run.stderr}`);
  const peak = Number(/PEAK_RSS_KIB=(\d+)/.exec(run.stderr)?.[1] ?? 0);
  return { ms: Math.round(elapsed), peakMiB: Math.round(peak / 1024) };
}

spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });

if (existsSync(ARCHIVE)) {
  const real = runCase('load', [ARCHIVE, '7']);
  rows.push(['load ../shared/archive, cold (no cache), in-process', `${real.articles}`, ms(real.firstMs), ms(real.medianMs), `${real.articlesPerSecond}/s`, `${real.peakMiB}`, '< 600 ms (#2), < 350 ms (#4)']);
  const warm = runCase('load', [ARCHIVE, '8', join(scratch, 'load-cache')]);
  rows.push(['load ../shared/archive, warm (cache), in-process', `${warm.articles}`, ms(warm.firstMs), ms(warm.medianMs), `${warm.articlesPerSecond}/s`, `${warm.peakMiB}`, '< 100 ms']);
  // With and without PNGs, alternated: what the PNGs add.
  const withPng: number[] = [];
  const withoutPng: number[] = [];
  let peak = 0;
  for (let i = 0; i < 3; i++) {
    const a = timeReport(ARCHIVE);
    const b = timeReport(ARCHIVE, ['--no-png']);
    withPng.push(a.ms);
    withoutPng.push(b.ms);
    peak = Math.max(peak, a.peakMiB, b.peakMiB);
  }
  rows.push(['pulse report ../shared/archive, whole process (cache warm after the first)', '3000', ms(withPng[0]), ms(median(withPng)), '', `${peak}`, '< 3000 ms']);
  rows.push(['the same with --no-png (alternated): PNGs add the difference', '3000', ms(withoutPng[0]), ms(median(withoutPng)), '', '', '<= 1500 ms more']);
  const charts = runCase('charts', [ARCHIVE]);
  rows.push([`slowest of ${charts.charts} charts: ${charts.slowest}`, `${charts.articles}`, '', ms(charts.slowestMs), '', '', '<= 300 ms']);
  rows.push([`largest chart: ${charts.largest}`, `${charts.articles}`, '', `${Math.round(Number(charts.largestBytes) / 1024)} KiB`, '', '', '<= 1 MB']);
  const preview = await timePreview(ARCHIVE, 7);
  rows.push(['pulse preview tags.ts ../shared/archive: save to reloaded page', '3000', ms(preview.savesMs[0]), ms(median(preview.savesMs)), '', '', '<= 300 ms']);
} else {
  process.stderr.write(`skipping the real archive: ${ARCHIVE} not found\n`);
}

process.stderr.write('preparing the generated 100,000-article archive (first run only)…\n');
const big = generatedMarkdownArchive(100_000);
const large = runCase('load', [big, '3']);
rows.push(['load generated 100k archive, in-process', `${large.articles}`, ms(large.firstMs), ms(large.medianMs), `${large.articlesPerSecond}/s`, `${large.peakMiB}`, '>= 40,000/s']);
const bigCharts = runCase('charts', [big]);
rows.push([`slowest of ${bigCharts.charts} charts (100k): ${bigCharts.slowest}`, `${bigCharts.articles}`, '', ms(bigCharts.slowestMs), '', '', '<= 300 ms']);
rows.push([`largest chart (100k): ${bigCharts.largest}`, `${bigCharts.articles}`, '', `${Math.round(Number(bigCharts.largestBytes) / 1024)} KiB`, '', '', '<= 1 MB']);
rows.push([`PNG encoding of the ${bigCharts.charts} charts (100k): resvg's encoder`, `${bigCharts.articles}`, '', ms(bigCharts.pngResvgMs), '', `${Math.round(Number(bigCharts.pngResvgBytes) / 1024)} KiB`, '']);
rows.push([`the same by encodePng (alternated)`, `${bigCharts.articles}`, '', ms(bigCharts.pngEncodeMs), '', `${Math.round(Number(bigCharts.pngEncodeBytes) / 1024)} KiB`, '']);
const bigPreview = await timePreview(big, 5);
rows.push(['pulse preview tags.ts 100k: save to reloaded page', '100000', ms(bigPreview.savesMs[0]), ms(median(bigPreview.savesMs)), '', '', '<= 2000 ms']);

const browserTable = await timeBrowserTable(5000);
if (browserTable) {
  rows.push(['report table of 5,000 rows in Chromium: sort by a header', '5000', '', ms(browserTable.sortMs), '', '', '< 100 ms']);
  rows.push(['report table of 5,000 rows in Chromium: filter by a substring', '5000', '', ms(browserTable.filterMs), '', '', '< 100 ms']);
} else process.stderr.write('skipping the browser table: no Chromium found\n');

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
