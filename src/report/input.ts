/**
 * What every notebook is built from: the loaded articles (with the cohort index), the load's
 * accounting, the chart context, and the report options. A notebook is a function of this.
 */
import type { ColumnTable } from 'arquero';
import { withCohortIndex } from '../analyze/cohort.ts';
import { mergeSimilarTags, similarTagGroups, type SimilarTagGroup } from '../analyze/hygiene.ts';
import { type ChartContext, chartContext } from '../charts/context.ts';
import type { NumberLocale } from '../charts/theme.ts';
import type { LoadResult } from '../load/load-articles.ts';
import type { Notebook } from './notebook.ts';
import type { Growth } from '../analyze/growth.ts';

/** Options every notebook of a run shares (`pulse report`, `pulse run`, `pulse.config.json`). */
export interface NotebookOptions {
  /** Least articles for a tag to be ranked. @default 20 */
  minCount?: number;
  /** Least articles for an author to be ranked. @default 3 */
  minAuthorCount?: number;
  /** Numbers in charts as 12k (en) or 1.2万 (zh). @default 'en' */
  locale?: NumberLocale;
  /** Merge tags that differ only by spaces, case or width. @default false */
  mergeSimilarTags?: boolean;
  /** Bootstrap resamples. @default 1000 */
  resamples?: number;
  /** Explicit comparisons for the compare notebook; chosen automatically when absent. */
  compare?: { kind: 'tag' | 'author' | 'category' | 'group'; a: string; b: string }[];
}

/** The options as a notebook sees them: every default filled in, and the as-of date of ages. */
export type ResolvedNotebookOptions = Required<Omit<NotebookOptions, 'compare'>> & Pick<NotebookOptions, 'compare'> & {
  /** The date ages are measured to (`YYYY-MM-DD`): `--as-of`, else the newest publish date. */
  asOf: string;
  /** The filter that narrowed the articles, in words; null when none. */
  filter: string | null;
};

/** What a notebook function receives. */
export interface NotebookInput {
  /**
   * The article table: one row per article with every derived column (`cohortIndex` included;
   * tags merged when `mergeSimilarTags` is set). Columns are listed in the README.
   */
  articles: ColumnTable;
  /** The load's accounting: files seen, rejects, warnings, duplicates, skipped files. */
  load: LoadResult;
  /** What the chart builders need: article count, month range, locale, category colours. */
  context: ChartContext;
  /** Tags spelled several ways (same but for spaces, case or width). */
  similarTags: SimilarTagGroup[];
  options: ResolvedNotebookOptions;
  /** Growth between the snapshots of a store (pulse snapshot), when it holds two or more. */
  growth?: { dates: string[]; result: Growth };
}

/**
 * A notebook: the default export of a notebook file.
 * @example const notebook: NotebookFunction = ({ articles }) => createNotebook('Mine').markdown(`${articles.numRows()} articles`);
 */
export type NotebookFunction = (input: NotebookInput) => Notebook | Promise<Notebook>;

/**
 * Prepares a load result for notebooks: merges similar tags when asked, adds the cohort index,
 * fills in the defaults of every option.
 * @param load what `loadArticles` returned
 * @param options defaults: minCount 20, minAuthorCount 3, locale 'en', mergeSimilarTags false, resamples 1000
 * @example const input = prepareNotebookInput(await loadArticles(['archive/']), { minCount: 10 });
 */
export function prepareNotebookInput(load: LoadResult, options: NotebookOptions = {}): NotebookInput {
  let similarTags = options.mergeSimilarTags ? similarTagGroups(load.articles) : undefined;
  const merged = options.mergeSimilarTags ? mergeSimilarTags(load.articles, similarTags!) : load.articles;
  const articles = withCohortIndex(merged);
  const resolved: ResolvedNotebookOptions = {
    minCount: options.minCount ?? 20,
    minAuthorCount: options.minAuthorCount ?? 3,
    locale: options.locale ?? 'en',
    mergeSimilarTags: options.mergeSimilarTags ?? false,
    resamples: options.resamples ?? 1000,
    compare: options.compare,
    asOf: load.asOf ?? '',
    filter: load.filter ?? null,
  };
  let context: ChartContext | undefined;
  // The chart context and the similar tags are made when first read: a command that shows
  // neither (pulse authors) does not pay for them (~0.2 s at a million articles).
  return {
    load, articles, options: resolved,
    get context() {
      context ??= chartContext(articles, resolved.locale);
      return context;
    },
    get similarTags() {
      similarTags ??= similarTagGroups(load.articles);
      return similarTags;
    },
  };
}
