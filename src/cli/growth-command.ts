/**
 * `pulse growth --before PATH... --after PATH... [--before-date D --after-date D] [--out DIR]`:
 * two scrapes of the same site, compared article by article. The archive does not record when it
 * was scraped, so the dates come from the flags (without them, gains per day stay empty).
 * `--out DIR` writes growth.csv, new.csv, vanished.csv and decreased.csv (the folder replaced whole).
 */
import type { Command } from 'commander';
import { growthBetween } from '../analyze/growth.ts';
import { filterArticles } from '../analyze/filter.ts';
import { DEFAULT_STORE, growthFromStore, listSnapshots, saveSnapshot, todayInChina } from '../snapshots/store.ts';
import { tableToCsv } from '../export/csv.ts';
import { saveFiles } from '../report/save.ts';
import { count } from '../report/text.ts';
import { addCacheOptions, loadInput } from './load-input.ts';
import { CliError } from './errors.ts';
import { waitNotice } from './notices.ts';
import { addTableOutputOptions, writeTableOutput } from './table-output.ts';
import { parseAsOf } from './load-input.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Registers snapshot and growth. */
export function registerGrowthCommand(program: Command): void {
  addCacheOptions(program.command('snapshot')
    .description("save this scrape's counters per article into the snapshot store, for pulse growth")
    .argument('<paths...>')
    .option('--date <date>', 'when the scrape was taken (YYYY-MM-DD; default: today in UTC+8, the site\'s time zone)')
    .option('--store <dir>', 'the snapshot store', DEFAULT_STORE)
    .option('--quiet', 'no warnings'))
    .action(async (paths: string[], flags) => {
      const date = parseAsOf(flags.date) ?? todayInChina();
      const load = await loadInput(paths, { quiet: Boolean(flags.quiet), cache: flags.cache as string | false });
      const replaced = saveSnapshot(flags.store, date, load.articles);
      if (replaced) process.stderr.write(`warning: replaced the snapshot of ${date} in ${flags.store}\n`);
      process.stdout.write(`saved ${count(load.articles.numRows())} articles as the snapshot of ${date} in ${flags.store} (${listSnapshots(flags.store).length} snapshots)\n`);
    });

  addTableOutputOptions(addCacheOptions(program.command('growth')
    .description('what gained views between two scrapes of the same site, article by article')
    .option('--store <dir>', 'the snapshot store to compare (when --before and --after are not given)', DEFAULT_STORE)
    .option('--since <date>', 'with --store: the first snapshot date to use')
    .option('--until <date>', 'with --store: the last snapshot date to use')
    .option('--before <path>', 'the earlier scrape: a folder or export (repeat for several)', collect)
    .option('--after <path>', 'the later scrape: a folder or export (repeat for several)', collect)
    .option('--before-date <date>', 'when the earlier scrape was taken (YYYY-MM-DD)')
    .option('--after-date <date>', 'when the later scrape was taken (YYYY-MM-DD)')
    .option('--category <slug>', 'only articles in this category (repeat for any of several)', collect)
    .option('--author <name-or-id>', 'only articles by this author (repeat for any of several)', collect)
    .option('--tag <tag>', 'only articles carrying this tag (repeat for any of several)', collect)
    .option('--out <dir>', 'write growth.csv, new.csv, vanished.csv and decreased.csv into this folder')
    .option('--quiet', 'no warnings')))
    .action(async (flags) => {
      // --since and --until pick snapshot dates here; the other filters narrow the articles.
      const filter = { categories: flags.category as string[] | undefined, authors: flags.author as string[] | undefined, tags: flags.tag as string[] | undefined };
      let growth;
      let dated: boolean;
      if (flags.before?.length || flags.after?.length) {
        if (!flags.before?.length || !flags.after?.length) throw new CliError('name both scrapes: --before PATH --after PATH');
        const beforeDate = parseAsOf(flags.beforeDate) ?? '';
        const afterDate = parseAsOf(flags.afterDate) ?? '';
        if (beforeDate && afterDate && beforeDate >= afterDate) throw new CliError(`--before-date ${beforeDate} must be before --after-date ${afterDate}`);
        const load = (paths: string[]) => loadInput(paths, { quiet: Boolean(flags.quiet), cache: flags.cache as string | false });
        const [before, after] = [await load(flags.before), await load(flags.after)];
        growth = growthBetween([{ date: beforeDate, articles: filterArticles(before.articles, filter) }, { date: afterDate, articles: filterArticles(after.articles, filter) }]);
        dated = Boolean(beforeDate && afterDate);
      } else {
        const stored = growthFromStore(flags.store, parseAsOf(flags.since), parseAsOf(flags.until), filter);
        if (!stored) throw new CliError(`${flags.store}: fewer than two snapshots${flags.since || flags.until ? ' in those dates' : ''}: save one a week with pulse snapshot PATH..., or compare two scrapes with --before PATH --after PATH`, 1);
        growth = stored.result;
        dated = true;
      }
      const notes = [
        `${count(growth.articles.numRows())} articles in both scrapes; ${count(growth.appeared.numRows())} new; ${count(growth.vanished.numRows())} vanished; ${count(growth.decreased.numRows())} counters went down (a data problem: see decreased.csv).`,
        ...(dated ? [] : ['Give --before-date and --after-date for gains per day: the archive does not record when it was scraped.']),
      ];
      await writeTableOutput(growth.articles, { columns: ['id', 'title', 'viewsBefore', 'viewsAfter', 'gain', 'gainPerDay', 'relativeGain'], empty: 'no article is in both scrapes', notes }, flags);
      if (flags.out) {
        await saveFiles(flags.out, new Map([
          ['growth.csv', tableToCsv(growth.articles)], ['new.csv', tableToCsv(growth.appeared)], ['vanished.csv', tableToCsv(growth.vanished)], ['decreased.csv', tableToCsv(growth.decreased)],
        ]), { onWait: waitNotice(flags.out) });
      }
    });
}
