import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatLayout, newestLayout, writeTree } from '../helpers/fixtures.ts';
import { runPulse, scratchFolder } from '../helpers/run-cli.ts';

describe('pulse load', () => {
  it('prints a summary, writes the table and the rejects, and reports rejects on stderr', () => {
    const root = writeTree({ 'a.md': newestLayout(), 'b.md': flatLayout(), 'bad.md': '# t\n', 'README.md': '# i' });
    const out = join(root, 'out', 'articles.csv');
    const rejects = join(root, 'out', 'rejects.csv');
    const run = runPulse(['load', root, '--out', out, '--rejects', rejects]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/files seen\s+4/);
    expect(run.stdout).toMatch(/articles\s+2/);
    expect(run.stdout).toMatch(/rejected\s+1/);
    expect(run.stdout).toMatch(/published\s+2021-09-03 to 2025-05-27/);
    expect(run.stdout).toMatch(/top topics\s+.*数据埋点 \(1\)/);
    expect(run.stderr).toContain(`${join(root, 'bad.md')}:2: rejected: no header block`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'id,title,author,authorId,category,categoryName,published,views,comments,collects,tags,url,brief,readingMinutes,bodyChars,images,collectRate,commentRate,ageDays,viewsPerDay,percentileInAge,score,level,experienceYears,topicTags,month,year,weekday,source');
    expect(readFileSync(rejects, 'utf8')).toMatch(/^path,line,reason\n.*bad\.md,2,"no header block/);
    expect(readdirSync(join(root, 'out')).sort()).toEqual(['articles.csv', 'rejects.csv']); // no temp files left
  });

  it('uses the cache folder it is given, and none with --no-cache', () => {
    const root = writeTree({ 'a.md': newestLayout() });
    const cache = join(root, 'cache');
    expect(runPulse(['load', join(root, 'a.md'), '--cache', cache, '--quiet']).code).toBe(0);
    expect(readdirSync(cache)).toHaveLength(1);
    const other = join(root, 'other-cache');
    expect(runPulse(['load', join(root, 'a.md'), '--cache', other, '--no-cache', '--quiet']).code).toBe(0);
    expect(existsSync(other)).toBe(false);
  });

  it('exits 1 with --strict when a file was rejected, and when nothing loaded', () => {
    const root = writeTree({ 'a.md': newestLayout(), 'bad.md': '' });
    expect(runPulse(['load', root, '--strict', '--quiet']).code).toBe(1);
    const empty = writeTree({ 'bad.md': '' });
    const run = runPulse(['load', empty]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no articles loaded/);
  });

  it('exits 2 on usage errors with a message that says what to do', () => {
    const unknown = runPulse(['load', '--frobnicate', '.']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
    const missing = runPulse(['load', '/no/such/archive']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Not found: \/no\/such\/archive/);
    const badOut = runPulse(['load', '.', '--out', 'x.docx']);
    expect(badOut.code).toBe(2);
    expect(badOut.stderr).toMatch(/use a file ending in \.csv/);
    expect(existsSync(join(scratchFolder(), 'x.docx'))).toBe(false);
    expect(runPulse(['load', '.', '--as-of', 'yesterday']).code).toBe(2);
  });
});
