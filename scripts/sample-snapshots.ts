/**
 * Weekly snapshots of the sample archive (data/snapshots), as a user's store would hold after
 * four scrapes a week apart: the last is the archive as it is; earlier ones have the views each
 * article had then. New articles gain fast and fade (views ~ 1 − e^(−age/30 days)), one article
 * in fifty is an evergreen that keeps gaining (views ~ age), articles published after a scrape are
 * not in it, and one article's counter drops between two scrapes (a data problem to flag).
 */
import { rmSync } from 'node:fs';
import { table } from 'arquero';
import { daysBetween } from '../src/analyze/growth.ts';
import { loadArticles } from '../src/load/load-articles.ts';
import { saveSnapshot, SNAPSHOT_COLUMNS } from '../src/snapshots/store.ts';

/** Share of its views an article had `age` days after publication (`final`: its age at the last scrape). */
function accumulated(age: number, final: number, evergreen: boolean): number {
  if (age < 0) return 0;
  if (evergreen) return Math.min(1, (age + 1) / (final + 1));
  return (1 - Math.exp(-(age + 1) / 30)) / (1 - Math.exp(-(final + 1) / 30));
}

/** Writes `weeks` snapshots of the archive at `source` into `store`, the last dated `asOf`. */
export async function writeSampleSnapshots(source: string, store: string, weeks = 4): Promise<string[]> {
  const { articles, asOf } = await loadArticles([source]);
  const rows = articles.select([...SNAPSHOT_COLUMNS]).objects() as Record<string, unknown>[];
  const last = Date.parse(`${asOf}T00:00:00Z`);
  rmSync(store, { recursive: true, force: true });
  const dates: string[] = [];
  for (let week = 0; week < weeks; week++) {
    const date = new Date(last - 7 * (weeks - 1 - week) * 86_400_000).toISOString().slice(0, 10);
    const kept: Record<string, unknown>[] = [];
    rows.forEach((row, index) => {
      const age = daysBetween(row.published as string, date)!;
      if (age < 0) return;
      const share = accumulated(age, daysBetween(row.published as string, asOf!)!, index % 50 === 7);
      const scaled = (value: number) => Math.round(value * share);
      // One article's counter reads higher a week before the last scrape than at it.
      const glitch = index === 3 && week === weeks - 2 ? 1.1 : 1;
      kept.push({ ...row, views: Math.round(scaled(row.views as number) * glitch), comments: scaled(row.comments as number), collects: scaled(row.collects as number) });
    });
    const columns = Object.fromEntries(SNAPSHOT_COLUMNS.map((name) => [name, kept.map((row) => row[name])]));
    saveSnapshot(store, date, table(columns));
    dates.push(date);
  }
  return dates;
}
