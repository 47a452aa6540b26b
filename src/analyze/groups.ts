/**
 * Content groups: named sets of articles defined by rules, so a team can rank, compare and filter
 * its own themes ("AI", "growth cases") beside tags. A rule may give a regular expression on the
 * title, one on the URL, a list of tags and a list of authors (names or ids); an article is in the
 * group when it matches any of them, and may be in several groups. The `groups` list column
 * holds each article's groups, in the file's order.
 */
import type { ColumnTable } from 'arquero';
import { table } from 'arquero';
import { articleColumns, valueOrNull } from './columns.ts';

/** One group's rule as written in the groups file. */
export interface GroupRule {
  /** A regular expression (JavaScript syntax, Unicode) matched against the title. */
  title?: string;
  /** A regular expression matched against the URL. */
  url?: string;
  /** Tags, any of which puts an article in the group. */
  tags?: string[];
  /** Author names or ids, any of which puts an article in the group. */
  authors?: string[];
}

/** A group ready to match: its name and compiled conditions. */
export interface ContentGroup {
  name: string;
  title?: RegExp;
  url?: RegExp;
  tags: ReadonlySet<string>;
  authors: ReadonlySet<string>;
}

const KEYS = ['title', 'url', 'tags', 'authors'];

/**
 * Checks a groups file (`{ "groups": { NAME: RULE, … } }`, or the object of rules itself) and
 * compiles it.
 * @throws Error naming the file and the group for an unknown key, a value of the wrong type or an invalid regular expression
 * @example normalizeGroups({ groups: { AI: { title: 'AI|大模型', tags: ['AI'] } } }, 'groups.json')
 */
export function normalizeGroups(spec: unknown, file: string): ContentGroup[] {
  const root = spec && typeof spec === 'object' && !Array.isArray(spec) && 'groups' in spec ? (spec as { groups: unknown }).groups : spec;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new Error(`${file}: expected an object of groups, each { "title": regex, "url": regex, "tags": [...], "authors": [...] }`);
  return Object.entries(root as Record<string, unknown>).map(([name, rule]) => {
    const where = `${file}: group "${name}"`;
    if (!rule || typeof rule !== 'object' || Array.isArray(rule)) throw new Error(`${where}: expected an object with title, url, tags or authors`);
    const unknown = Object.keys(rule).filter((key) => !KEYS.includes(key));
    if (unknown.length) throw new Error(`${where}: unknown key "${unknown[0]}" (known keys: ${KEYS.join(', ')})`);
    const r = rule as Record<string, unknown>;
    if (Object.keys(r).length === 0) throw new Error(`${where}: no rule (give title, url, tags or authors)`);
    const regex = (key: 'title' | 'url') => {
      if (r[key] === undefined) return undefined;
      if (typeof r[key] !== 'string') throw new Error(`${where}: "${key}" must be a regular expression as a string, got ${JSON.stringify(r[key])}`);
      try {
        return new RegExp(r[key] as string, 'u');
      } catch (error) {
        throw new Error(`${where}: "${key}" is not a valid regular expression: ${(error as Error).message}`);
      }
    };
    const list = (key: 'tags' | 'authors') => {
      if (r[key] === undefined) return new Set<string>();
      if (!Array.isArray(r[key]) || !(r[key] as unknown[]).every((x) => typeof x === 'string' || typeof x === 'number')) throw new Error(`${where}: "${key}" must be a list of strings, got ${JSON.stringify(r[key])}`);
      return new Set((r[key] as unknown[]).map(String));
    };
    const title = regex('title');
    const url = regex('url');
    return { name, ...(title ? { title } : {}), ...(url ? { url } : {}), tags: list('tags'), authors: list('authors') };
  });
}

/**
 * The table with a `groups` list column: each article's groups, in the rules' order.
 * @example withGroups(articles, normalizeGroups(spec, 'groups.json')).array('groups')
 */
export function withGroups(articles: ColumnTable, groups: readonly ContentGroup[]): ColumnTable {
  const c = articleColumns(articles);
  const urls = articles.columnNames().includes('url') ? (articles.array('url') as (string | null)[]) : [];
  const lists: string[][] = [];
  for (let row = 0; row < c.n; row++) {
    const id = valueOrNull(c.authorId[row]!);
    const author = c.author[row] ?? null;
    lists.push(groups.filter((g) =>
      (g.title !== undefined && g.title.test(c.title[row] ?? ''))
      || (g.url !== undefined && g.url.test(urls[row] ?? ''))
      || c.tags[row]!.some((tag) => g.tags.has(tag))
      || (author !== null && g.authors.has(author)) || (id !== null && g.authors.has(String(id)))).map((g) => g.name));
  }
  return articles.assign(table({ groups: lists }));
}
