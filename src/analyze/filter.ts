/**
 * Narrowing the article table before any analysis: publish dates (inclusive), categories, authors
 * (by name or id), tags; several values of one kind mean any of them. The filter is also said in
 * words, so every report can state what it covers.
 */
import type { ColumnTable } from 'arquero';
import { articleColumns, valueOrNull } from './columns.ts';

/** What to keep; every field optional. */
export interface ArticleFilter {
  /** First publish date kept (`YYYY-MM-DD`). */
  since?: string;
  /** Last publish date kept (`YYYY-MM-DD`). */
  until?: string;
  /** Category slugs (any of them). */
  categories?: readonly string[];
  /** Author names or ids (any of them). */
  authors?: readonly string[];
  /** Tags (an article carrying any of them). */
  tags?: readonly string[];
  /** Content groups (an article in any of them; needs the `groups` column, see groups.ts). */
  groups?: readonly string[];
}

/** The filter's parts in the order they are applied, each with its flag, for messages. */
export function filterSteps(filter: ArticleFilter): { flag: string; keep: ArticleFilter }[] {
  const steps: { flag: string; keep: ArticleFilter }[] = [];
  if (filter.since) steps.push({ flag: `--since ${filter.since}`, keep: { since: filter.since } });
  if (filter.until) steps.push({ flag: `--until ${filter.until}`, keep: { until: filter.until } });
  if (filter.categories?.length) steps.push({ flag: filter.categories.map((c) => `--category ${c}`).join(' '), keep: { categories: filter.categories } });
  if (filter.authors?.length) steps.push({ flag: filter.authors.map((a) => `--author ${a}`).join(' '), keep: { authors: filter.authors } });
  if (filter.tags?.length) steps.push({ flag: filter.tags.map((t) => `--tag ${t}`).join(' '), keep: { tags: filter.tags } });
  if (filter.groups?.length) steps.push({ flag: filter.groups.map((g) => `--group ${g}`).join(' '), keep: { groups: filter.groups } });
  return steps;
}

/**
 * The articles the filter keeps, in table order.
 * @example filterArticles(articles, { since: '2024-01-01', categories: ['operate', 'pd'] })
 */
export function filterArticles(articles: ColumnTable, filter: ArticleFilter): ColumnTable {
  if (filterSteps(filter).length === 0) return articles;
  const c = articleColumns(articles);
  const categories = new Set((filter.categories ?? []).map((x) => x.toLowerCase()));
  const authors = new Set(filter.authors ?? []);
  const tags = new Set(filter.tags ?? []);
  const groups = new Set(filter.groups ?? []);
  const memberships = groups.size && articles.columnNames().includes('groups') ? (articles.array('groups') as string[][]) : [];
  const keep: number[] = [];
  for (let row = 0; row < c.n; row++) {
    const published = c.published[row]!;
    if (filter.since && published < filter.since) continue;
    if (filter.until && published > filter.until) continue;
    if (categories.size && !categories.has(c.category[row]!)) continue;
    if (authors.size) {
      const id = valueOrNull(c.authorId[row]!);
      const name = c.author[row] ?? null;
      if (!(name !== null && authors.has(name)) && !(id !== null && authors.has(String(id)))) continue;
    }
    if (tags.size && !c.tags[row]!.some((tag) => tags.has(tag))) continue;
    if (groups.size && !(memberships[row] ?? []).some((group) => groups.has(group))) continue;
    keep.push(row);
  }
  return keep.length === c.n ? articles : articles.reify(keep);
}

/**
 * The filter in words, for the top of every report; null when there is none.
 * @example describeFilter({ since: '2024-01-01', until: '2024-12-31', categories: ['operate', 'pd'] })
 *   // 'articles published 2024-01-01 to 2024-12-31 in operate, pd'
 */
export function describeFilter(filter: ArticleFilter): string | null {
  const parts: string[] = [];
  if (filter.since && filter.until) parts.push(`published ${filter.since} to ${filter.until}`);
  else if (filter.since) parts.push(`published on or after ${filter.since}`);
  else if (filter.until) parts.push(`published on or before ${filter.until}`);
  if (filter.categories?.length) parts.push(`in ${filter.categories.join(', ')}`);
  if (filter.authors?.length) parts.push(`by ${filter.authors.join(', ')}`);
  if (filter.tags?.length) parts.push(`tagged ${filter.tags.join(', ')}`);
  if (filter.groups?.length) parts.push(`in the group${filter.groups.length > 1 ? 's' : ''} ${filter.groups.join(', ')}`);
  return parts.length ? `articles ${parts.join(' ')}` : null;
}
