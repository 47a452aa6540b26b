/**
 * The live preview's save-to-reload time: `pulse preview` (the built CLI, a new process) serves a
 * copy of analyses/tags.ts; the notebook file is saved again and again, and each time is taken
 * from the save to the moment the reloaded page has arrived (the server's reload event, then a
 * fetch of the page). Usage: tsx bench/preview.ts ARCHIVE [SAVES]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export interface PreviewTiming {
  startMs: number;
  savesMs: number[];
}

/** Starts the preview on `archive`, saves the notebook `saves` times, and stops it. */
export async function timePreview(archive: string, saves = 7): Promise<PreviewTiming> {
  const folder = mkdtempSync(join(tmpdir(), 'pulse-bench-preview-'));
  const notebook = join(folder, 'tags.ts');
  const source = readFileSync(join(ROOT, 'analyses/tags.ts'), 'utf8').replace("'../src/index.ts'", "'content-pulse'");
  writeFileSync(notebook, source);
  const started = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'preview', notebook, archive, '--port', '0', '--quiet', '--cache', join(folder, 'cache')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  try {
    const url = await new Promise<string>((done, fail) => {
      const timer = setInterval(() => {
        const match = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) { clearInterval(timer); done(match[1]!); }
      }, 5);
      child.once('exit', (code) => { clearInterval(timer); fail(new Error(`preview exited with ${code}`)); });
    });
    const startMs = Math.round(performance.now() - started);
    const events = await fetch(`${url}__pulse/events`);
    const reader = events.body!.getReader();
    const savesMs: number[] = [];
    for (let i = 1; i <= saves; i++) {
      const saved = performance.now();
      writeFileSync(notebook, `${source}// save ${i}\n`);
      for (let seen = ''; !seen.includes('event: reload');) seen += new TextDecoder().decode((await reader.read()).value);
      const page = await (await fetch(url)).text();
      if (!page.includes('<h1>Tags</h1>')) throw new Error('the reloaded page is not the tags notebook');
      savesMs.push(Math.round(performance.now() - saved));
      await new Promise((done) => setTimeout(done, 100));
    }
    await reader.cancel();
    return { startMs, savesMs };
  } finally {
    child.kill('SIGINT');
    await new Promise((done) => child.once('exit', done));
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const timing = await timePreview(resolve(process.argv[2]!), Number(process.argv[3] ?? 7));
  console.log(JSON.stringify(timing));
}
