import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

describe('analysis commands', () => {
  let archive: string;
  let out: string;
  beforeAll(() => {
    archive = hostileArchive();
    out = writeTree({});
  });

  it('pulse tags prints a table and writes the documented CSV columns', () => {
    const file = join(out, 'tags.csv');
    const run = runPulse(['tags', archive, '--min-count', '5', '--out', file, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^tag\s+count\s+share\s+medianViews/);
    const header = readFileSync(file, 'utf8').split('\n')[0]!;
    for (const column of ['tag', 'count', 'share', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'commentRate', 'collectRateShrunk', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh']) {
      expect(header.split(',')).toContain(column);
    }
    expect(runPulse(['tags', archive, '--sort', 'nonsense']).code).toBe(2);
  });

  it('pulse authors and pulse trends write their CSVs', () => {
    const authors = join(out, 'authors.csv');
    expect(runPulse(['authors', archive, '--out', authors, '--quiet']).code).toBe(0);
    expect(readFileSync(authors, 'utf8').split('\n')[0]).toMatch(/^authorId,author,count,medianViews,.*totalViews,.*collectRate,.*collectRateShrunk,.*cohortIndex/);
    const run = runPulse(['trends', archive, '--out', join(out, 'trends'), '--quiet']);
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, 'trends', 'trends.csv'), 'utf8').split('\n')[0]).toMatch(/^month,count,medianViews,meanViews,medianCollects/);
    expect(runPulse(['trends', archive, '--by', 'week']).code).toBe(2);
  });

  it('pulse compare gives a sentence, and the closest matches for an unknown tag', () => {
    const run = runPulse(['compare', archive, '--category', 'pd', '--category', 'operate', '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Articles in pd get \d+\.\d+× the views of those in operate for their age/);
    const unknown = runPulse(['compare', archive, '--tag', '经验分享', '--tag', '小红树', '--quiet']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown tag "小红树"; closest: 小红书/);
    expect(runPulse(['compare', archive, '--tag', 'A']).code).toBe(2);
  });
});
