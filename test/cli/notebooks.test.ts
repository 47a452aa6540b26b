/**
 * Notebooks of the user's: pulse run, pulse new, pulse report --notebooks, pulse.config.json.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

/** A notebook that counts articles per category with arquero, imported from the package. */
const COUNTS = `import { aq, createNotebook, type NotebookInput } from 'content-pulse';
export default function (input: NotebookInput) {
  const counts = input.articles.groupby('category').rollup({ n: aq.op.count(), views: aq.op.sum('views') }).orderby('category');
  return createNotebook('Counts per category').markdown('# Counts').table('counts', counts);
}
`;

const FAILING = `import { createNotebook } from 'content-pulse';
import { check } from './_check.ts';
export default function (input) {
  check(input.articles.numRows());
  return createNotebook('never');
}
`;
const CHECK = `export function check(n: number): void {
  if (n > 0) throw new Error('boom: ' + n + ' articles');
}
`;

function csvRows(path: string): string[][] {
  return parse(readFileSync(path, 'utf8')) as string[][];
}

describe('notebooks of your own', () => {
  let archive: string;
  let work: string;
  const made: string[] = [];
  beforeAll(() => {
    archive = hostileArchive();
    work = mkdtempSync(join(tmpdir(), 'pulse-notebooks-'));
    made.push(archive, work);
  });
  afterAll(() => {
    for (const folder of made) rmSync(folder, { recursive: true, force: true });
  });

  it('pulse run runs a TypeScript notebook and writes its report folder with the right numbers', () => {
    const dir = writeTree({ 'counts.ts': COUNTS });
    made.push(dir);
    const out = join(work, 'run-out');
    const run = runPulse(['run', join(dir, 'counts.ts'), archive, '--out', out, '--no-cache', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const file of ['index.html', 'index.md', 'tables/counts.csv']) expect(existsSync(join(out, file))).toBe(true);
    const rows = csvRows(join(out, 'tables/counts.csv'));
    expect(rows[0]).toEqual(['category', 'n', 'views']);
    // The same counts, computed from the loaded table directly.
    const load = runPulse(['load', archive, '--out', join(work, 'all.csv'), '--no-cache', '--quiet']);
    expect(load.code).toBe(0);
    const all = csvRows(join(work, 'all.csv'));
    const category = all[0]!.indexOf('category');
    const views = all[0]!.indexOf('views');
    const expected = new Map<string, [number, number]>();
    for (const row of all.slice(1)) {
      const [n, sum] = expected.get(row[category]!) ?? [0, 0];
      expected.set(row[category]!, [n + 1, sum + Number(row[views])]);
    }
    expect(new Map(rows.slice(1).map((r) => [r[0]!, [Number(r[1]), Number(r[2])]]))).toEqual(expected);
    // Nothing left beside the notebook.
    expect(readFileSync(join(dir, 'counts.ts'), 'utf8')).toBe(COUNTS);
  });

  it('pulse run names the notebook file and line of an error, exits 1 and writes nothing', () => {
    const dir = writeTree({ 'fails.ts': FAILING, '_check.ts': CHECK });
    made.push(dir);
    const out = join(work, 'failed-out');
    const run = runPulse(['run', 'fails.ts', archive, '--out', out, '--no-cache', '--quiet'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pulse: notebook failed: _check\.ts:2:20: boom: \d+ articles\n$/);
    expect(existsSync(out)).toBe(false);
    const syntax = writeTree({ 'broken.ts': 'export default function (input) {\n  return {\n' });
    made.push(syntax);
    const broken = runPulse(['run', join(syntax, 'broken.ts'), archive, '--no-cache', '--quiet'], syntax);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^pulse: notebook failed: broken\.ts:3:1: \S/);
  });

  it('pulse new writes a starter that runs as written, and refuses to overwrite it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-new-'));
    made.push(dir);
    const created = runPulse(['new', 'weekend'], dir);
    expect(created.code).toBe(0);
    const path = join(dir, 'notebooks', 'weekend.ts');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, `${text}// edited\n`);
    const again = runPulse(['new', 'weekend'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe(`${text}// edited\n`);
    const run = runPulse(['run', path, archive, '--min-count', '1', '--no-cache', '--quiet'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'output', 'weekend', 'index.md'), 'utf8')).toMatch(/^# weekend\n\n\d+ articles published after \d{4}-\d{2}-\d{2}\./);
    const js = runPulse(['new', 'plain.js', '--dir', 'js'], dir);
    expect(js.code).toBe(0);
    expect(runPulse(['run', join(dir, 'js', 'plain.js'), archive, '--no-cache', '--quiet'], dir).code).toBe(0);
  });

  it('pulse report --notebooks writes the good notebook, reports the failing one, and exits 1', () => {
    const dir = writeTree({ 'a-counts.ts': COUNTS, 'b-fails.js': FAILING.replace("'./_check.ts'", "'./_check.js'"), '_check.js': CHECK.replace(': number', '').replace(': void', '') });
    made.push(dir);
    const out = join(work, 'report-out');
    const run = runPulse(['report', archive, '--notebooks', dir, '--out', out, '--min-count', '2', '--no-cache', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/notebook failed: .*_check\.js:2:20: boom/);
    const index = readFileSync(join(out, 'index.md'), 'utf8');
    expect(index).toContain('[Counts per category](a-counts/index.html)');
    expect(index).toMatch(/## Notebooks that failed\n\n- \*\*b-fails\*\*: .*boom/);
    expect(index).toContain('[Overview](overview/index.html)');
    expect(existsSync(join(out, 'a-counts', 'tables', 'counts.csv'))).toBe(true);
    expect(existsSync(join(out, 'b-fails'))).toBe(false);
    // The helper module is not run as a notebook.
    expect(index).not.toMatch(/\*\*\\?_check|\(_check\//);
  });

  it('pulse.config.json gives the defaults, flags win, and bad keys are errors naming the file', () => {
    const dir = writeTree({ 'mine/counts.ts': COUNTS });
    made.push(dir);
    writeFileSync(join(dir, 'pulse.config.json'), JSON.stringify({ inputs: [archive], notebooks: 'mine', out: 'weekly', builtIn: ['overview'], minCount: 2, locale: 'zh' }));
    const run = runPulse(['report', '--no-cache', '--quiet'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const index = readFileSync(join(dir, 'weekly', 'index.md'), 'utf8');
    expect(index).toContain('(overview/index.html)');
    expect(index).toContain('(counts/index.html)');
    expect(index).not.toContain('(tags/index.html)');
    // A flag wins over the file.
    expect(runPulse(['report', '--out', 'flagged', '--no-cache', '--quiet'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'flagged', 'index.md'))).toBe(true);
    writeFileSync(join(dir, 'pulse.config.json'), JSON.stringify({ inputs: [archive], minCont: 3 }));
    const unknown = runPulse(['report', '--no-cache'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/pulse\.config\.json: unknown key "minCont"/);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ minCount: 'ten' }));
    const wrongType = runPulse(['report', archive, '--config', 'other.json', '--no-cache'], dir);
    expect(wrongType.code).toBe(2);
    expect(wrongType.stderr).toMatch(/other\.json: "minCount" must be a whole number of at least 1, got "ten"/);
  });
});
