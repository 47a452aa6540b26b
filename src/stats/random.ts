/**
 * Seeded randomness, so bootstraps and generated data are reproducible run to run.
 */

/**
 * mulberry32: a small, fast generator of uniform numbers in [0, 1).
 * @example const random = seededRandom(42); random() // always the same first value
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => uniformOf((state = nextRandomState(state)));
}

/**
 * mulberry32's step, for loops that keep the state in a local variable (no closure call per draw):
 * `state = nextRandomState(state); uniformOf(state)` gives the values `seededRandom` gives.
 */
export function nextRandomState(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

/** mulberry32's uniform number in [0, 1) for a state. */
export function uniformOf(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A stable 32-bit seed from text (FNV-1a), so each group gets its own reproducible stream. */
export function seedFromText(text: string, base = 0): number {
  let hash = 0x811c9dc5 ^ base;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
