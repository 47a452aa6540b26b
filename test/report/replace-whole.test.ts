/**
 * A report folder is replaced as a whole: killed at any point (a test hook kills the run after
 * its Nth staged file, or right before the swap), the folder holds the complete previous report;
 * the next run clears what the killed one left; two runs at once both finish and leave one
 * complete report; a folder of someone else's files is never replaced.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepLeftovers } from '../../src/io/replace-folder.ts';
import { writeFileAtomic } from '../../src/io/write-atomic.ts';
import { filesUnder, writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

const CLI = resolve(import.meta.dirname, '../../src/cli.ts');

function tree(root: string): Map<string, string> {
  return new Map(filesUnder(root).map((path) => [path, readFileSync(join(root, path), 'utf8')]));
}

/** Runs pulse in the background; resolves with its exit code and stderr. */
function runAsync(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, ...args], { env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('exit', (code, signal) => done({ code, signal, stderr }));
  });
}

describe('a report folder is replaced whole', () => {
  let archive: string;
  let other: string;
  let work: string;
  let before: Map<string, string>;
  let after: Map<string, string>;
  const out = () => join(work, 'report');
  const args = (archivePath: string) => ['report', archivePath, '--out', out(), '--min-count', '3', '--no-cache', '--quiet'];

  beforeAll(() => {
    archive = hostileArchive();
    // A second archive: the same articles, one with more views, so its report differs from the first.
    other = hostileArchive();
    const changed = join(other, 'evil', '2025', '01', '900.md');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('30000 views', '90000 views'));
    work = writeTree({});
    expect(runPulse(args(other)).code).toBe(0);
    after = tree(out());
    expect(runPulse(args(archive)).code).toBe(0);
    before = tree(out());
    expect([...before.keys()]).toEqual([...after.keys()]);
    expect([...before].some(([path, text]) => after.get(path) !== text)).toBe(true);
  }, 180_000);
  afterAll(() => {
    for (const folder of [archive, other, work]) rmSync(folder, { recursive: true, force: true });
  });

  it.each(['write:1', 'write:30', 'write:60', 'swap'])('killed at %s: the previous report stays whole, and the next run cleans up and completes', async (point) => {
    const killed = await runAsync(args(other), { PULSE_TEST_KILL_AT: point });
    expect(killed.signal).toBe('SIGKILL');
    expect(tree(out())).toEqual(before);
    expect(readdirSync(work).filter((name) => name.startsWith('.report.'))).not.toEqual([]);
    const next = runPulse(args(archive));
    expect(next.code).toBe(0);
    expect(tree(out())).toEqual(before);
    expect(readdirSync(work).filter((name) => name.startsWith('.report.'))).toEqual([]);
  });

  it('without the native helper (two renames): a run killed between them is undone by the next one', async () => {
    const killed = await runAsync(args(other), { PULSE_TEST_KILL_AT: 'between-renames', PULSE_NATIVE: '0' });
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out())).toBe(false);
    sweepLeftovers(out());
    expect(tree(out())).toEqual(before);
    expect(readdirSync(work).filter((name) => name.startsWith('.report.'))).toEqual([]);
  });

  it('two runs at once: both finish, and the folder is one complete report', async () => {
    const [a, b] = await Promise.all([runAsync(args(other)), runAsync(args(archive))]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr + b.stderr).not.toMatch(/ENOTEMPTY|\n\s+at /);
    const result = tree(out());
    expect([before, after].some((report) => JSON.stringify([...report]) === JSON.stringify([...result]))).toBe(true);
    expect(readdirSync(work).filter((name) => name.startsWith('.report.'))).toEqual([]);
  });

  it('refuses to replace a folder of files it did not write', () => {
    const mine = join(work, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.docx'), 'years of work');
    const run = runPulse(['trends', archive, '--out', mine, '--no-cache', '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/mine holds files content-pulse did not write \(thesis\.docx\)/);
    expect(readFileSync(join(mine, 'thesis.docx'), 'utf8')).toBe('years of work');
  });

  it('an --out FILE: temporary files of killed runs are removed by the next write', () => {
    const file = join(work, 'tags.csv');
    writeFileSync(`${file}.tmp-999999999-0`, 'half');
    writeFileSync(`${file}.tmp-${process.pid}-77`, 'a live run');
    writeFileAtomic(file, 'whole\n');
    expect(readFileSync(file, 'utf8')).toBe('whole\n');
    expect(existsSync(`${file}.tmp-999999999-0`)).toBe(false);
    expect(existsSync(`${file}.tmp-${process.pid}-77`)).toBe(true);
    rmSync(`${file}.tmp-${process.pid}-77`);
  });
});
