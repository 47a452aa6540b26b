/**
 * The `--tag A --tag B [--tag C …]` flags (likewise `--author`, `--category`, `--group`) of
 * `pulse compare`.
 */
import type { Command } from 'commander';
import type { GroupKind } from '../analyze/select.ts';
import { CliError } from './errors.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the three repeatable flags. */
export function addCompareFlags(command: Command): Command {
  return command
    .option('--tag <name>', 'a tag to compare (give two or more)', collect)
    .option('--author <name-or-id>', 'an author to compare, by name or id (give two or more)', collect)
    .option('--category <slug>', 'a category to compare (give two or more)', collect)
    .option('--group <name>', 'a content group of --groups to compare (give two or more)', collect);
}

/** The groups the flags name (two or more of one kind), or null when none is given. @throws CliError on anything else */
export function compareNames(flags: Record<string, unknown>): { kind: GroupKind; names: string[] } | null {
  const given = (['tag', 'author', 'category', 'group'] as const).filter((kind) => Array.isArray(flags[kind]));
  if (given.length === 0) return null;
  const kind = given[0]!;
  const names = flags[kind] as string[];
  if (given.length > 1 || names.length < 2) {
    throw new CliError('compare two or more groups of one kind: --tag A --tag B [--tag C …], likewise --author, --category or --group');
  }
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new CliError(`--${kind} ${repeated} is given twice: name each group once`);
  if (kind === 'group' && !flags.groups) {
    throw new CliError('--group needs --groups FILE.json, the file that defines the groups');
  }
  return { kind, names };
}
