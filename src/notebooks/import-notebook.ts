/**
 * Imports a notebook file (`.ts`, `.mts`, `.js`, `.mjs`) with no build step by the user.
 *
 * esbuild bundles the notebook with the files it imports by relative path into one ES module
 * (types stripped, an inline source map), which is imported under a new name each time:
 * - the notebook always runs as an ES module, whatever its folder's package.json says;
 * - a re-import after an edit gets the edited files (the preview's reload), while packages stay
 *   the single instances already loaded;
 * - `content-pulse` (and `content-pulse/danfo`) is this running copy of the library, so the
 *   tables a notebook receives and the functions it calls come from one arquero;
 * - stack traces point into the notebook's own files and lines.
 * Other packages are imported as the notebook's folder resolves them: the bundle is written
 * beside the notebook as a hidden file and removed as soon as it is loaded.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../package-root.ts';
import type { NotebookFunction } from '../report/input.ts';
import { displayPath, NotebookError, notebookErrorFrom } from './notebook-error.ts';

/** File extensions a notebook may have. */
export const NOTEBOOK_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** A notebook module, imported. */
export interface ImportedNotebook {
  /** The notebook's absolute path. */
  file: string;
  /** Its default export. */
  run: NotebookFunction;
  /** Every file of the notebook's own (it and what it imports by relative path): what to watch. */
  sources: string[];
}

/** The module files behind `content-pulse` and `content-pulse/danfo` in this running copy. */
function libraryEntries(): Record<string, string> {
  const root = packageRoot();
  // Run from TypeScript (tsx), the library is src/; run from the bundle, it is dist/.
  const fromSource = import.meta.url.endsWith('.ts');
  return fromSource
    ? { 'content-pulse': join(root, 'src/index.ts'), 'content-pulse/danfo': join(root, 'src/danfo.ts') }
    : { 'content-pulse': join(root, 'dist/index.js'), 'content-pulse/danfo': join(root, 'dist/danfo.js') };
}

let loads = 0;

/**
 * Imports a notebook file and checks that its default export is a function.
 * @throws NotebookError with the file and line for a syntax error, an error thrown while the
 *   module loads, or a default export that is not a function
 * @example const { run } = await importNotebook('notebooks/weekend.ts'); const nb = await run(input);
 */
export async function importNotebook(path: string): Promise<ImportedNotebook> {
  const file = resolve(path);
  if (!existsSync(file)) throw new NotebookError(`${displayPath(path)}: no such notebook file`, path);
  if (!(NOTEBOOK_EXTENSIONS as readonly string[]).includes(extname(file))) {
    throw new NotebookError(`${displayPath(path)}: a notebook is a ${NOTEBOOK_EXTENSIONS.join(', ')} file`, path);
  }
  const { build } = await import('esbuild');
  const entries = libraryEntries();
  let bundle;
  try {
    bundle = await build({
      entryPoints: [file], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20',
      sourcemap: 'inline', sourcesContent: false, metafile: true, logLevel: 'silent', packages: 'external',
      outfile: join(dirname(file), 'notebook.mjs'),
      plugins: [{
        name: 'content-pulse',
        setup(b) {
          b.onResolve({ filter: /^content-pulse(\/danfo)?$/ }, (args) => ({ path: pathToFileURL(entries[args.path]!).href, external: true }));
        },
      }],
    });
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
    if (first) {
      const at = first.location ? `${displayPath(first.location.file)}:${first.location.line}:${first.location.column + 1}` : displayPath(path);
      throw new NotebookError(`${at}: ${first.text}`, path);
    }
    throw error;
  }
  const cwd = process.cwd();
  const sources = Object.keys(bundle.metafile.inputs).map((input) => resolve(cwd, input));
  const code = bundle.outputFiles[0]!.text;
  process.setSourceMapsEnabled(true);
  const module = await importCode(code, file);
  const run = (module as { default?: unknown }).default;
  if (typeof run !== 'function') {
    throw new NotebookError(`${displayPath(path)}: the default export must be a function (input) => Notebook; add \`export default function (input: NotebookInput) { … }\``, path);
  }
  return { file, run: run as NotebookFunction, sources };
}

/** Imports bundled code as a module under a new name beside `file`, then removes the file. */
async function importCode(code: string, file: string): Promise<unknown> {
  const temporary = join(dirname(file), `.${basename(file)}.pulse-${process.pid}-${loads++}.mjs`);
  writeFileSync(temporary, code);
  try {
    return await import(pathToFileURL(temporary).href);
  } catch (error) {
    throw notebookErrorFrom(error, file, [file]);
  } finally {
    rmSync(temporary, { force: true });
  }
}
