/**
 * `pulse compare`: two tags, authors or categories head to head, for their age. The command adds
 * the comparison to a notebook exactly as the Compare notebook does and prints that result, so
 * `compare.csv`, the terminal and the report of `--out DIR` show one set of numbers.
 */
import type { Command } from 'commander';
import { comparisonTable } from '../analyze/compare.ts';
import { UnknownGroupError } from '../analyze/select.ts';
import { toCsv } from '../export/csv.ts';
import { toXlsx } from '../export/xlsx.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { addComparison } from '../report/comparison-section.ts';
import { createNotebook } from '../report/notebook.ts';
import { renderStandalone, saveFiles } from '../report/save.ts';
import { analysisInput, withInputOptions } from './analysis-input.ts';
import { addCompareFlags, comparePair } from './compare-flags.ts';
import { CliError } from './errors.ts';
import { waitNotice } from './notices.ts';
import { printable } from './printable.ts';
import { addTableOutputOptions, writeTableOutput } from './table-output.ts';

/** Registers compare. */
export function registerCompareCommand(program: Command): void {
  addTableOutputOptions(withInputOptions(addCompareFlags(program.command('compare')
    .description('compare two tags, authors or categories for their age, with intervals and a test')
    .argument('<paths...>'))
    .option('--out <dir-or-xlsx>', 'write compare.csv and a small report (index.html, charts) into this folder, or the table as FILE.xlsx')
    .option('--no-png', 'with --out, no PNG copies of the charts'), true))
    .action(async (paths: string[], flags) => {
      const pair = comparePair(flags);
      if (!pair) throw new CliError('name two groups: --tag A --tag B, --author A --author B or --category A --category B');
      const input = await analysisInput(paths, flags, true);
      const nb = createNotebook(`${pair.a} vs ${pair.b}`);
      let result;
      try {
        result = addComparison(nb, input, pair);
      } catch (error) {
        if (error instanceof UnknownGroupError) throw new CliError(error.message);
        throw error;
      }
      const table = comparisonTable(result);
      if (!flags.json && !flags.csv) process.stdout.write(`${printable(result.sentence)}\n\n`);
      writeTableOutput(table, { columns: ['measure', 'countA', 'countB', 'medianA', 'medianB', 'ratio', 'ratioLow', 'ratioHigh', 'p', 'cliffsDelta'], empty: '' }, flags);
      if (flags.out && /\.xlsx$/i.test(flags.out)) {
        writeFileAtomic(flags.out, await toXlsx([{ name: 'compare', table }]));
      } else if (flags.out) {
        const files = await renderStandalone(nb, () => {}, { png: flags.png !== false });
        files.set('compare.csv', toCsv(table.objects() as Record<string, unknown>[], table.columnNames()));
        await saveFiles(flags.out, files, { onWait: waitNotice(flags.out) });
      }
    });
}
