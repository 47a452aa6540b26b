import type { Command, Option } from 'commander';

/** Registers tags, authors, trends, compare and report (filled in by the analysis layer). */
export function registerAnalysisCommands(_program: Command, _asOf: () => Option): void {}
