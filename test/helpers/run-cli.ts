/** Runs the real `pulse` CLI in a child process (exit codes, stdout, stderr as a user sees them). */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../../src/cli.ts');
// tsx's loader by URL, so the CLI starts from any working folder.
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs pulse; with `uid`, as that user (through setpriv, for tests of permissions run as root). */
export function runPulse(args: string[], cwd?: string, env: Record<string, string> = {}, uid?: number): CliRun {
  const command = [process.execPath, '--import', TSX, CLI, ...args];
  const asUser = uid === undefined ? command : ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', ...command];
  const run = spawnSync(asUser[0]!, asUser.slice(1), { encoding: 'utf8', cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
