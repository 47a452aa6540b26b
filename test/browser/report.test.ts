/**
 * The report in a real headless Chromium (playwright-core driving the system browser), used as a
 * person would, with every request outside the report folder blocked: no console errors, every
 * chart a live Vega view, hovering a mark shows its numbers, a header click sorts, a Chinese
 * substring filters, and hostile text runs no script. With CI=true a missing browser fails the
 * suite; elsewhere these tests are skipped with a message.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/report/pdf.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

const BROWSER = findChromium();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
if (!BROWSER && inCi) throw new Error('CI=true but no Chromium was found: .ci/run installs it (apt-get install chromium)');
if (!BROWSER) process.stderr.write('browser tests skipped: no Chromium or Chrome found (apt-get install chromium)\n');

/** Text that would change the page's title if it ever ran as code. */
const PAYLOAD = '<img src=x onerror="document.title=\'PWNED\'">';

describe.skipIf(!BROWSER)('the report in a browser', () => {
  let archive: string;
  let out: string;
  let browser: Browser;
  const errors: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    archive = hostileArchive();
    for (let i = 0; i < 4; i++) {
      writeFileSync(join(archive, `evil/2025/0${i + 1}/98${i}.md`), newestLayout({
        title: `${PAYLOAD} 标题 ${i}`,
        author: `[${PAYLOAD}](https://www.woshipm.com/u/777)`,
        published: `2025-0${i + 1}-2${i}`,
        stats: `👁️ ${40000 + i} views | 💬 1 comments | ⭐ ${300 + i} collects`,
        tags: `\`${PAYLOAD}\` \`产品经理\``,
        original: `[View](https://www.woshipm.com/operate/98${i}.html)`,
      }));
    }
    out = writeTree({});
    const run = runPulse(['report', archive, '--out', out, '--min-count', '3', '--no-cache', '--quiet', '--no-png']);
    if (run.code !== 0) throw new Error(run.stderr);
    browser = await chromium.launch({
      executablePath: BROWSER!,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(archive, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => { if (message.type() === 'error') errors.push(`${path}: ${message.text()}`); });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    const root = pathToFileURL(out).href;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(root)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(join(out, path)).href);
    return page;
  }

  it('opens every page with no console error and no request outside the report folder; every chart is a live Vega view', async () => {
    for (const path of ['index.html', 'overview/index.html', 'tags/index.html', 'authors/index.html', 'trends/index.html', 'compare/index.html']) {
      const page = await open(path);
      const charts = await page.locator('figure.chart').count();
      if (charts) await page.waitForFunction((n) => document.querySelectorAll('figure.chart.is-live .vega-live svg').length === n, charts, { timeout: 20_000 });
      expect(await page.title(), path).not.toContain('PWNED');
      await page.close();
    }
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('shows a tooltip with the number under the mouse', async () => {
    const page = await open('overview/index.html');
    await page.waitForSelector('figure.chart.is-live', { timeout: 20_000 });
    const bar = page.locator('figure.chart.is-live .vega-live svg .mark-rect path').first();
    await bar.hover({ force: true });
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.textContent()).toMatch(/\d/);
    // Numbers as the tables write them: the tags chart's cohort index with two decimals.
    await page.goto(pathToFileURL(join(out, 'tags', 'index.html')).href);
    await page.waitForSelector('figure.chart.is-live', { timeout: 20_000 });
    await page.locator('figure.chart.is-live .vega-live svg .mark-symbol path').first().hover({ force: true });
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.textContent()).toMatch(/cohortIndexShrunk\d+\.\d\d(?!\d)/);
    await page.close();
  });

  it('sorts a table by a header click, and filters it by a Chinese substring', async () => {
    const page = await open('tags/index.html');
    const table = page.locator('div.table.is-live').first();
    await table.waitFor({ timeout: 10_000 });
    const counts = async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    await table.locator('th button', { hasText: /^count/ }).click();
    const descending = await counts();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await table.locator('th button', { hasText: /^count/ }).click();
    const ascending = await counts();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await table.locator('.table-status').textContent()).toMatch(/sorted by count, smallest first/);
    await table.locator('input.table-search').fill('产品');
    const tags = await table.locator('tbody tr td:first-child').allTextContents();
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain('产品');
    expect(await table.locator('.table-status').textContent()).toMatch(/containing “产品”/);
    await page.close();
  });

  it('pulse report --pdf prints every notebook into report.pdf with the CJK font embedded (real text, not boxes)', () => {
    const folder = join(out, '..', `${out.split('/').pop()}-pdf`);
    try {
      const run = runPulse(['report', archive, '--out', folder, '--min-count', '3', '--no-cache', '--quiet', '--no-png', '--pdf', '--chromium', BROWSER!]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const pdf = readFileSync(join(folder, 'report.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toContain('NotoSansHans');
      expect(pdf.length).toBeGreaterThan(100_000);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it('pulse report --pdf without a browser says what to install, exits 2 and writes the rest', () => {
    const folder = join(out, '..', `${out.split('/').pop()}-nopdf`);
    try {
      const run = runPulse(['report', archive, '--out', folder, '--min-count', '3', '--no-cache', '--quiet', '--no-png', '--pdf', '--chromium', '/nonexistent/chromium']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--pdf needs Chromium or Chrome.*apt-get install chromium.*--chromium PATH/);
      expect(readFileSync(join(folder, 'index.html'), 'utf8')).toContain('<!DOCTYPE html>');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps hostile titles, tags and authors inert: they show as text and change nothing', async () => {
    for (const path of ['tags/index.html', 'authors/index.html', 'overview/index.html']) {
      const page = await open(path);
      await page.waitForTimeout(500);
      expect(await page.title(), path).not.toBe('PWNED');
      expect(await page.locator('img[src="x"]').count(), path).toBe(0);
      await page.close();
    }
    const page = await open('tags/index.html');
    // Tooltips over the leaderboard, where the hostile tag ranks high: text, never markup.
    await page.waitForSelector('figure.chart.is-live', { timeout: 20_000 });
    const points = page.locator('figure.chart.is-live .vega-live svg .mark-symbol path');
    const texts: string[] = [];
    for (let i = 0; i < Math.min(await points.count(), 25); i++) {
      await points.nth(i).hover({ force: true });
      texts.push((await page.locator('#vg-tooltip-element').textContent()) ?? '');
      expect(await page.locator('#vg-tooltip-element img').count()).toBe(0);
    }
    expect(texts.some((t) => t.includes('<img src=x'))).toBe(true);
    const table = page.locator('div.table.is-live').first();
    await table.locator('input.table-search').fill('onerror');
    expect((await table.locator('tbody').textContent()) ?? '').toContain(PAYLOAD);
    expect(await page.title()).toBe('Tags');
    await page.close();
  });
});
