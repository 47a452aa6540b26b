/**
 * The terminal side: pipes that close early, JSON and CSV on stdout, sorting both ways, the
 * version, empty folders and an --as-of before the data.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import manifest from '../../package.json' with { type: 'json' };
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

const CLI = resolve(import.meta.dirname, '../../src/cli.ts');

describe('pulse at the terminal', () => {
  let archive: string;
  let work: string;
  beforeAll(() => {
    archive = hostileArchive();
    work = writeTree({});
  });
  afterAll(() => {
    rmSync(archive, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('ends quietly with exit 0 when the reader closes the pipe (| head -1)', () => {
    // The sample archive: output far larger than a pipe's buffer, so the writer meets the closed pipe.
    const sample = resolve(import.meta.dirname, '../../data/sample');
    for (const command of ['trends', 'tags --min-count 1 --csv', 'authors --min-count 1 --json']) {
      const [name, ...flags] = command.split(' ');
      const run = spawnSync('bash', ['-c', `node --import ${JSON.stringify(import.meta.resolve('tsx'))} ${JSON.stringify(CLI)} ${name} ${JSON.stringify(sample)} ${flags.join(' ')} --no-cache --quiet | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: 'utf8' });
      expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(run.stderr).toMatch(/status 0\s*$/);
      expect(run.stderr).not.toMatch(/EPIPE|\n\s+at /);
    }
  });

  it('writes every row as JSON or CSV on stdout', () => {
    const json = JSON.parse(runPulse(['tags', archive, '--min-count', '3', '--json', '--no-cache', '--quiet']).stdout) as { tag: string; count: number }[];
    const csv = parse(runPulse(['tags', archive, '--min-count', '3', '--csv', '--no-cache', '--quiet']).stdout, { columns: true }) as { tag: string; count: string }[];
    expect(json.length).toBeGreaterThan(3);
    expect(csv.map((r) => [r.tag, Number(r.count)])).toEqual(json.map((r) => [r.tag, r.count]));
  });

  it('sorts best first by default, and either way with --asc and --desc', () => {
    const spreads = (args: string[]) => (JSON.parse(runPulse(['authors', archive, '--min-count', '3', '--json', '--no-cache', '--quiet', ...args]).stdout) as { cohortIndexSpread: number | null }[])
      .map((r) => r.cohortIndexSpread).filter((v): v is number => v !== null);
    const best = spreads(['--sort', 'cohortIndexSpread']);
    expect(best).toEqual([...best].sort((a, b) => a - b)); // smaller spread is better
    const desc = spreads(['--sort', 'cohortIndexSpread', '--desc']);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const counts = (JSON.parse(runPulse(['tags', archive, '--min-count', '3', '--sort', 'count', '--asc', '--json', '--no-cache', '--quiet']).stdout) as { count: number }[]).map((r) => r.count);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('prints its version, says why a result is empty, leaves the cache alone for an empty folder, and warns of an --as-of before the data', () => {
    expect(runPulse(['--version']).stdout.trim()).toBe(manifest.version);
    expect(runPulse(['-V']).stdout.trim()).toBe(manifest.version);
    const empty = runPulse(['tags', archive, '--min-count', '1000', '--no-cache', '--quiet']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^no tag has 1,000 or more articles; the largest has \d+: lower --min-count\n$/);
    const folder = join(work, 'empty');
    mkdirSync(folder);
    const nothing = runPulse(['tags', folder, '--cache', join(work, 'cache')]);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toBe(`pulse: no articles loaded from ${folder} (0 files seen, 0 rejected)\n`);
    expect(existsSync(join(work, 'cache'))).toBe(false);
    const early = runPulse(['tags', archive, '--as-of', '2024-01-01', '--no-cache', '--quiet']);
    expect(early.stderr).toMatch(/warning: --as-of 2024-01-01 is before the publish date of \d+ article\(s\), newest 2025-/);
  });
});
