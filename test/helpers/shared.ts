/**
 * Locates ../shared (the real archive and its reference figures). Outside CI a missing
 * shared folder skips the real-data tests; with CI=true it fails them, as it must never be missing there.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const ARCHIVE = join(SHARED, 'archive');
export const REFERENCE = join(SHARED, 'reference');

export const sharedPresent = existsSync(ARCHIVE) && existsSync(REFERENCE);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** True when real-data tests should be skipped (never in CI). */
export const skipRealData = !sharedPresent && !inCi;

if (!sharedPresent && inCi) {
  // Make the suite fail loudly rather than silently skip.
  throw new Error(`CI=true but the shared data is missing at ${SHARED}: the real-data tests need ../shared/archive and ../shared/reference`);
}
