/**
 * Picking the articles of one tag, author or category by what a user types, with the closest
 * matches when nothing fits.
 */
import type { ColumnTable } from 'arquero';
import { articleColumns, compareText, groupRowsOfColumn, keyCounts, rowsWithKey } from './columns.ts';
import { textCodesOf } from './text-codes.ts';

/** The kinds of group that can be named and compared. */
export type GroupKind = 'tag' | 'author' | 'category' | 'group';

/** A named set of rows of the article table. */
export interface Selection {
  kind: GroupKind | 'filter';
  /** What the group is called in text (`小红书`, an author's name, `operate`). */
  label: string;
  rows: number[];
}

/** A name that matches nothing; `suggestions` are the closest existing names. */
export class UnknownGroupError extends Error {
  constructor(readonly kind: GroupKind, readonly name: string, readonly suggestions: string[]) {
    super(`unknown ${kind} "${name}"${suggestions.length ? `; closest: ${suggestions.join(', ')}` : ''}`);
  }
}

/** Levenshtein distance, for suggestions. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The `count` names closest to `name`: containing it first, then by edit distance. */
export function closestNames(name: string, names: Iterable<string>, count = 3): string[] {
  const wanted = name.toLowerCase();
  return [...new Set(names)]
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const contains = lower.includes(wanted) || wanted.includes(lower);
      return { candidate, score: (contains ? 0 : 100) + editDistance(wanted, lower) };
    })
    .sort((a, b) => a.score - b.score || compareText(a.candidate, b.candidate))
    .slice(0, count)
    .map((entry) => entry.candidate);
}

/**
 * Rows of a tag, an author (by name or id) or a category.
 * @throws UnknownGroupError with the closest names when nothing matches
 * @example const ai = selectGroup(articles, 'tag', 'AI'); ai.rows.length // articles tagged AI
 */
export function selectGroup(articles: ColumnTable, kind: GroupKind, name: string): Selection {
  const c = articleColumns(articles);
  const rows: number[] = [];
  let label = name;
  if (kind === 'tag' || kind === 'group') {
    const column = kind === 'tag' ? 'tags' : 'groups';
    pushAll(rows, rowsWithKey(articles, column, name));
    if (!rows.length) throw new UnknownGroupError(kind, name, closestNames(name, keyCounts(articles, column).keys()));
  } else if (kind === 'category') {
    const groups = groupRowsOfColumn(articles, 'category');
    pushAll(rows, groups.get(name.toLowerCase()));
    if (!rows.length) throw new UnknownGroupError(kind, name, closestNames(name, groups.keys()));
  } else {
    // Names compared as codes: a million rows are read as numbers, not strings.
    const asId = /^\d+$/.test(name) ? Number(name) : null;
    const { codes, values } = textCodesOf(articles, 'author');
    const code = values.indexOf(name);
    for (let row = 0; row < c.n; row++) {
      if ((asId !== null && c.authorId[row] === asId) || (code >= 0 && codes[row] === code)) rows.push(row);
    }
    if (!rows.length) {
      throw new UnknownGroupError(kind, name, closestNames(name, c.author.filter((a): a is string => a !== null)));
    }
    label = c.author[rows[0]!] ?? name;
  }
  return { kind, label, rows };
}

/** Appends a group's rows by index: iterating a typed array makes an object per row. */
function pushAll(rows: number[], group: Int32Array | undefined): void {
  if (group) for (let i = 0; i < group.length; i++) rows.push(group[i]!);
}
