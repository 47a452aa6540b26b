/**
 * The notebook commands: report (built-in and team notebooks), run (one notebook file), new (a
 * starter notebook), preview (a live server that re-runs a notebook on save).
 */
import type { Command } from 'commander';
import { newCommand } from './new-command.ts';
import { addReportOptions } from './report-options.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';

/** Registers report, run, new and preview on the program. */
export function registerNotebookCommands(program: Command): void {
  addReportOptions(program.command('report')
    .description('run the built-in notebooks (and --notebooks DIR) into DIR/<name>/ with DIR/index.html and DIR/index.md')
    .argument('[paths...]', 'archive folders and export files (default: "inputs" of pulse.config.json)')
    .option('--out <dir>', 'output folder (default: output)')
    .option('--notebooks <dir>', 'also run every notebook file of this folder, sorted by name')
    .option('--no-png', 'no PNG copies of the charts')
    .option('--pdf', 'also print report.pdf (all notebooks, the index first) with a headless Chromium')
    .option('--chromium <path>', 'the Chromium or Chrome to print with (default: the first found)'))
    .action(async (paths: string[], flags) => {
      process.exitCode = await reportCommand(paths, flags);
    });

  addReportOptions(program.command('run')
    .description('run one notebook file (.ts .mts .js .mjs) and write it as a report folder')
    .argument('<notebook>', 'the notebook file')
    .argument('[paths...]', 'archive folders and export files (default: "inputs" of pulse.config.json)')
    .option('--out <dir>', 'output folder (default: output/<notebook name>)')
    .option('--no-png', 'no PNG copies of the charts')
    .option('--debug', 'print the whole stack when the notebook fails'))
    .action(async (notebook: string, paths: string[], flags) => {
      process.exitCode = await runCommand(notebook, paths, flags);
    });

  program.command('new')
    .description('write a starter notebook that runs as it is (never overwrites a file)')
    .argument('<name>', 'notebook name (notebooks/NAME.ts; end it in .js for JavaScript)')
    .option('--dir <dir>', 'folder to write it in', 'notebooks')
    .action((name: string, flags: { dir?: string }) => {
      const path = newCommand(name, flags);
      process.stdout.write(`wrote ${path}\nrun it:    pulse run ${path} PATH...\npreview:   pulse preview ${path} PATH...\n`);
    });

  addReportOptions(program.command('preview')
    .description('serve a notebook (or a folder of them) on 127.0.0.1, re-run on save, reload the page')
    .argument('<notebook-or-dir>', 'a notebook file, or a folder of notebook files')
    .argument('[paths...]', 'archive folders and export files (default: "inputs" of pulse.config.json)')
    .option('--port <n>', 'port to listen on (the next free one when taken)', '3000')
    .option('--open', 'open the page in the default browser'))
    .action(async (target: string, paths: string[], flags) => {
      const { previewCommand } = await import('./preview-command.ts');
      process.exitCode = await previewCommand(target, paths, flags);
    });
}
