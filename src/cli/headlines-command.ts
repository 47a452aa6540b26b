/**
 * `pulse headlines PATH... [--out DIR]`: the title features against views for their age in the
 * terminal (or as JSON / CSV), and with --out the Headlines notebook as a report folder, from
 * the same computation.
 */
import type { Command } from 'commander';
import headlines from '../../analyses/headlines.ts';
import { renderStandalone, saveFiles } from '../report/save.ts';
import type { TableCell } from '../report/notebook.ts';
import { analysisInput, withInputOptions } from './analysis-input.ts';
import { waitNotice } from './notices.ts';
import { addTableOutputOptions, writeTableOutput } from './table-output.ts';

/** Registers headlines. */
export function registerHeadlinesCommand(program: Command): void {
  addTableOutputOptions(withInputOptions(program.command('headlines')
    .description('title features, title length and title words against views for their age')
    .argument('<paths...>')
    .option('--out <dir>', 'write the Headlines notebook into this folder')
    .option('--no-png', 'with --out, no PNG copies of the charts')))
    .action(async (paths: string[], flags) => {
      const input = await analysisInput(paths, flags);
      const nb = headlines(input);
      const features = nb.cells.find((cell): cell is TableCell => cell.kind === 'table' && cell.name === 'title-features');
      if (features) {
        await writeTableOutput(features.table, {
          columns: ['feature', 'countWith', 'countWithout', 'cohortIndexWith', 'cohortIndexWithout', 'ratio', 'ratioLow', 'ratioHigh', 'q', 'smallSample'],
          empty: 'no articles',
          notes: ['Associations in this archive, not causes: titles with a feature also differ in topic and author.'],
        }, flags);
      }
      if (flags.out) await saveFiles(flags.out, await renderStandalone(nb, () => {}, { png: flags.png !== false }), { onWait: waitNotice(flags.out) });
    });
}
