/**
 * Every temporary file of a test run goes into one folder made for the run (TMPDIR points at it,
 * in this process and in every worker and child process it starts), removed when the run ends.
 * The run then fails if anything new named `pulse-*` is left in the real temporary folder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const real = tmpdir();
  const before = new Set(readdirSync(real).filter((name) => name.startsWith('pulse-')));
  const run = mkdtempSync(join(real, 'pulse-test-run-'));
  process.env.TMPDIR = run;
  return () => {
    process.env.TMPDIR = real;
    rmSync(run, { recursive: true, force: true });
    const left = readdirSync(real).filter((name) => name.startsWith('pulse-') && !before.has(name));
    if (left.length) {
      // vitest reports an error thrown here but still exits 0: set the exit code as well.
      process.stderr.write(`error: the tests left ${left.length} entries in ${real}: ${left.slice(0, 5).join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
