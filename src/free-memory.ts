/**
 * Memory a report gives back between its notebooks, once it is large: the garbage collected at
 * once, then the pages the C allocator keeps free returned to the system.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { giveBackFreeMemory } from './load/native.ts';

/**
 * From this resident size on, a report gives memory back between its notebooks (a million
 * articles take 0.8–1.2 GB): each notebook's garbage then does not add to the next one's peak.
 * Below it there is little to give back, and the next notebook would pay to fault the pages in
 * again (a 100,000-article report: ~15 ms a call, 0.1–0.2 s in all).
 */
const GIVE_BACK_FROM_BYTES = 512 << 20;

let collect: (() => void) | null | undefined;

/** V8's own count of collections a used map (hidden class) is kept through (--retain-maps-for-n-gc). */
const RETAIN_MAPS_DEFAULT = 2;

/**
 * A full garbage collection now, where the engine lets one be asked for. The large arrays a
 * notebook (or, after the last one, the article table) leaves behind are garbage that a small
 * JavaScript heap gives the collector no reason to look at soon: a million articles' table
 * stayed resident through the pages and PNGs, ~0.1 GB of a report's peak. A collection the
 * engine had already begun is finished instead, with what it had found live when it began: that
 * goes at the next call.
 * @returns whether a collection ran
 * @example collectGarbage() // after the last reference to a large table is dropped
 */
export function collectGarbage(): boolean {
  if (collect === undefined) {
    try {
      // The engine's own gc function, which a flag exposes to contexts made after it is set.
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  if (!collect) return false;
  // V8 keeps the maps that optimized code used through a few collections, counted down only
  // while the map's prototype lives: one whose prototype died is kept, with that prototype and
  // all it references, until a collection that reduces memory, which nothing here asks for. At
  // a million articles that held the article table (~0.4 GB resident) through the pages and
  // PNGs in about four reports out of ten. This collection keeps no such map.
  setFlagsFromString('--retain-maps-for-n-gc=0');
  try {
    collect();
  } finally {
    setFlagsFromString(`--retain-maps-for-n-gc=${RETAIN_MAPS_DEFAULT}`);
  }
  return true;
}

/**
 * Whether the process holds `fromBytes` or more (resident).
 * @param fromBytes @default GIVE_BACK_FROM_BYTES
 */
export function isLarge(fromBytes = GIVE_BACK_FROM_BYTES): boolean {
  return process.memoryUsage.rss() >= fromBytes;
}

/**
 * When the process holds GIVE_BACK_FROM_BYTES or more: a full collection, then the allocator's
 * free pages given back (giveBackFreeMemory). Else nothing.
 * @example giveBackWhenLarge() // between two notebooks
 */
export function giveBackWhenLarge(): void {
  if (!isLarge()) return;
  collectGarbage();
  giveBackFreeMemory();
  arraysAfterCollecting = process.memoryUsage().arrayBuffers;
}

/**
 * Array memory grown since the last collection here, from which an analysis about to make arrays
 * a row long collects first (collectBeforeRowArrays).
 */
const GROWN_BYTES = 32 << 20;

let arraysAfterCollecting = 0;

/**
 * Before an analysis that makes several arrays a row long, in a large process whose array memory
 * has grown by GROWN_BYTES since the last collection here: giveBackWhenLarge. The engine frees an
 * array once a collection finds it unreachable, and a small JavaScript heap gives it few reasons
 * to collect: within a notebook of a million articles, one analysis' arrays (garbage once it
 * returns) stayed resident under the next one's, ~0.1 GB of a report's peak. A collection then
 * costs 25–50 ms, hence the growth it waits for.
 * @example collectBeforeRowArrays() // first thing in compareGroups
 */
export function collectBeforeRowArrays(): void {
  if (process.memoryUsage().arrayBuffers - arraysAfterCollecting >= GROWN_BYTES) giveBackWhenLarge();
}

/** JavaScript heap grown since the last collection by collectWhenHeapGrown, from which it collects. */
const HEAP_GROWN_BYTES = 16 << 20;

let heapAfterCollecting = 0;

/**
 * In a large process, a full collection of this thread's heap once it has grown by
 * HEAP_GROWN_BYTES since the last one here. For a thread beside the notebooks that allocates in
 * bursts and keeps little: the chart renderer's garbage from a million articles' 21 charts grew
 * its heap from ~15 to ~55 MB before the engine collected it, through the report's peak. A
 * collection of that heap costs ~10–20 ms; a small report never reaches it.
 * @param largeFromBytes the resident size from which the process is large @default GIVE_BACK_FROM_BYTES (as isLarge)
 * @returns whether a collection ran
 * @example collectWhenHeapGrown() // after each chart a thread renders
 */
export function collectWhenHeapGrown(largeFromBytes = GIVE_BACK_FROM_BYTES): boolean {
  if (getHeapStatistics().used_heap_size - heapAfterCollecting < HEAP_GROWN_BYTES || !isLarge(largeFromBytes)) return false;
  const collected = collectGarbage();
  heapAfterCollecting = getHeapStatistics().used_heap_size;
  return collected;
}
