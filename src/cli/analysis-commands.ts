/**
 * The analysis commands: tags, authors (leaderboard-commands.ts), trends (trends-command.ts) and
 * compare (compare-command.ts). Each loads its input, runs the analysis its notebook runs, and
 * prints a table (or JSON / CSV) and writes files where asked.
 */
import type { Command } from 'commander';
import { registerCompareCommand } from './compare-command.ts';
import { registerHeadlinesCommand } from './headlines-command.ts';
import { registerGrowthCommand } from './growth-command.ts';
import { registerLeaderboardCommands } from './leaderboard-commands.ts';
import { registerTrendsCommand } from './trends-command.ts';

/** Registers the analysis commands on the program. */
export function registerAnalysisCommands(program: Command): void {
  registerLeaderboardCommands(program);
  registerTrendsCommand(program);
  registerCompareCommand(program);
  registerHeadlinesCommand(program);
  registerGrowthCommand(program);
}
