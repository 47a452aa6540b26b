/**
 * The file a worker thread runs, and the limits the threads beside a report's notebooks start
 * with. Under tsx (tests, `npm run pulse`) the file is the TypeScript source, started through a
 * small `NAME-tsx.mjs` beside it that registers tsx in the new thread; in the built package it is
 * the bundle's own entry, `dist/NAME.js`.
 */

/**
 * The script of worker `name`, seen from the module that starts it.
 * @param moduleUrl the starting module's `import.meta.url` (its source sits beside the worker's)
 * @example new Worker(workerScript(import.meta.url, 'parse-worker'))
 */
export function workerScript(moduleUrl: string, name: string): URL {
  if (moduleUrl.endsWith('.ts')) return new URL(`./${name}-tsx.mjs`, moduleUrl);
  // Bundled, the starting module is an entry in dist/ or a shared chunk in dist/chunks/.
  return new URL(moduleUrl.includes('/chunks/') ? `../${name}.js` : `./${name}.js`, moduleUrl);
}

/**
 * The limits of the threads that work beside a report's notebooks (chart renderer, workbook
 * writer, leaderboard helper, title words): a young generation of 3 MB, that is 1 MB semi-spaces,
 * instead of V8's default of up to 16 MB semi-spaces, which a busy thread grows to and keeps
 * resident (~32 MB each). What these threads allocate is short-lived (cells, SVG pieces, words)
 * or kept whole, so collecting their young generation more often costs no measurable time; the
 * 1M report's peak is ~60 MB lower (docs/performance.md). The old generation is not limited.
 * @example new Worker(workerScript(import.meta.url, 'chart-worker'), { resourceLimits: SIDE_THREAD_LIMITS })
 */
export const SIDE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 3 } as const;
