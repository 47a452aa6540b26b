/**
 * Replaces an output folder as a whole: every file is written into a private staging folder
 * beside it, which then takes the folder's place in one step, so a run killed at any moment
 * leaves the complete previous output or the complete new one, never a mix.
 *
 * Stages: sweep what killed runs left → make the staging folder (a caller may write files into it
 * as they are ready: stageFolder) → check the folder may be replaced → stage every other file →
 * take the folder's lock → swap (renameat2 RENAME_EXCHANGE through the native helper; two
 * renames where that is not available) → remove the old folder → release the lock.
 *
 * Names beside the folder (all starting with `.NAME.`, so a user's file is never touched):
 * `.NAME.tmp-PID-N` (staging), `.NAME.old-PID-N` (the previous folder during a two-rename swap),
 * `.NAME.lock` (who is swapping). A later run removes those of runs that are no longer alive,
 * and puts a previous folder back where a two-rename swap was cut off between its renames.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nativeFs } from '../load/native.ts';
import { asOutputError } from '../errors.ts';
import { deadLeftovers, escapeRegExp, processAlive } from './leftovers.ts';

/** The file every replaced folder holds, so a later run knows it may replace it. */
export const OUTPUT_MARKER = '.pulse-output';
const MARKER_TEXT = 'Written by content-pulse. The whole folder is replaced by the next run that writes here.\n';

/** A folder content-pulse will not replace: it holds files content-pulse did not write. */
export class ForeignFolderError extends Error {
  constructor(readonly folder: string, readonly entries: string[]) {
    super(`${folder} holds files content-pulse did not write (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): choose a new or empty folder, or remove it first`);
  }
}

/** Removes staging and old folders and the lock of dead runs beside `folder`; restores a previous folder cut off mid-swap. */
export function sweepLeftovers(folder: string): void {
  const parent = dirname(folder);
  const name = basename(folder);
  for (const entry of deadLeftovers(parent, new RegExp(`^\\.${escapeRegExp(name)}\\.(?:tmp|old)-(\\d+)-\\d+$`))) {
    const path = join(parent, entry);
    if (entry.includes('.old-') && !existsSync(folder)) renameSync(path, folder);
    else rmSync(path, { recursive: true, force: true });
  }
  const lockPath = join(parent, `.${name}.lock`);
  const holder = existsSync(lockPath) ? lockHolder(lockPath) : NaN;
  // An unreadable (empty) lock may be one being written this instant: lock() judges it by age.
  if (!Number.isNaN(holder) && !processAlive(holder)) rmSync(lockPath, { force: true });
}

/** The top-level names of a folder content-pulse may replace: empty, marked, or a report of ours. */
function checkReplaceable(folder: string, writing: ReadonlySet<string>): void {
  let entries: string[];
  try {
    if (!lstatSync(folder).isDirectory()) throw new ForeignFolderError(folder, [basename(folder)]);
    entries = readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER)) return;
  // A report written before the marker existed: only names a report has.
  const foreign = entries.filter((entry) => !writing.has(entry) && entry !== 'index.html' && entry !== 'index.md');
  if (foreign.length && !(entries.includes('index.html') && entries.includes('index.md'))) throw new ForeignFolderError(folder, foreign);
}

let staged = 0;

/** A test hook: PULSE_TEST_KILL_AT=write:N kills this process after the Nth staged file, swap before the swap. */
function killPoint(point: string): void {
  if (process.env.PULSE_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}

/** Milliseconds since a file was last written; 0 when it is gone. */
function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The process id in a lock file; NaN when it cannot be read. */
function lockHolder(path: string): number {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : NaN;
  } catch {
    return NaN;
  }
}

/** Takes `.NAME.lock` beside the folder, waiting while a live run holds it. */
async function lock(folder: string, onWait: (holder: number) => void): Promise<() => void> {
  const path = join(dirname(folder), `.${basename(folder)}.lock`);
  let told = false;
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        if (readFileSync(path, 'utf8').trim() === String(process.pid)) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockHolder(path);
    if (Number.isNaN(holder)) {
      // Gone, or created this instant and not yet written; empty for seconds: its run died there.
      if (ageMs(path) > 5_000) rmSync(path, { force: true });
      await new Promise((done) => setTimeout(done, 20));
      continue;
    }
    if (!processAlive(holder)) {
      rmSync(path, { force: true });
      continue;
    }
    if (!told) onWait(holder);
    told = true;
    await new Promise((done) => setTimeout(done, 50));
  }
}

export interface ReplaceOptions {
  /** Told once when another run is swapping the same folder and this one waits. @default silent */
  onWait?: (pid: number) => void;
}

/**
 * Replaces `folder` with exactly these files (paths relative to it), as a whole.
 * @throws ForeignFolderError when the folder holds files content-pulse did not write
 * @throws OutputError naming the folder when the system refuses a write (the previous folder stays)
 * @example await replaceFolder('output', new Map([['index.html', html]]))
 */
export async function replaceFolder(folder: string, files: ReadonlyMap<string, string | Uint8Array>, options: ReplaceOptions = {}): Promise<void> {
  const stage = stageFolder(folder);
  try {
    await stage.replace(files, options);
  } finally {
    stage.remove();
  }
}

/** A folder's replacement being staged (stageFolder). */
export interface FolderStage {
  /** The staging folder: what is written under it before `replace` is part of the new folder. */
  readonly path: string;
  /**
   * Writes these files (paths relative to the folder) beside those already staged, then puts the
   * staging folder in the folder's place.
   * @throws ForeignFolderError when the folder holds files content-pulse did not write
   * @throws OutputError naming the folder when the system refuses a write (the previous folder stays)
   */
  replace(files: ReadonlyMap<string, string | Uint8Array>, options?: ReplaceOptions): Promise<void>;
  /** Removes what is left of the staging folder (all of it unless `replace` has swapped it in). */
  remove(): void;
}

/**
 * Starts replacing `folder`: sweeps what killed runs left beside it and makes the private staging
 * folder, into which a caller may write large files as soon as they are ready (a report's
 * tables, while its next notebooks run), instead of holding them until the end. The previous
 * folder is untouched until `replace`; `remove` (always call it) drops the staging folder.
 * @param names the top-level names the new folder will hold, when known: the folder is then
 * checked at once, so that a run refuses a folder it may not replace before doing its work
 * (`replace` checks again with the names it writes) @default checked by `replace` only
 * @throws ForeignFolderError when `names` are given and the folder holds files content-pulse did not write
 * @throws OutputError naming the folder when the system refuses to make the staging folder
 * @example const stage = stageFolder('output'); try { writeFileSync(join(stage.path, 'big.csv'), csv); await stage.replace(files) } finally { stage.remove() }
 */
export function stageFolder(folder: string, names?: Iterable<string>): FolderStage {
  const parent = dirname(folder);
  const name = basename(folder);
  const staging = join(parent, `.${name}.tmp-${process.pid}-${staged++}`);
  try {
    mkdirSync(parent, { recursive: true });
    sweepLeftovers(folder);
    if (names) checkReplaceable(folder, new Set(names));
    mkdirSync(staging);
  } catch (error) {
    throw asOutputError(folder, error);
  }
  return {
    path: staging,
    async replace(files, options = {}) {
      try {
        checkReplaceable(folder, new Set([...files.keys()].map((path) => path.split('/')[0]!).concat(readdirSync(staging))));
        let written = 0;
        for (const [path, content] of [...files, [OUTPUT_MARKER, MARKER_TEXT] as const]) {
          mkdirSync(dirname(join(staging, path)), { recursive: true });
          writeFileSync(join(staging, path), content);
          killPoint(`write:${++written}`);
        }
        const release = await lock(folder, options.onWait ?? (() => {}));
        try {
          killPoint('swap');
          swap(staging, folder, join(parent, `.${name}.old-${process.pid}-${staged++}`));
        } finally {
          release();
        }
      } catch (error) {
        throw asOutputError(folder, error);
      }
    },
    remove() {
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

/** Puts `staging` in `folder`'s place; the previous folder ends up at `staging` (or is removed). */
function swap(staging: string, folder: string, old: string): void {
  if (existsSync(folder)) {
    const exchanged = nativeFs()?.exchangePaths(staging, folder);
    if (exchanged === 0) return;
    renameSync(folder, old);
    killPoint('between-renames');
    renameSync(staging, folder);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(staging, folder);
  }
}
