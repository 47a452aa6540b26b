/**
 * How fast a report's interactive table sorts and filters 5,000 rows in a real Chromium: a
 * notebook with a 5,000-row tag table is saved, opened headless, and a header click and a search
 * are timed inside the page (each a median of 5). Usage: tsx bench/browser-table.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { aq, createNotebook, saveNotebook } from '../src/index.ts';
import { findChromium } from '../src/report/pdf.ts';

export async function timeBrowserTable(rows = 5000): Promise<{ sortMs: number; filterMs: number } | null> {
  const browserPath = findChromium();
  if (!browserPath) return null;
  const folder = mkdtempSync(join(tmpdir(), 'pulse-bench-table-'));
  const words = ['产品', '运营', '增长', '数据', '用户', 'AI', '设计', '策略'];
  const table = aq.table({
    tag: Array.from({ length: rows }, (_, i) => `${words[i % 8]}${words[(i * 7) % 8]}${i}`),
    count: Array.from({ length: rows }, (_, i) => (i * 7919) % 1000),
    cohortIndex: Array.from({ length: rows }, (_, i) => ((i * 104729) % 3000) / 1000),
  });
  await saveNotebook(createNotebook('Big table').table('tags', table), folder);
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    await page.waitForSelector('div.table.is-live');
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const sorts: number[] = [];
    const filters: number[] = [];
    for (let i = 0; i < 5; i++) {
      sorts.push(await page.evaluate((column) => {
        const button = document.querySelectorAll<HTMLButtonElement>('div.table th button')[column]!;
        const start = performance.now();
        button.click();
        return performance.now() - start;
      }, i % 2 ? 1 : 2));
      filters.push(await page.evaluate((query) => {
        const input = document.querySelector<HTMLInputElement>('input.table-search')!;
        input.value = query;
        const start = performance.now();
        input.dispatchEvent(new Event('input'));
        return performance.now() - start;
      }, i % 2 ? '产品' : '增长1'));
    }
    return { sortMs: Math.round(median(sorts)), filterMs: Math.round(median(filters)) };
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) console.log(JSON.stringify(await timeBrowserTable()));
