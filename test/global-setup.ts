/**
 * Every temporary file of a test run goes into one folder made for the run (TMPDIR points at it,
 * in this process and in every worker and child process it starts), removed when the run ends.
 * The run then fails if anything new named `pulse-*` is left in the real temporary folder
 * (another run's own folder aside: two checkouts may run their suites at once), or if the
 * checkout's own parse cache (`.pulse-cache`, where pulse caches by default) has new entries.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUN_PREFIX = 'pulse-test-run-';
const CHECKOUT_CACHE = resolve(import.meta.dirname, '..', '.pulse-cache');

const entriesOf = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

export default function setup(): () => void {
  const real = tmpdir();
  const before = new Set(readdirSync(real).filter((name) => name.startsWith('pulse-')));
  const cachedBefore = new Set(entriesOf(CHECKOUT_CACHE));
  const run = mkdtempSync(join(real, RUN_PREFIX));
  process.env.TMPDIR = run;
  return () => {
    process.env.TMPDIR = real;
    rmSync(run, { recursive: true, force: true });
    const left = readdirSync(real).filter((name) => name.startsWith('pulse-') && !name.startsWith(RUN_PREFIX) && !before.has(name));
    if (left.length) {
      // vitest reports an error thrown here but still exits 0: set the exit code as well.
      process.stderr.write(`error: the tests left ${left.length} entries in ${real}: ${left.slice(0, 5).join(', ')}\n`);
      process.exitCode = 1;
    }
    const cached = entriesOf(CHECKOUT_CACHE).filter((name) => !cachedBefore.has(name));
    if (cached.length) {
      process.stderr.write(`error: the tests left ${cached.length} entries in ${CHECKOUT_CACHE}: ${cached.slice(0, 5).join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
