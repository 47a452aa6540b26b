/**
 * `pulse compare`: two tags, authors or categories head to head, for their age, or three and more
 * at once (a forest chart, Kruskal–Wallis, every pair with BH-corrected p-values). The command
 * adds the comparison to a notebook exactly as the Compare notebook does and prints that result,
 * so the CSV files, the terminal and the report of `--out DIR` show one set of numbers.
 */
import type { Command } from 'commander';
import { comparisonTable } from '../analyze/compare.ts';
import { UnknownGroupError } from '../analyze/select.ts';
import { tableToCsv } from '../export/csv.ts';
import { toXlsx } from '../export/xlsx.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { addComparison, addManyComparison } from '../report/comparison-section.ts';
import { createNotebook, type Notebook } from '../report/notebook.ts';
import { renderStandalone, saveFiles } from '../report/save.ts';
import { analysisInput, withInputOptions } from './analysis-input.ts';
import { addCompareFlags, compareNames } from './compare-flags.ts';
import { CliError } from './errors.ts';
import { waitNotice } from './notices.ts';
import { printable } from './printable.ts';
import { addTableOutputOptions, terminalTable, writeTableOutput } from './table-output.ts';
import type { NotebookInput } from '../report/input.ts';
import type { ColumnTable } from 'arquero';
import type { GroupKind } from '../analyze/select.ts';

/** Runs a comparison into the notebook, turning an unknown name into a message for the user. */
function named<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof UnknownGroupError) throw new CliError(error.message);
    throw error;
  }
}

/** Registers compare. */
export function registerCompareCommand(program: Command): void {
  addTableOutputOptions(withInputOptions(addCompareFlags(program.command('compare')
    .description('compare two or more tags, authors or categories for their age, with intervals and tests')
    .argument('<paths...>'))
    .option('--out <dir-or-xlsx>', 'write the tables as CSV and a small report (index.html, charts) into this folder, or the tables as FILE.xlsx')
    .option('--no-png', 'with --out, no PNG copies of the charts'), true))
    .action(async (paths: string[], flags) => {
      const request = compareNames(flags);
      if (!request) throw new CliError('name two or more groups: --tag A --tag B [--tag C …], likewise --author, --category or --group');
      const input = await analysisInput(paths, flags, { datesOnly: true });
      const nb = createNotebook(request.names.join(' vs '));
      const tables = request.names.length === 2 ? await comparePair(nb, input, request.kind, request.names, flags) : await compareSeveral(nb, input, request.kind, request.names, flags);
      if (flags.out && /\.xlsx$/i.test(flags.out)) {
        writeFileAtomic(flags.out, await toXlsx([...tables].map(([name, table]) => ({ name, table }))));
      } else if (flags.out) {
        const files = await renderStandalone(nb, () => {}, { png: flags.png !== false });
        for (const [name, table] of tables) files.set(`${name}.csv`, tableToCsv(table));
        await saveFiles(flags.out, files, { onWait: waitNotice(flags.out) });
      }
    });
}

/** Two groups head to head; the one table is `compare`. */
async function comparePair(nb: Notebook, input: NotebookInput, kind: GroupKind, names: string[], flags: Record<string, unknown>): Promise<Map<string, ColumnTable>> {
  const result = named(() => addComparison(nb, input, { kind, a: names[0]!, b: names[1]! }));
  const table = comparisonTable(result);
  if (!flags.json && !flags.csv) process.stdout.write(`${printable(result.sentence)}\n\n`);
  await writeTableOutput(table, { columns: ['measure', 'countA', 'countB', 'medianA', 'medianB', 'ratio', 'ratioLow', 'ratioHigh', 'p', 'cliffsDelta'], empty: '' }, flags);
  return new Map([['compare', table]]);
}

/** Three groups or more: the groups and every pair; `--json`/`--csv` give the pairs. */
async function compareSeveral(nb: Notebook, input: NotebookInput, kind: GroupKind, names: string[], flags: Record<string, unknown>): Promise<Map<string, ColumnTable>> {
  const result = named(() => addManyComparison(nb, input, { kind, names }));
  if (!flags.json && !flags.csv) {
    process.stdout.write(`${printable(result.sentence)}\n\n`);
    process.stdout.write(`${terminalTable(result.groups, ['group', 'count', 'medianViews', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh'])}\n\n`);
  }
  await writeTableOutput(result.pairs, { columns: ['groupA', 'groupB', 'countA', 'countB', 'ratio', 'ratioLow', 'ratioHigh', 'q', 'cliffsDelta', 'differ'], empty: 'fewer than two groups have enough articles for a test' }, flags);
  return new Map([['compare-groups', result.groups], ['compare-pairs', result.pairs]]);
}
