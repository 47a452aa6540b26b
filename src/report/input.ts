/**
 * What every notebook is built from: the loaded articles (with the cohort index), the load's
 * accounting, the chart context, and the report options.
 */
import type { ColumnTable } from 'arquero';
import { withCohortIndex } from '../analyze/cohort.ts';
import { mergeSimilarTags, similarTagGroups, type SimilarTagGroup } from '../analyze/hygiene.ts';
import { type ChartContext, chartContext } from '../charts/context.ts';
import type { NumberLocale } from '../charts/theme.ts';
import type { LoadResult } from '../load/load-articles.ts';

export interface ReportOptions {
  /** Least articles for a tag to be ranked. @default 20 */
  minCount?: number;
  /** Least articles for an author to be ranked. @default 3 */
  minAuthorCount?: number;
  /** Numbers as 12k (en) or 1.2万 (zh). @default 'en' */
  locale?: NumberLocale;
  /** Merge tags that differ only by spaces, case or width. @default false */
  mergeSimilarTags?: boolean;
  /** Bootstrap resamples. @default 1000 */
  resamples?: number;
  /** Explicit comparisons for the compare notebook; chosen automatically when absent. */
  compare?: { kind: 'tag' | 'author' | 'category'; a: string; b: string }[];
}

export interface ReportInput {
  load: LoadResult;
  /** The article table with `cohortIndex` (and merged tags when asked). */
  articles: ColumnTable;
  context: ChartContext;
  similarTags: SimilarTagGroup[];
  options: Required<Omit<ReportOptions, 'compare'>> & Pick<ReportOptions, 'compare'>;
}

/** Prepares a load result for the notebooks. */
export function prepareReportInput(load: LoadResult, options: ReportOptions = {}): ReportInput {
  const similarTags = similarTagGroups(load.articles);
  const merged = options.mergeSimilarTags ? mergeSimilarTags(load.articles, similarTags) : load.articles;
  const articles = withCohortIndex(merged);
  const resolved = {
    minCount: options.minCount ?? 20,
    minAuthorCount: options.minAuthorCount ?? 3,
    locale: options.locale ?? 'en',
    mergeSimilarTags: options.mergeSimilarTags ?? false,
    resamples: options.resamples ?? 1000,
    compare: options.compare,
  };
  return { load, articles, context: chartContext(articles, resolved.locale), similarTags, options: resolved };
}
