/**
 * The `pulse` command line: parse arguments → call the library → print / write → exit code.
 * Exit codes: 0 done; 1 nothing loaded (or --strict with rejects); 2 usage errors.
 */
import { Command, CommanderError } from 'commander';
import manifest from '../package.json' with { type: 'json' };
import { CliError } from './cli/errors.ts';
import { printable } from './cli/printable.ts';
import { setCliV8Flags } from './cli/v8-flags.ts';
import { ForeignFolderError } from './io/replace-folder.ts';
import { OutputError } from './errors.ts';
import { loadCommand } from './cli/load-command.ts';
import { addCacheOptions } from './cli/load-input.ts';
import { addFilterOptions } from './cli/filter-options.ts';
import { registerAnalysisCommands } from './cli/analysis-commands.ts';
import { registerNotebookCommands } from './cli/notebook-commands.ts';
import { EXPORT_EXTENSIONS } from './export/article-export.ts';
import { ARTICLE_EXTENSIONS } from './load/walk/file-kind.ts';

/** Builds the program; each action sets `process.exitCode`. */
export function buildProgram(): Command {
  const program = new Command('pulse')
    .description('content-pulse: engagement, tags, authors and trends of an article archive')
    .version(manifest.version, '-V, --version', 'print the version')
    .showHelpAfterError('(run pulse --help for usage)')
    .exitOverride();

  const load = program.command('load')
    .description('load articles and print a summary; optionally export the article table')
    .argument('<paths...>', `archive folders and export files (${ARTICLE_EXTENSIONS.join(' ')})`)
    .option('--out <file>', `write the table (${EXPORT_EXTENSIONS.join(' ')})`)
    .option('--rejects <file>', 'write rejected files as CSV (path,line,reason)')
    .option('--as-of <date>', 'measure ages to this date (YYYY-MM-DD); default: newest published date')
    .option('--strict', 'exit 1 when any file is rejected or a folder cannot be read')
    .option('--quiet', 'print no summary and no warnings')
    .option('--workers <n>', 'worker threads for parsing (0 = main thread; default: one per core for 20,000+ files)');
  addFilterOptions(addCacheOptions(load)).action(async (paths: string[], options) => {
      process.exitCode = await loadCommand(paths, options);
    });

  registerNotebookCommands(program);
  registerAnalysisCommands(program);
  return program;
}

/** Runs the CLI with the given arguments (without `node script`). */
export async function runCli(args: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version print and exit 0; everything else commander reports is a usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof ForeignFolderError) {
      process.stderr.write(`pulse: ${printable(error.message)}\n`);
      return 2;
    }
    if (error instanceof OutputError) {
      process.stderr.write(`pulse: ${printable(error.message)}\n`);
      return 1;
    }
    if (error instanceof CliError) {
      process.stderr.write(`pulse: ${printable(error.message)}\n`);
      return error.exitCode;
    }
    const debug = process.env.PULSE_DEBUG === '1';
    process.stderr.write(`pulse: unexpected error: ${debug ? (error as Error).stack ?? error : `${(error as Error).message ?? error}\n(set PULSE_DEBUG=1 to see where)`}\n`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[/\\])(cli\.[jt]s|pulse(\.js)?)$/.test(process.argv[1]);
if (invokedDirectly) {
  setCliV8Flags(); // V8's compiler settings for this process (cli/v8-flags.ts)
  // A reader that stops early (`pulse tags … | head -1`) closes the pipe: end quietly, as git does.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  process.exitCode = await runCli(process.argv.slice(2));
}
