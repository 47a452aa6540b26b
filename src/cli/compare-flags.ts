/**
 * The `--tag A --tag B | --author A --author B | --category A --category B` flags of
 * `pulse compare` and analyses/compare.ts.
 */
import type { Command } from 'commander';
import type { GroupKind } from '../analyze/select.ts';
import { CliError } from './errors.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the three repeatable flags. */
export function addCompareFlags(command: Command): Command {
  return command
    .option('--tag <name>', 'a tag to compare (give two)', collect)
    .option('--author <name-or-id>', 'an author to compare, by name or id (give two)', collect)
    .option('--category <slug>', 'a category to compare (give two)', collect)
    .option('--group <name>', 'a content group of --groups to compare (give two)', collect);
}

/** The one pair the flags name, or null when none is given. @throws CliError on anything else */
export function comparePair(flags: Record<string, unknown>): { kind: GroupKind; a: string; b: string } | null {
  const given = (['tag', 'author', 'category', 'group'] as const).filter((kind) => Array.isArray(flags[kind]));
  if (given.length === 0) return null;
  const kind = given[0]!;
  const names = flags[kind] as string[];
  if (given.length > 1 || names.length !== 2) {
    throw new CliError('compare exactly two groups of one kind: --tag A --tag B, --author A --author B, --category A --category B or --group A --group B');
  }
  if (kind === 'group' && !flags.groups) {
    throw new CliError('--group needs --groups FILE.json, the file that defines the groups');
  }
  return { kind, a: names[0]!, b: names[1]! };
}
