/**
 * Filters: each one and their combinations give the rows the same filter gives when applied
 * directly to the loaded table; a filter that empties the table names itself; reports say it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

interface Row { id: string; published: string; category: string; author: string; authorId: string; tags: string }

describe('filters', () => {
  let archive: string;
  let out: string;
  let all: Row[];
  beforeAll(() => {
    archive = hostileArchive();
    out = writeTree({});
    expect(runPulse(['load', archive, '--out', join(out, 'all.csv'), '--no-cache', '--quiet']).code).toBe(0);
    all = parse(readFileSync(join(out, 'all.csv'), 'utf8'), { columns: true }) as Row[];
  });
  afterAll(() => {
    rmSync(archive, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const ids = (rows: Row[]) => rows.map((r) => r.id).sort();
  const loadWith = (flags: string[], name: string) => {
    const run = runPulse(['load', archive, ...flags, '--out', join(out, name), '--no-cache', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    return parse(readFileSync(join(out, name), 'utf8'), { columns: true }) as Row[];
  };

  it('keeps what the same filter keeps applied directly, alone and combined', () => {
    const author = all.find((r) => r.author)!;
    const tag = all.find((r) => r.tags)!.tags.split('|')[0]!;
    const cases: [string[], (r: Row) => boolean][] = [
      [['--since', '2023-01-01'], (r) => r.published >= '2023-01-01'],
      [['--until', '2022-06-30'], (r) => r.published <= '2022-06-30'],
      [['--category', 'pd', '--category', 'operate'], (r) => r.category === 'pd' || r.category === 'operate'],
      [['--author', author.author], (r) => r.author === author.author],
      [['--author', author.authorId], (r) => r.authorId === author.authorId],
      [['--tag', tag], (r) => r.tags.split('|').includes(tag)],
      [['--since', '2021-01-01', '--until', '2024-12-31', '--category', 'pd', '--tag', tag], (r) => r.published >= '2021-01-01' && r.published <= '2024-12-31' && r.category === 'pd' && r.tags.split('|').includes(tag)],
    ];
    for (const [index, [flags, keep]] of cases.entries()) {
      const expected = all.filter(keep);
      if (expected.length === 0) continue;
      expect(ids(loadWith(flags, `f${index}.csv`)), flags.join(' ')).toEqual(ids(expected));
    }
  });

  it('names the filter that left nothing, and reports state the filter in force', () => {
    const empty = runPulse(['tags', archive, '--since', '2021-01-01', '--category', 'no-such-category', '--no-cache']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/no article left after --category no-such-category \(\d+ left after --since 2021-01-01\)/);
    const report = runPulse(['report', archive, '--since', '2023-01-01', '--out', join(out, 'report'), '--min-count', '2', '--no-cache', '--quiet', '--no-png']);
    expect(report.code, report.stderr).toBe(0);
    for (const page of ['index.md', 'tags/index.md', 'overview/index.md']) {
      expect(readFileSync(join(out, 'report', page), 'utf8'), page).toContain('> Filter: articles published on or after 2023-01-01.');
    }
  });
});
