/**
 * The live preview: serves one notebook (or every notebook of a folder) on 127.0.0.1 only, keeps
 * the article table in memory, re-runs a notebook when one of its files is saved, reloads the
 * articles when an input changes, and tells open pages to reload (server-sent events).
 *
 * Stages of a change: file event → (debounce) → re-import and re-run the notebooks that use the
 * file → render → store the rendered files → send `reload` to every open page.
 */
import { type FSWatcher, watch } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { importNotebook } from '../notebooks/import-notebook.ts';
import { NotebookError, notebookErrorFrom } from '../notebooks/notebook-error.ts';
import { isNotebookName, notebookFiles, withoutHelpers } from '../notebooks/notebook-files.ts';
import { runNotebook } from '../notebooks/run-notebook.ts';
import { safeFileName } from '../report/escape.ts';
import type { NotebookInput } from '../report/input.ts';
import { reportAssets } from '../report/assets.ts';
import { renderNotebook, type RenderedFiles } from '../report/render.ts';
import { errorPage, EVENTS_PATH, folderPage, withReload } from './pages.ts';

/** The only address the preview listens on: this machine, never the network. */
export const PREVIEW_HOST = '127.0.0.1';

export interface PreviewOptions {
  /** A notebook file, or a folder of notebook files. */
  target: string;
  /** Loads and prepares the articles (at start, and again when an input changes). */
  load: () => Promise<NotebookInput>;
  /** Input files and folders to watch. @default none */
  inputs?: readonly string[];
  /** Port to try first; the next free one is taken when it is in use (0: any free port). @default 3000 */
  port?: number;
  /** One line per event (re-runs, errors). @default silent */
  log?: (line: string) => void;
  /** Milliseconds to wait for more file events before acting. @default 25 (notebooks), 300 (inputs) */
  debounce?: { notebooks?: number; inputs?: number };
}

export interface PreviewServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  address: AddressInfo;
  /** Resolves after the re-run that follows a change has been sent to the pages (for tests). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

interface NotebookState {
  name: string;
  file: string;
  title: string;
  sources: string[];
  files?: RenderedFiles;
  error?: NotebookError;
  /** Milliseconds of the last run. */
  ms: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png',
};

/**
 * Starts the preview server.
 * @example const server = await startPreview({ target: 'notebooks/mine.ts', load: () => prepared, port: 0 });
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const { log = () => {} } = options;
  const target = resolve(options.target);
  const folderMode = !isNotebookName(basename(target)) || extname(target) === '';
  const notebooks = new Map<string, NotebookState>();
  const clients = new Set<ServerResponse>();
  /** Files of the folder that other notebooks import: not run as notebooks. */
  const helpers = new Set<string>();
  let input = await options.load();
  const assets = reportAssets();
  let work: Promise<void> = Promise.resolve();

  const nameOf = (file: string) => (folderMode ? safeFileName(basename(file, extname(file))) : '');

  async function runOne(file: string): Promise<NotebookState> {
    const state: NotebookState = { name: nameOf(file), file, title: basename(file), sources: notebooks.get(nameOf(file))?.sources ?? [file], ms: 0 };
    const start = performance.now();
    try {
      const imported = await importNotebook(file);
      state.sources = imported.sources;
      const notebook = await runNotebook(imported.run, input, file, imported.sources);
      state.title = notebook.title;
      // The page and what it links to; no workbook (a preview is looked at, not sent).
      state.files = await renderNotebook(notebook, () => {}, { page: { assets: folderMode ? '../assets/' : 'assets/' }, xlsx: false });
    } catch (error) {
      state.error = notebookErrorFrom(error, file, state.sources);
    }
    state.ms = Math.round(performance.now() - start);
    notebooks.set(state.name, state);
    return state;
  }

  /** Runs these files; files another notebook imports are helpers: dropped, not reported. */
  async function runFiles(files: readonly string[]): Promise<void> {
    const ran: NotebookState[] = [];
    for (const file of files) ran.push(await runOne(file));
    const kept = new Set(withoutHelpers([...notebooks.values()]));
    helpers.clear();
    for (const [name, state] of notebooks) {
      if (kept.has(state)) continue;
      notebooks.delete(name);
      helpers.add(state.file);
    }
    for (const state of ran.filter((s) => kept.has(s))) log(state.error ? `error: ${state.error.message}` : `ran ${basename(state.file)} in ${state.ms} ms`);
  }

  function listFiles(): string[] {
    try {
      return folderMode ? notebookFiles(target) : [target];
    } catch {
      return [];
    }
  }

  async function runAll(): Promise<void> {
    const files = listFiles();
    for (const name of [...notebooks.keys()]) if (!files.some((f) => nameOf(f) === name)) notebooks.delete(name);
    await runFiles(files);
  }

  function broadcast(): void {
    for (const client of clients) client.write(`event: reload\ndata: ${Date.now()}\n\n`);
  }

  // Changes are handled one batch at a time, in order.
  const enqueue = (task: () => Promise<void>) => {
    work = work.then(task).then(broadcast, (error) => log(`error: ${(error as Error).message}`));
  };

  await runAll();

  // Notebook files: the folders that hold the notebooks and the files they import.
  const changed = new Set<string>();
  let notebookTimer: NodeJS.Timeout | undefined;
  const onNotebookEvent = (folder: string) => (_event: string, name: string | Buffer | null) => {
    if (name === null || String(name).startsWith('.')) return;
    changed.add(join(folder, String(name)));
    clearTimeout(notebookTimer);
    notebookTimer = setTimeout(() => {
      const paths = [...changed];
      changed.clear();
      enqueue(async () => {
        const listed = listFiles();
        const affected = listed.filter((file) => paths.includes(file) || notebooks.get(nameOf(file))?.sources.some((s) => paths.includes(s)) || (!notebooks.has(nameOf(file)) && !helpers.has(file)));
        for (const name of [...notebooks.keys()]) if (!listed.some((f) => nameOf(f) === name)) notebooks.delete(name);
        await runFiles(affected);
        watchSourceFolders();
      });
    }, options.debounce?.notebooks ?? 25);
  };
  const folderWatchers = new Map<string, FSWatcher>();
  function watchSourceFolders(): void {
    const folders = new Set([folderMode ? target : dirname(target)]);
    for (const state of notebooks.values()) for (const source of state.sources) if (!source.includes('/node_modules/')) folders.add(dirname(source));
    for (const folder of folders) {
      if (folderWatchers.has(folder)) continue;
      try {
        folderWatchers.set(folder, watch(folder, onNotebookEvent(folder)));
      } catch (error) {
        log(`cannot watch ${folder}: ${(error as Error).message}`);
      }
    }
  }
  watchSourceFolders();

  // Inputs: reload the articles (through the cache) and re-run everything.
  let inputTimer: NodeJS.Timeout | undefined;
  const inputWatchers: FSWatcher[] = [];
  for (const path of options.inputs ?? []) {
    try {
      inputWatchers.push(watch(path, { recursive: true }, (_event, name) => {
        if (name !== null && String(name).split(/[\\/]/).some((part) => part.startsWith('.'))) return;
        clearTimeout(inputTimer);
        inputTimer = setTimeout(() => enqueue(async () => {
          log('input changed: reloading the articles');
          input = await options.load();
          await runAll();
        }), options.debounce?.inputs ?? 300);
      }));
    } catch (error) {
      log(`cannot watch ${path}: ${(error as Error).message}`);
    }
  }

  function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    response.end(body);
  }

  function notebookPage(state: NotebookState, rest: string, response: ServerResponse): void {
    if (state.error) return send(response, 200, TYPES['.html']!, errorPage(basename(state.file), state.error.message, state.error.detail));
    const file = rest === '' ? 'index.html' : rest;
    const body = state.files?.get(file);
    if (body === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    send(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', file === 'index.html' && typeof body === 'string' ? withReload(body) : body);
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'only GET\n');
    if (path === EVENTS_PATH) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    const asset = assets.get(path.slice(1));
    if (asset !== undefined) return send(response, 200, TYPES[extname(path)] ?? 'text/plain; charset=utf-8', asset);
    if (!folderMode) return notebookPage(notebooks.get('')!, path.slice(1), response);
    if (path === '/') {
      const list = [...notebooks.values()].map((n) => ({ name: n.name, title: n.title, failed: Boolean(n.error) }));
      return send(response, 200, TYPES['.html']!, folderPage(basename(target), list));
    }
    const [, name = '', ...rest] = path.split('/');
    const state = notebooks.get(name);
    if (!state) return send(response, 404, 'text/plain; charset=utf-8', 'no such notebook\n');
    if (rest.length === 0) {
      response.writeHead(302, { location: `/${encodeURIComponent(name)}/` });
      return void response.end();
    }
    notebookPage(state, rest.join('/'), response);
  }

  const server = createServer(handle);
  const address = await listen(server, options.port ?? 3000);
  const keepAlive = setInterval(() => { for (const client of clients) client.write(': keep-alive\n\n'); }, 15_000);
  keepAlive.unref();
  return {
    url: `http://${PREVIEW_HOST}:${address.port}/`,
    address,
    settled: () => new Promise((done) => setTimeout(() => void work.then(done), Math.max(options.debounce?.notebooks ?? 25, 0) + 5)),
    async close() {
      clearInterval(keepAlive);
      clearTimeout(notebookTimer);
      clearTimeout(inputTimer);
      for (const watcher of [...folderWatchers.values(), ...inputWatchers]) watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((done) => server.close(() => done()));
      await work;
    },
  };
}

/** Listens on 127.0.0.1 at `port`, or the next free port when it is taken. */
async function listen(server: ReturnType<typeof createServer>, port: number): Promise<AddressInfo> {
  for (let candidate = port, tries = 0; ; candidate++, tries++) {
    try {
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(candidate, PREVIEW_HOST, () => {
          server.off('error', fail);
          done();
        });
      });
      return server.address() as AddressInfo;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0 || tries >= 50) throw error;
    }
  }
}
