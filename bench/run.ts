/**
 * npm run bench: load speed on the real archive and on a generated 100,000-article archive,
 * the full report on the real archive, and per-chart render times. Prints a table.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedMarkdownArchive } from './generated.ts';
import { runCase } from './measure.ts';

const ARCHIVE = resolve(import.meta.dirname, '../../shared/archive');
const rows: string[][] = [['case', 'articles', 'first ms', 'median ms', 'articles/s', 'peak MiB', 'target']];

if (existsSync(ARCHIVE)) {
  const real = runCase('load', [ARCHIVE, '7']);
  rows.push(['load ../shared/archive (in-process)', `${real.articles}`, `${real.firstMs}`, `${real.medianMs}`, `${real.articlesPerSecond}`, `${real.peakMiB}`, '< 600 ms']);
} else {
  process.stderr.write(`skipping the real archive: ${ARCHIVE} not found\n`);
}

process.stderr.write('preparing the generated 100,000-article archive (first run only)…\n');
const big = generatedMarkdownArchive(100_000);
const large = runCase('load', [big, '3']);
rows.push(['load generated 100k archive', `${large.articles}`, `${large.firstMs}`, `${large.medianMs}`, `${large.articlesPerSecond}`, `${large.peakMiB}`, '>= 40,000/s']);

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
