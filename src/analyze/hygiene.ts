/**
 * Tag hygiene: tags that differ only by spaces, case or full-width characters (`Chat GPT` /
 * `ChatGPT`, `To B` / `ToB`, `B 端` / `B端`), listed, and merged into their most used spelling
 * when the user asks.
 */
import type { ColumnTable } from 'arquero';
import { splitLevelTags } from '../levels.ts';
import { compareText, keyCounts, rowsTable } from './columns.ts';

/** The comparison key: NFKC (full-width → half-width), lower case, no white space. */
export function tagKey(tag: string): string {
  return tag.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Tags that differ only by spaces, case or full-width characters, and the spelling used most. */
export interface SimilarTagGroup {
  /** The spelling used most (ties: the shorter, then code-point order). */
  canonical: string;
  /** Every spelling with its article count, most used first. */
  variants: { tag: string; count: number }[];
}

/**
 * Groups of tags that are the same but for spacing, case or width.
 * @example similarTagGroups(articles) // [{ key: 'ai产品', spellings: ['AI产品', 'ai 产品'], … }]
 */
export function similarTagGroups(articles: ColumnTable): SimilarTagGroup[] {
  const counts = keyCounts(articles, 'tags');
  const spellings = new Map<string, string[]>();
  for (const tag of counts.keys()) {
    const key = tagKey(tag);
    const list = spellings.get(key);
    if (list) list.push(tag);
    else spellings.set(key, [tag]);
  }
  const groups: SimilarTagGroup[] = [];
  for (const variants of spellings.values()) {
    if (variants.length < 2) continue;
    const ranked = variants.map((tag) => ({ tag, count: counts.get(tag)! }))
      .sort((a, b) => b.count - a.count || a.tag.length - b.tag.length || compareText(a.tag, b.tag));
    groups.push({ canonical: ranked[0]!.tag, variants: ranked });
  }
  return groups.sort((a, b) => compareText(a.canonical, b.canonical));
}

/**
 * The groups as a table: one row per variant that would be merged.
 * @example nb.table('similar-tags', similarTagsTable(similarTagGroups(articles)))
 */
export function similarTagsTable(groups: readonly SimilarTagGroup[]): ColumnTable {
  return rowsTable(groups.flatMap((group) => group.variants.slice(1).map((variant) => ({
    tag: variant.tag, count: variant.count, mergeInto: group.canonical, canonicalCount: group.variants[0]!.count,
  }))), ['tag', 'count', 'mergeInto', 'canonicalCount']);
}

/**
 * Rewrites `tags` (and `topicTags`, `level`, `experienceYears`) with every variant replaced by its
 * canonical spelling, de-duplicated per article.
 * @param groups the groups to merge @default similarTagGroups(articles)
 * @example const merged = mergeSimilarTags(articles) // 'AI产品' and 'ai 产品' become one tag
 */
export function mergeSimilarTags(articles: ColumnTable, groups: readonly SimilarTagGroup[] = similarTagGroups(articles)): ColumnTable {
  if (groups.length === 0) return articles;
  const rename = new Map<string, string>();
  for (const group of groups) for (const variant of group.variants) rename.set(variant.tag, group.canonical);
  const merged = (articles.array('tags') as string[][]).map((list) => [...new Set(list.map((tag) => rename.get(tag) ?? tag))]);
  const split = merged.map(splitLevelTags);
  return articles.assign({
    tags: merged,
    topicTags: split.map((s) => s.topicTags),
    level: split.map((s) => s.level),
    experienceYears: split.map((s) => s.experienceYears),
  });
}
