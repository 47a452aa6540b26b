/**
 * The package as a user gets it: `npm pack`, the tarball installed into an empty folder, a
 * notebook there that imports from 'content-pulse', type-checked with tsc --strict and run with
 * that folder's `pulse run`; its numbers checked against the same computation done here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticles } from '../../src/load/load-articles.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { codeBlocks, readmeNotebook, readmeSection } from '../helpers/readme.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const NOTEBOOK = `import { aq, createNotebook, tagLeaderboard, type NotebookInput, type TagLeaderboardOptions } from 'content-pulse';

const options: TagLeaderboardOptions = { minCount: 2, resamples: 200 };

export default function (input: NotebookInput) {
  const byCategory = input.articles
    .groupby('category')
    .rollup({ articles: aq.op.count(), medianViews: aq.op.median('views'), collects: aq.op.sum('collects') })
    .orderby('category');
  const tags = tagLeaderboard(input.articles, options);
  return createNotebook('Installed').table('by-category', byCategory).table('tags', tags);
}
`;

const TSCONFIG = { compilerOptions: { strict: true, skipLibCheck: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext' }, include: ['*.ts'] };

describe('the packed package, installed into an empty folder', () => {
  let work: string;
  let project: string;
  let archive: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pulse-pack-'));
    project = join(work, 'project');
    archive = hostileArchive();
    execFileSync(NPM, ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))!;
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-notebooks', private: true, type: 'module' }));
    execFileSync(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error', join(work, tarball)], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(join(project, 'notebook.ts'), NOTEBOOK);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  }, 300_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(archive, { recursive: true, force: true });
  });

  it('type-checks a notebook with tsc --strict against the installed types', () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
    // A mistake is caught: an option that does not exist.
    writeFileSync(join(project, 'wrong.ts'), NOTEBOOK.replace('resamples: 200', 'resample: 200'));
    const wrong = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
    rmSync(join(project, 'wrong.ts'));
    expect(wrong.status).not.toBe(0);
    expect(wrong.stdout).toMatch(/wrong\.ts.*'resample' does not exist/);
  });

  it('type-checks and runs the README\'s notebook with the README\'s tsconfig.json', () => {
    const { path, code } = readmeNotebook();
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), code);
    const tsconfig = codeBlocks(readmeSection('Write your own notebook'), 'json').find((block) => block.includes('compilerOptions'))!;
    writeFileSync(join(project, 'tsconfig.readme.json'), tsconfig);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const check = spawnSync(process.execPath, [tsc, '-p', join(project, 'tsconfig.readme.json')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
    const run = spawnSync(join(project, 'node_modules', '.bin', 'pulse'), ['run', path, archive, '--no-cache', '--quiet'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('runs it with the folder\'s own pulse, with the numbers of the same computation done here', async () => {
    const pulse = join(project, 'node_modules', '.bin', 'pulse');
    const run = spawnSync(pulse, ['run', 'notebook.ts', archive, '--out', 'out', '--no-cache', '--quiet'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = parse(readFileSync(join(project, 'out', 'tables', 'by-category.csv'), 'utf8'), { columns: true, cast: true }) as Record<string, number | string>[];
    const { articles } = await loadArticles([archive]);
    const expected = new Map<string, { articles: number; views: number[]; collects: number }>();
    for (const a of articles.objects() as { category: string; views: number; collects: number }[]) {
      const entry = expected.get(a.category) ?? { articles: 0, views: [], collects: 0 };
      entry.articles++;
      entry.views.push(a.views);
      entry.collects += a.collects;
      expected.set(a.category, entry);
    }
    expect(rows.map((r) => r.category)).toEqual([...expected.keys()].sort());
    for (const row of rows) {
      const e = expected.get(String(row.category))!;
      const sorted = e.views.sort((x, y) => x - y);
      const mid = sorted.length / 2;
      const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      expect([row.articles, row.medianViews, row.collects]).toEqual([e.articles, median, e.collects]);
    }
    const tags = parse(readFileSync(join(project, 'out', 'tables', 'tags.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(tags.length).toBeGreaterThan(0);
  });

  it('runs a plain JavaScript notebook, and content-pulse/danfo says what to install without danfo.js', () => {
    writeFileSync(join(project, 'plain.js'), "import { createNotebook, count } from 'content-pulse';\nexport default ({ articles }) => createNotebook('Plain').markdown(`${count(articles.numRows())} articles`);\n");
    const pulse = join(project, 'node_modules', '.bin', 'pulse');
    const run = spawnSync(pulse, ['run', 'plain.js', archive, '--no-cache', '--quiet'], { cwd: project, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(join(project, 'output', 'plain', 'index.md'), 'utf8')).toMatch(/^\d+ articles\n$/);
    const danfo = spawnSync(process.execPath, ['--input-type=module', '-e', "import { aq } from 'content-pulse'; import { toDataFrame } from 'content-pulse/danfo'; try { toDataFrame(aq.table({ a: [1] })); } catch (e) { console.log(e.message); }"], { cwd: project, encoding: 'utf8' });
    expect(danfo.stdout).toMatch(/needs danfo\.js, which is not installed: run `npm install danfojs-node`/);
  });
});
