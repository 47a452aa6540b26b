/**
 * Size and modification time of many files, the cache's key: through the native helper when it is
 * built (threads of its own), else on the calling thread, or split with worker threads by the
 * caller (a stat costs ~5 µs here through Node; 100,000 of them were half a warm load).
 */
import { statSync } from 'node:fs';
import { valuesAt } from '../../arrays.ts';
import { nativeFs } from '../native.ts';

/** Sizes and modification times; -1 for a file that vanished or cannot be read (parsing it says why). */
export interface FileStamps {
  size: Float64Array;
  mtimeMs: Float64Array;
}

/** Paths from which the native helper's threads pay for their start. */
const NATIVE_THREADS_FROM = 4096;

/**
 * Stamps of the paths: by the native helper when it is built (on up to `threads` threads), else
 * on this thread.
 */
export function statPaths(paths: readonly string[], threads = 1): FileStamps {
  const size = new Float64Array(paths.length);
  const mtimeMs = new Float64Array(paths.length);
  const native = nativeFs();
  if (native) {
    native.statPaths(paths, size, mtimeMs, paths.length >= NATIVE_THREADS_FROM ? threads : 1);
    return { size, mtimeMs };
  }
  for (let i = 0; i < paths.length; i++) {
    let info;
    try {
      info = statSync(paths[i]!, { throwIfNoEntry: false });
    } catch {
      info = undefined;
    }
    size[i] = info ? info.size : -1;
    mtimeMs[i] = info ? info.mtimeMs : -1;
  }
  return { size, mtimeMs };
}

/** The stamps at these positions, in their order. */
export function pickStamps(stamps: FileStamps, positions: ArrayLike<number>): FileStamps {
  return { size: valuesAt(stamps.size, positions), mtimeMs: valuesAt(stamps.mtimeMs, positions) };
}
