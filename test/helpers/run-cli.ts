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

export function runPulse(args: string[], cwd?: string, env: Record<string, string> = {}): CliRun {
  const run = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}
