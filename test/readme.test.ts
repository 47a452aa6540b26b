/**
 * The README's "Write your own notebook" section, run as printed: the notebook, the project file
 * and the tsconfig it shows.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeConfig } from '../src/cli/config.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { prepareNotebookInput } from '../src/report/input.ts';
import { medianOf } from '../src/stats/quantiles.ts';
import { hostileArchive } from './helpers/hostile.ts';
import { codeBlocks, readmeNotebook, readmeSection } from './helpers/readme.ts';
import { runPulse } from './helpers/run-cli.ts';

describe('README: Write your own notebook', () => {
  let project: string;
  let archive: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'pulse-readme-'));
    archive = hostileArchive();
  });
  afterAll(() => {
    rmSync(project, { recursive: true, force: true });
    rmSync(archive, { recursive: true, force: true });
  });

  it('has a notebook of 15–25 lines of code that runs with pulse run and gives the numbers computed here', async () => {
    const { path, code } = readmeNotebook();
    const lines = code.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.length).toBeLessThanOrEqual(25);
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), code);
    const run = runPulse(['run', path, archive, '--no-cache', '--quiet'], project);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = join(project, 'output', 'weekend');
    const byDay = parse(readFileSync(join(out, 'tables', 'by-day.csv'), 'utf8'), { columns: true, cast: true }) as { day: string; articles: number; cohortIndex: number }[];
    const { articles } = prepareNotebookInput(await loadArticles([archive]));
    const operate = (articles.objects() as { category: string; weekday: number; cohortIndex: number }[]).filter((a) => a.category === 'operate');
    const expected = ['weekday', 'weekend'].map((day) => {
      const rows = operate.filter((a) => (a.weekday >= 6) === (day === 'weekend'));
      return { day, articles: rows.length, cohortIndex: medianOf(rows.map((a) => a.cohortIndex)) };
    }).filter((row) => row.articles > 0);
    expect(byDay).toEqual(expected);
    const text = readFileSync(join(out, 'index.md'), 'utf8');
    const weekend = expected.find((r) => r.day === 'weekend');
    expect(text).toContain(`${weekend?.articles ?? 0} of ${operate.length} articles came out on a weekend`);
    expect(readFileSync(join(out, 'charts', 'by-day.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('shows a pulse.config.json and a tsconfig.json that are valid', () => {
    const json = codeBlocks(readmeSection('Write your own notebook'), 'json').map((block) => JSON.parse(block) as Record<string, unknown>);
    const config = json.find((j) => 'inputs' in j)!;
    expect(() => normalizeConfig(config, 'pulse.config.json', project)).not.toThrow();
    const tsconfig = json.find((j) => 'compilerOptions' in j)! as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions.strict).toBe(true);
  });
});
