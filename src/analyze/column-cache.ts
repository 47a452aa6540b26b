/**
 * Caches of what analyses make from a table's columns (decoded text, groups of rows, codes, logs,
 * shared copies), kept by the column or group they come from, so that they go when it goes. Each
 * is cheap to make again next to what it saves within a notebook, and a report of a million
 * articles would otherwise keep every one through all its notebooks (~0.1 GB by its last): between
 * notebooks a large report drops those the notebook just run did not read (dropUnreadCaches), so
 * that what stays follows what the notebooks in turn use. Dropping never changes a result.
 */

/** A cached value and the round (see dropUnreadCaches) it was last made or read in. */
interface Kept<V> {
  value: V | undefined;
  round: number;
}

let round = 0;
// Every value still cached, to find those unread; an entry whose key has gone is collected with
// it (only the WeakMap holds it) and leaves an empty reference here, removed at the next drop or
// once the references have doubled (a process that is never large, such as a live preview
// reloading its tables, drops nothing).
const cached = new Set<WeakRef<Kept<unknown>>>();
let sweepAt = 64;

function sweepEmpty(): void {
  for (const ref of cached) if (ref.deref()?.value === undefined) cached.delete(ref);
  sweepAt = 2 * cached.size + 64;
}

/**
 * A WeakMap of values made from a column (or another object of a table) that a large report may
 * drop between notebooks; `get` then gives undefined and the caller makes the value again.
 * @example const logs = new ColumnCache<Float64Array, Float64Array>(); logs.get(column) ?? logs.set(column, toLogs(column))
 */
export class ColumnCache<K extends object, V> {
  private readonly entries = new WeakMap<K, Kept<V>>();

  /** The value kept for `key`, or undefined (never made, or dropped). */
  get(key: K): V | undefined {
    const kept = this.entries.get(key);
    if (kept?.value === undefined) return undefined;
    kept.round = round;
    return kept.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Keeps `value` for `key`, and gives it back. */
  set(key: K, value: V): V {
    const kept: Kept<V> = { value, round };
    this.entries.set(key, kept);
    cached.add(new WeakRef(kept));
    if (cached.size >= sweepAt) sweepEmpty();
    return value;
  }
}

/**
 * Drops every cached value not made or read since the previous call (in a report: by the
 * notebook just run), so that the next collection can free it.
 * @returns how many values were dropped
 * @example dropUnreadCaches() // between two notebooks of a large report
 */
export function dropUnreadCaches(): number {
  let dropped = 0;
  for (const ref of cached) {
    const kept = ref.deref();
    if (kept?.value === undefined) cached.delete(ref);
    else if (kept.round < round) {
      kept.value = undefined;
      cached.delete(ref);
      dropped++;
    }
  }
  round++;
  return dropped;
}
