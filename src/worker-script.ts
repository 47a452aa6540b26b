/**
 * The file a worker thread runs. Under tsx (tests, `npm run pulse`) it is the TypeScript source,
 * started through a small `NAME-tsx.mjs` beside it that registers tsx in the new thread; in the
 * built package it is the bundle's own entry, `dist/NAME.js`.
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
