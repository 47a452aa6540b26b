/**
 * V8 settings for the CLI's own process. V8's optimizing compiler runs on background threads,
 * which a small machine takes from the notebooks and charts (docs/performance.md, "V8's
 * optimizing compiler"). Only the CLI sets them, as it starts: a program that imports
 * content-pulse keeps its own V8 settings, and a value given to node itself is kept. They are
 * set only on the V8 they were measured on (Node 20's): another may scale or name them
 * differently, and V8 prints an error for a flag it does not know.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 major version the flags were measured on (Node 20's), as process.versions.v8 begins. */
const MEASURED_V8 = '11.';

/** That V8's own default interrupt budget: how long a function runs before it is considered for optimizing. */
const DEFAULT_INTERRUPT_BUDGET = 67_584;

/**
 * The flags the CLI sets, by name:
 * - `wasm-tiering-budget` at its maximum: harfbuzz's subsetter (charts/fonts.ts), the only
 *   WebAssembly a run compiles, stays on baseline (Liftoff) code. Tiering it up to TurboFan cost
 *   ~0.5 s of CPU a report, for cuts (15–25 ms each) no faster.
 * - `interrupt-budget` at 4× V8's: a report runs much of vega's code and its own only briefly,
 *   in each worker thread anew, and optimizing all of it cost more than it saved. The hot loops
 *   of a large archive are still optimized.
 */
export const CLI_V8_FLAGS: Readonly<Record<string, number>> = {
  'wasm-tiering-budget': 2 ** 31 - 1,
  'interrupt-budget': 4 * DEFAULT_INTERRUPT_BUDGET,
};

/**
 * The CLI_V8_FLAGS that node's own arguments do not set, as V8 reads them; none on a V8 other
 * than the one they were measured on.
 * @param execArgv node's arguments before the script @default process.execArgv
 * @param v8Version @default process.versions.v8
 * @example cliV8Flags(['--interrupt_budget=1000'], '11.3.244.8') // ['--wasm-tiering-budget=2147483647']
 */
export function cliV8Flags(execArgv: readonly string[] = process.execArgv, v8Version = process.versions.v8): string[] {
  if (!v8Version.startsWith(MEASURED_V8)) return [];
  // V8 takes a flag's name with dashes or underscores.
  const given = new Set(execArgv.map((arg) => /^--([\w-]+)/.exec(arg)?.[1]?.replaceAll('_', '-')));
  return Object.entries(CLI_V8_FLAGS).filter(([name]) => !given.has(name)).map(([name, value]) => `--${name}=${value}`);
}

/**
 * Sets cliV8Flags in this process; before the work they tune starts (they apply to code compiled
 * and functions run from then on, in every thread).
 * @example setCliV8Flags() // first thing in the CLI's entry
 */
export function setCliV8Flags(): void {
  for (const flag of cliV8Flags()) setFlagsFromString(flag);
}
