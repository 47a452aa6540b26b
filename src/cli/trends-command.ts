/**
 * `pulse trends`: articles and medians per period, then rising and fading topics; `--out DIR`
 * writes trends.csv, tag-share.csv, rising-fading.csv and coverage.csv (the folder replaced as a whole).
 * A strong shift in the mix of categories between the windows is warned about on stderr.
 */
import type { Command } from 'commander';
import { categoryCoverage, COVERAGE_SHIFT_WARNING, coverageShift } from '../analyze/coverage.ts';
import { risingTopics } from '../analyze/rising.ts';
import { type Period, tagShareByPeriod, trendByPeriod } from '../analyze/trends.ts';
import { tableToCsv } from '../export/csv.ts';
import { toXlsx } from '../export/xlsx.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { saveFiles } from '../report/save.ts';
import { analysisInput, positiveInteger, withInputOptions } from './analysis-input.ts';
import { CliError } from './errors.ts';
import { waitNotice } from './notices.ts';
import { printable } from './printable.ts';
import { addTableOutputOptions, terminalTable, writeTableOutput } from './table-output.ts';

/** Registers trends. */
export function registerTrendsCommand(program: Command): void {
  addTableOutputOptions(withInputOptions(program.command('trends')
    .description('articles and medians per period; rising and fading topics')
    .argument('<paths...>')
    .option('--by <period>', 'month, quarter or year', 'month')
    .option('--recent-months <n>', 'rising/fading: months in the recent window', '12')
    .option('--baseline-months <n>', 'rising/fading: months in the window before it', '12')
    .option('--min-support <n>', 'rising/fading: least articles (both windows) for a tag to be tested', '10')
    .option('--out <dir-or-xlsx>', 'write trends.csv, tag-share.csv, rising-fading.csv and coverage.csv into this folder, or the four as sheets of FILE.xlsx')))
    .action(async (paths: string[], flags) => {
      if (!['month', 'quarter', 'year'].includes(flags.by)) throw new CliError(`--by ${flags.by}: use month, quarter or year`);
      const by = flags.by as Period;
      const windows = {
        recentMonths: positiveInteger('recent-months', flags.recentMonths),
        baselineMonths: positiveInteger('baseline-months', flags.baselineMonths),
        minSupport: positiveInteger('min-support', flags.minSupport),
      };
      const { articles } = await analysisInput(paths, flags);
      const trend = trendByPeriod(articles, { by });
      const rising = risingTopics(articles, windows);
      const shift = coverageShift(articles, windows);
      // The warning goes to stderr so it is seen also when stdout is piped as JSON or CSV.
      if (shift.warning) process.stderr.write(`warning: ${printable(shift.warning)}\n`);
      if (flags.json || flags.csv) {
        await writeTableOutput(trend, { columns: [], empty: '' }, flags);
      } else {
        // The cohort index of a period is 1.0 by construction: it stays in the CSV, not here.
        process.stdout.write(`${terminalTable(trend, [by, 'count', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'commentRate'], 1000)}\n`);
        process.stdout.write(`(the median cohort index of every ${by} is 1.0 by construction; it is in trends.csv)\n`);
        const called = rising.filter((d: { direction: string }) => d.direction !== 'steady');
        process.stdout.write(`\ncoverage: the category mix of the two windows differs by a total-variation distance of ${shift.distance.toFixed(2)} (warning above ${COVERAGE_SHIFT_WARNING})\n`);
        process.stdout.write(`\nrising and fading topics (latest ${windows.recentMonths} months vs the ${windows.baselineMonths} before, within categories, BH-corrected):\n`);
        if (called.numRows()) process.stdout.write(`${terminalTable(called, ['tag', 'direction', 'recentCount', 'baselineCount', 'oddsRatio', 'oddsRatioLow', 'oddsRatioHigh', 'q'])}\n`);
        else if (rising.numRows() === 0) process.stdout.write(`no tag qualifies: none has ${windows.minSupport} or more articles in the two windows together (lower --min-support)\n`);
        else process.stdout.write(`none clear: ${rising.numRows()} tags tested, none rose or fell beyond chance\n`);
      }
      const tables = { trends: trend, 'tag-share': tagShareByPeriod(articles, { by }), 'rising-fading': rising, coverage: categoryCoverage(articles) };
      if (flags.out && /\.xlsx$/i.test(flags.out)) {
        writeFileAtomic(flags.out, await toXlsx(Object.entries(tables).map(([name, table]) => ({ name, table }))));
      } else if (flags.out) {
        await saveFiles(flags.out, new Map(Object.entries(tables).map(([name, table]) => [`${name}.csv`, tableToCsv(table)])), { onWait: waitNotice(flags.out) });
      }
    });
}
