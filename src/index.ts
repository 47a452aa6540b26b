/**
 * content-pulse: the public API, what a notebook imports (`import { … } from 'content-pulse'`).
 * Re-exports only; every export is documented where it is defined.
 *
 * The stages, in the order data flows:
 *   load (files → article table) → analyses (table → table) → charts (table → Vega-Lite spec)
 *   → notebook (text, tables, charts in order) → render and save (HTML, Markdown, CSV, SVG).
 * @module content-pulse
 */

// Tables: arquero, so one import is enough to filter, derive and group.
export * as aq from 'arquero';
export type { ColumnTable } from 'arquero';

// Loading.
export { loadArticles } from './load/load-articles.ts';
export type { LoadOptions, LoadResult, LoadStats, CacheReport, SkippedFile } from './load/load-articles.ts';
export { MissingPathError } from './errors.ts';
export type { Article, Reject, LoadWarning } from './article.ts';

// Analyses: (table, options) → table.
export { MIN_COHORT_ARTICLES, monthMedians, withCohortIndex } from './analyze/cohort.ts';
export { COHORT_SCALE, type LogScale, RATE_SCALE, shrunkCohortIndex, type ShrunkCohortIndex, type ShrunkColumns, shrunkTypical } from './analyze/shrunk-rank.ts';
export { engagementSummary } from './analyze/engagement.ts';
export type { EngagementOptions, Grouping } from './analyze/engagement.ts';
export { tagLeaderboard } from './analyze/tags.ts';
export type { TagLeaderboardOptions } from './analyze/tags.ts';
export { authorLeaderboard, authorArticleCounts, mostProlificAuthors } from './analyze/authors.ts';
export type { AuthorCount } from './analyze/authors.ts';
export type { AuthorLeaderboardOptions } from './analyze/authors.ts';
export type { LeaderboardOptions } from './analyze/group-stats.ts';
export { trendByPeriod, tagShareByPeriod, topTopicTags } from './analyze/trends.ts';
export type { Period, TrendOptions, TagShareOptions } from './analyze/trends.ts';
export { mantelHaenszel, risingTopics, risingWindows } from './analyze/rising.ts';
export { categoryCoverage, COVERAGE_SHIFT_WARNING, type CategoryShift, type CoverageShift, coverageShift } from './analyze/coverage.ts';
export { coverageHeatmap } from './charts/coverage-chart.ts';
export type { RisingOptions } from './analyze/rising.ts';
export { compareGroups, comparisonTable } from './analyze/compare.ts';
export { compareMany, type CompareManyOptions, type ManyComparison } from './analyze/compare-many.ts';
export type { CompareOptions, Comparison, MeasureComparison } from './analyze/compare.ts';
export { selectGroup, UnknownGroupError } from './analyze/select.ts';
export type { GroupKind, Selection } from './analyze/select.ts';
export { tagCooccurrence } from './analyze/cooccurrence.ts';
export type { CooccurrenceOptions } from './analyze/cooccurrence.ts';
export { hiddenGems } from './analyze/gems.ts';
export { TOP_FOR_AGE_COLUMNS, topForTheirAge } from './analyze/top-for-age.ts';
export type { GemOptions } from './analyze/gems.ts';
export { tagCounts } from './summary.ts';
export { similarTagGroups, similarTagsTable, mergeSimilarTags } from './analyze/hygiene.ts';
export type { SimilarTagGroup } from './analyze/hygiene.ts';
export { headlineFeatures, titleFeatures, titleKeywords, titleLengthBins, titleWords, TITLE_FEATURES } from './analyze/headlines.ts';
export type { HeadlineOptions, KeywordOptions, TitleFeature } from './analyze/headlines.ts';
export { filterArticles, describeFilter } from './analyze/filter.ts';
export { growthBetween, daysBetween } from './analyze/growth.ts';
export type { Growth, Scrape } from './analyze/growth.ts';
export { growthLeaderboard, decayByAge } from './analyze/growth-boards.ts';
export type { GrowthBoardOptions } from './analyze/growth-boards.ts';
export type { ArticleFilter } from './analyze/filter.ts';
export { normalizeGroups, withGroups } from './analyze/groups.ts';
export type { ContentGroup, GroupRule } from './analyze/groups.ts';
export { countOf, medianOf, meanOf, quantileOf } from './stats/quantiles.ts';

// Charts: (table, context) → Vega-Lite spec; renderSvg turns a spec into SVG.
export { chartContext } from './charts/context.ts';
export type { ChartContext } from './charts/context.ts';
export { barChart } from './charts/bar-chart.ts';
export type { BarChartOptions } from './charts/bar-chart.ts';
export { intervalChart } from './charts/interval-chart.ts';
export type { IntervalChartOptions } from './charts/interval-chart.ts';
export { monthlyVolumeChart, viewsDistributionChart, categoriesChart, viewsCollectsChart, weekdayChart } from './charts/overview-charts.ts';
export { tagLeaderboardChart, tagShareHeatmap, risingChart, cooccurrenceHeatmap } from './charts/tag-charts.ts';
export { authorLeaderboardChart, authorOutputChart } from './charts/author-charts.ts';
export { comparisonDistributionChart, comparisonMonthlyChart, forestChart } from './charts/compare-charts.ts';
export { decayChart } from './charts/growth-charts.ts';
export type { GroupValues, MonthlyMedian } from './charts/compare-charts.ts';
export { renderSvg } from './charts/render.ts';
export type { NumberLocale } from './charts/theme.ts';

// Notebooks: build one, render it to files, save it.
export { createNotebook, noArticlesNotebook } from './report/notebook.ts';
export type { Notebook, Cell, MarkdownCell, TableCell, ChartCell, ColumnFormat } from './report/notebook.ts';
export { prepareNotebookInput } from './report/input.ts';
export type { NotebookInput, NotebookOptions, NotebookFunction } from './report/input.ts';
export { addComparison, addManyComparison, defaultPairs, largestCategories } from './report/comparison-section.ts';
export type { CompareGroups, ComparePair } from './report/comparison-section.ts';
export { renderNotebook } from './report/render.ts';
export type { RenderedFiles } from './report/render.ts';
export { saveNotebook } from './report/save.ts';
export { md, count, percent, decimal, times, listing } from './report/text.ts';
