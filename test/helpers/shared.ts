/**
 * Locates the real archive and its reference figures for the optional real-data tests:
 * `PULSE_REAL_ARCHIVE` (the archive folder) and `PULSE_REAL_REFERENCE` (its figures; default
 * `reference/` beside the archive), else `../shared/archive` and `../shared/reference` beside the
 * checkout. Without them the real-data tests are skipped; with CI=true they fail, as the data
 * must never be missing there.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ARCHIVE = resolve(process.env.PULSE_REAL_ARCHIVE ?? resolve(import.meta.dirname, '../../../shared/archive'));
export const REFERENCE = resolve(process.env.PULSE_REAL_REFERENCE ?? join(dirname(ARCHIVE), 'reference'));

export const sharedPresent = existsSync(ARCHIVE) && existsSync(REFERENCE);
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** True when real-data tests should be skipped (never in CI). */
export const skipRealData = !sharedPresent && !inCi;

if (!sharedPresent && inCi) {
  // Make the suite fail loudly rather than silently skip.
  throw new Error(`CI=true but the real archive is missing (${ARCHIVE}, ${REFERENCE}): set PULSE_REAL_ARCHIVE, or put it at ../shared`);
}
