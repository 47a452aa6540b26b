/** Runs the real `pulse` CLI in a child process (exit codes, stdout, stderr as a user sees them). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = resolve(import.meta.dirname, '../../src/cli.ts');
// tsx's loader by URL, so the CLI starts from any working folder.
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command run as another user, through setpriv (tests of permissions, run as root). */
function asUser(uid: number, command: string[]): string[] {
  return ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...command];
}

let scratch: string | undefined;

/**
 * The working folder of a run given none: a temporary one (inside the test run's, removed with
 * it), so that what pulse writes by default beside the user — the parse cache `.pulse-cache`,
 * a relative `--out` — never lands in the checkout.
 */
export function scratchFolder(): string {
  return (scratch ??= mkdtempSync(join(tmpdir(), 'pulse-test-cwd-')));
}

/** Runs pulse (in `cwd`, by default a scratch folder); with `uid`, as that user (see canRunPulseAs). */
export function runPulse(args: string[], cwd = scratchFolder(), env: Record<string, string> = {}, uid?: number): CliRun {
  const command = [process.execPath, '--import', TSX, CLI, ...args];
  const [program, ...rest] = uid === undefined ? command : asUser(uid, command);
  const run = spawnSync(program!, rest, { encoding: 'utf8', cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Whether runPulse can run as that user here: this process is root, setpriv is installed, and the
 * user can read the CLI and tsx (a checkout inside a folder only its owner may enter, such as
 * /root or a `mktemp -d` folder, cannot be run as anyone else).
 */
export function canRunPulseAs(uid: number): boolean {
  if (process.getuid?.() !== 0) return false;
  return [CLI, fileURLToPath(TSX)].every((file) => {
    const [program, ...rest] = asUser(uid, ['test', '-r', file]);
    return spawnSync(program!, rest, { stdio: 'ignore' }).status === 0;
  });
}
