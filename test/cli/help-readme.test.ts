/**
 * docs/cli.md's command table and `pulse --help` agree: every command is in the table, every
 * option of a command is in its row (the options every reading command shares are in the line
 * under the table; "the report options" stand for those of pulse report), and every option a row
 * names exists. The README's short table lists every command.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.ts';
import { readmeSection } from '../helpers/readme.ts';

const SHARED = ['--cache', '--no-cache', '--quiet', '--as-of', '--since', '--until', '--category', '--author', '--tag', '--group', '--groups'];

function longOptions(command: Command): string[] {
  return command.options.map((option) => option.long!).filter((name) => name !== '--help' && name !== '--version');
}

describe('CLI reference (docs/cli.md)', () => {
  const section = readmeSection('Commands', 'docs/cli.md');
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = /^\| `pulse (\w+)/.exec(line);
    if (match) rows.set(match[1]!, line.split(' | ')[0]!);
  }
  const program = buildProgram();
  const reportOptions = longOptions(program.commands.find((c) => c.name() === 'report')!);

  it('lists every command, and every option of each in its row', () => {
    expect([...rows.keys()].sort()).toEqual(program.commands.map((c) => c.name()).sort());
    for (const command of program.commands) {
      const row = rows.get(command.name())!;
      const expanded = row.includes('the report options') ? `${row} ${reportOptions.join(' ')}` : row;
      for (const option of longOptions(command)) {
        if (SHARED.includes(option)) {
          expect(section, `${option} of pulse ${command.name()}`).toContain(`\`${option}`);
          continue;
        }
        expect(expanded, `${option} of pulse ${command.name()}`).toMatch(new RegExp(`${option}(?![\\w-])`));
      }
    }
  });

  it('names no option a command does not have', () => {
    for (const command of program.commands) {
      const row = rows.get(command.name())!;
      const known = new Set([...longOptions(command), ...(row.includes('the report options') ? reportOptions : [])]);
      for (const named of row.match(/--[a-z][a-z-]*/g) ?? []) expect(known.has(named), `${named} in the row of pulse ${command.name()}`).toBe(true);
    }
  });

  it('the README lists every command', () => {
    const listed = [...readmeSection('CLI').matchAll(/^\| `pulse (\w+)/gm)].map((m) => m[1]!);
    expect(listed.sort()).toEqual(program.commands.map((c) => c.name()).sort());
  });

  it('load --help lists every extension it reads', () => {
    const load = program.commands.find((c) => c.name() === 'load')!;
    const help = load.helpInformation();
    for (const extension of ['.md', '.markdown', '.txt', '.json', '.ndjson', '.jsonl', '.csv', '.arrow', '.parquet']) expect(help).toContain(extension);
  });
});
