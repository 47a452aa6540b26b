/**
 * The snapshot store and the Growth notebook: pulse snapshot saves a scrape's counters by date
 * (replacing the same date with a warning), pulse growth compares the store, pulse report adds
 * the Growth notebook when the store has two snapshots or more, and a scrape in another layout
 * of the same articles gives the same counters.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { listSnapshots, readSnapshot, todayInChina } from '../../src/snapshots/store.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { runPulse } from '../helpers/run-cli.ts';

const article = (id: number, views: number) => newestLayout({
  title: `文章 ${id}`, published: '2025-05-0' + ((id % 9) + 1), stats: `👁️ ${views} views | 💬 1 comments | ⭐ 2 collects`, tags: '`AI` `运营`',
  original: `[View](https://www.woshipm.com/pd/${id}.html)`,
});

describe('snapshots', () => {
  const week1 = writeTree(Object.fromEntries([1, 2, 3].map((id) => [`pd/2025/05/${id}.md`, article(id, id * 100)])));
  const week2 = writeTree(Object.fromEntries([1, 2, 3, 4].map((id) => [`pd/2025/05/${id}.md`, article(id, id * 100 + 70)])));
  // The same articles as week 2 in the flat layout: the same counters.
  const flat = writeTree(Object.fromEntries([1, 2, 3, 4].map((id) => [`pd-${id}.md`, article(id, id * 100 + 70)])));
  const work = writeTree({});
  const store = join(work, 'store');
  afterAll(() => { for (const folder of [week1, week2, flat, work]) rmSync(folder, { recursive: true, force: true }); });

  it('saves scrapes by date, replacing a date with a warning, and compares them', () => {
    expect(runPulse(['snapshot', week1, '--date', '2025-06-01', '--store', store, '--no-cache', '--quiet']).code).toBe(0);
    expect(runPulse(['snapshot', week2, '--date', '2025-06-08', '--store', store, '--no-cache', '--quiet']).code).toBe(0);
    const again = runPulse(['snapshot', flat, '--date', '2025-06-08', '--store', store, '--no-cache', '--quiet']);
    expect(again.stderr).toMatch(/warning: replaced the snapshot of 2025-06-08/);
    expect(listSnapshots(store)).toEqual(['2025-06-01', '2025-06-08']);
    expect((readSnapshot(store, '2025-06-08').array('views') as number[]).slice().sort((a, b) => a - b)).toEqual([170, 270, 370, 470]);
    const growth = runPulse(['growth', '--store', store, '--out', join(work, 'g'), '--no-cache', '--quiet']);
    expect(growth.code).toBe(0);
    const rows = parse(readFileSync(join(work, 'g', 'growth.csv'), 'utf8'), { columns: true, cast: true }) as { id: number; gain: number; gainPerDay: number }[];
    expect(rows.map((r) => [r.id, r.gain, r.gainPerDay])).toEqual([[1, 70, 10], [2, 70, 10], [3, 70, 10]]);
    expect((parse(readFileSync(join(work, 'g', 'new.csv'), 'utf8'), { columns: true }) as { id: string }[]).map((r) => r.id)).toEqual(['4']);
    expect(todayInChina(Date.parse('2025-06-01T17:00:00Z'))).toBe('2025-06-02');
  });

  it('keeps the old snapshot whole when a run is killed while saving it, and clears what that run left', () => {
    const before = readFileSync(join(store, '2025-06-01.arrow'));
    const killed = runPulse(['snapshot', week2, '--date', '2025-06-01', '--store', store, '--no-cache', '--quiet'], undefined, { PULSE_TEST_KILL_AT: 'file-rename' });
    expect(killed.code).not.toBe(0);
    expect(readFileSync(join(store, '2025-06-01.arrow')).equals(before)).toBe(true);
    expect(readdirSync(store).some((name) => name.includes('.tmp-'))).toBe(true);
    expect(runPulse(['snapshot', week1, '--date', '2025-06-01', '--store', store, '--no-cache', '--quiet']).code).toBe(0);
    expect(readdirSync(store).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('adds the Growth notebook to the report when the store has two snapshots, and not without', () => {
    const run = runPulse(['report', week2, '--snapshots', store, '--out', join(work, 'report'), '--min-count', '1', '--no-cache', '--quiet', '--no-png']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(work, 'report', 'growth', 'index.md'), 'utf8')).toMatch(/^# Growth\n\n2 snapshots from 2025-06-01 to 2025-06-08: 3 articles in the first and the last gained 210 views; 1 articles are new since 2025-06-01/);
    const without = runPulse(['report', week2, '--out', join(work, 'plain'), '--min-count', '1', '--no-cache', '--quiet', '--no-png'], work);
    expect(without.code).toBe(0);
    expect(existsSync(join(work, 'plain', 'growth'))).toBe(false);
  });
});
