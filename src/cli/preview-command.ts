/**
 * `pulse preview NOTEBOOK_OR_DIR [PATH...] [--port N] [--open]`: the live preview. Runs until
 * Ctrl-C, which stops it cleanly (exit 0).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { prepareNotebookInput } from '../report/input.ts';
import { startPreview } from '../preview/server.ts';
import { CliError } from './errors.ts';
import { loadInput } from './load-input.ts';
import { resolveRun } from './report-options.ts';

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`pulse: could not open a browser; open ${url} yourself\n`));
  child.unref();
}

/** Runs `pulse preview` until interrupted; returns the exit code. */
export async function previewCommand(target: string, paths: string[], flags: Record<string, unknown>): Promise<number> {
  if (!existsSync(target)) throw new CliError(`${target}: no such notebook file or folder`);
  const port = Number(flags.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a whole number from 0 to 65535, got ${String(flags.port)}`);
  const run = resolveRun(paths, flags);
  let first = true;
  const load = async () => {
    const loaded = await loadInput(run.inputs, { asOf: run.asOf, quiet: !first || Boolean(flags.quiet), cache: flags.cache as string | false, filter: run.filter, ...(flags.groups ? { groups: String(flags.groups) } : {}) });
    first = false;
    return prepareNotebookInput(loaded, run.notebookOptions);
  };
  const log = (line: string) => process.stderr.write(`pulse preview: ${line}\n`);
  const server = await startPreview({ target, load, inputs: run.inputs, port, log });
  process.stdout.write(`previewing ${target} at ${server.url} (Ctrl-C to stop)\n`);
  if (flags.open) openInBrowser(server.url);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write('preview stopped\n');
  return 0;
}
