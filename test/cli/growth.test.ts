/**
 * pulse growth on two handmade scrapes: every article's gain, per day and relative, the new, the
 * vanished, and counters that went down, against the numbers written into the files.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { runPulse } from '../helpers/run-cli.ts';

const article = (id: number, views: number, collects = 2) => newestLayout({
  title: `文章 ${id}`, stats: `👁️ ${views} views | 💬 1 comments | ⭐ ${collects} collects`, original: `[View](https://www.woshipm.com/pd/${id}.html)`,
});

describe('pulse growth', () => {
  const before = writeTree({ 'pd/1.md': article(1, 100), 'pd/2.md': article(2, 5000), 'pd/3.md': article(3, 300, 9), 'pd/4.md': article(4, 40) });
  const after = writeTree({ 'pd/1.md': article(1, 160), 'pd/2.md': article(2, 5070), 'pd/3.md': article(3, 290, 12), 'pd/5.md': article(5, 90) });
  const out = writeTree({});
  afterAll(() => { for (const folder of [before, after, out]) rmSync(folder, { recursive: true, force: true }); });

  it('gives every article\'s gain, per day and relative, and lists the new, the vanished and the counters that went down', () => {
    const run = runPulse(['growth', '--before', before, '--after', after, '--before-date', '2025-06-01', '--after-date', '2025-06-11', '--out', join(out, 'g'), '--no-cache', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = parse(readFileSync(join(out, 'g', 'growth.csv'), 'utf8'), { columns: true, cast: true }) as Record<string, number | string>[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([1, 2, 3]);
    expect(byId.get(1)).toMatchObject({ viewsBefore: 100, viewsAfter: 160, gain: 60, gainPerDay: 6, relativeGain: 0.6 });
    expect(byId.get(2)).toMatchObject({ gain: 70, gainPerDay: 7, relativeGain: 0.014 });
    expect(byId.get(3)).toMatchObject({ gain: -10, collectsGain: 3 });
    expect(rows[0]!.id).toBe(2); // largest gain first
    const listed = (file: string) => parse(readFileSync(join(out, 'g', file), 'utf8'), { columns: true, cast: true }) as Record<string, number | string>[];
    expect(listed('new.csv').map((r) => r.id)).toEqual([5]);
    expect(listed('vanished.csv').map((r) => r.id)).toEqual([4]);
    expect(listed('decreased.csv')).toEqual([{ id: 3, title: '文章 3', counter: 'views', from: '2025-06-01', to: '2025-06-11', before: 300, after: 290 }]);
    expect(run.stdout).toMatch(/3 articles in both scrapes; 1 new; 1 vanished; 1 counters went down/);
  });

  it('narrows the articles with --category, --author and --tag', () => {
    const run = runPulse(['growth', '--before', before, '--after', after, '--tag', '视频号', '--category', 'pd', '--json', '--no-cache', '--quiet']);
    expect((JSON.parse(run.stdout) as { id: number }[]).map((r) => r.id).sort()).toEqual([1, 2, 3]);
    const none = runPulse(['growth', '--before', before, '--after', after, '--tag', 'no-such-tag', '--json', '--no-cache', '--quiet']);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('leaves gains per day empty without dates, and says why', () => {
    const run = runPulse(['growth', '--before', before, '--after', after, '--csv', '--no-cache', '--quiet']);
    const rows = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.every((r) => r.gainPerDay === '')).toBe(true);
    expect(runPulse(['growth', '--before', before, '--no-cache']).code).toBe(2);
  });
});
