/**
 * pulse preview, driven as a person does: open the page, save the notebook, see the page reload
 * with the new content; a notebook that throws shows its error and the server stays up; the
 * server listens on 127.0.0.1 only; Ctrl-C stops it cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';

const CLI = resolve(import.meta.dirname, '../../src/cli.ts');

const notebook = (heading: string) => `import { createNotebook, count, type NotebookInput } from 'content-pulse';
import { label } from './label.ts';
export default function (input: NotebookInput) {
  return createNotebook('Live').markdown(\`# \${label('${heading}')}\\n\\n\${count(input.articles.numRows())} articles\`);
}
`;

/** Waits until `read()` returns something, or fails after `ms`. */
async function until<T>(read: () => T | undefined, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Reads a server-sent event stream into `events` until aborted. */
function listen(url: string, events: string[], abort: AbortController): Promise<void> {
  return fetch(url, { signal: abort.signal }).then(async (response) => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      events.push(...decoder.decode(value).split('\n').filter((line) => line.startsWith('event: ')));
    }
  }).catch(() => {});
}

describe('pulse preview', () => {
  let archive: string;
  let folder: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let url: string;
  const abort = new AbortController();

  beforeAll(async () => {
    archive = hostileArchive();
    folder = writeTree({ 'live.ts': notebook('Version 1'), 'label.ts': 'export const label = (text: string): string => text.toUpperCase();\n' });
    child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, 'preview', join(folder, 'live.ts'), archive, '--port', '0', '--no-cache', '--quiet'], { cwd: folder });
    child.stdout!.on('data', (chunk) => { stdout += chunk; });
    child.stderr!.on('data', (chunk) => { stderr += chunk; });
    url = await until(() => /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1], 30_000, 'the preview to start');
  }, 60_000);

  afterAll(() => {
    abort.abort();
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
    rmSync(archive, { recursive: true, force: true });
  });

  it('serves the notebook with its live-reload script', async () => {
    const page = await (await fetch(url)).text();
    expect(page).toContain('<h1>VERSION 1</h1>');
    expect(page).toContain("new EventSource('/__pulse/events')");
  });

  it('re-runs on save, of the notebook or of a module it imports, and tells the page to reload within 2 s', async () => {
    const events: string[] = [];
    void listen(`${url}__pulse/events`, events, abort);
    await new Promise((done) => setTimeout(done, 200));
    const saved = Date.now();
    writeFileSync(join(folder, 'live.ts'), notebook('Version 2'));
    await until(() => (events.includes('event: reload') ? true : undefined), 2_000, 'a reload event');
    expect(Date.now() - saved).toBeLessThan(2_000);
    expect(await (await fetch(url)).text()).toContain('<h1>VERSION 2</h1>');
    events.length = 0;
    writeFileSync(join(folder, 'label.ts'), 'export const label = (text: string): string => `[${text}]`;\n');
    await until(() => (events.includes('event: reload') ? true : undefined), 2_000, 'a reload event after editing an import');
    expect(await (await fetch(url)).text()).toContain('<h1>[Version 2]</h1>');
  });

  it('shows an error in the page with the file and line, stays up, and recovers on the next good save', async () => {
    const events: string[] = [];
    void listen(`${url}__pulse/events`, events, abort);
    await new Promise((done) => setTimeout(done, 200));
    writeFileSync(join(folder, 'live.ts'), "import type { NotebookInput } from 'content-pulse';\nexport default function (input: NotebookInput) {\n  throw new Error('<b>broken</b> on purpose');\n}\n");
    await until(() => (events.includes('event: reload') ? true : undefined), 2_000, 'a reload event');
    const page = await (await fetch(url)).text();
    expect(page).toContain('live.ts:3:9: &lt;b&gt;broken&lt;/b&gt; on purpose');
    expect(page).not.toContain('<b>broken</b>');
    expect(stderr).toMatch(/live\.ts:3:9: <b>broken<\/b> on purpose/);
    events.length = 0;
    writeFileSync(join(folder, 'live.ts'), notebook('Version 3'));
    await until(() => (events.includes('event: reload') ? true : undefined), 2_000, 'a reload event');
    expect(await (await fetch(url)).text()).toContain('<h1>[Version 3]</h1>');
  });

  it('listens on 127.0.0.1 only: nothing answers on the other addresses', async () => {
    const port = Number(new URL(url).port);
    // The kernel's table of listening sockets: the port is bound to 127.0.0.1 (0100007F), nowhere else.
    const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1).map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && parseInt(f[1]!.split(':')[1]!, 16) === port).map((f) => f[1]!.split(':')[0]);
    expect(listening).toEqual(['0100007F']);
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal && a.family === 'IPv4').map((a) => a!.address);
    for (const address of others) {
      const refused = await new Promise<boolean>((done) => {
        const socket = connect({ host: address, port }, () => { socket.destroy(); done(false); });
        socket.on('error', () => done(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('stops cleanly on Ctrl-C: exit 0, no stack trace', async () => {
    child.kill('SIGINT');
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    expect(code).toBe(0);
    expect(stdout).toContain('preview stopped');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
