/**
 * Every analysis, chart and built-in notebook on the tables that break naive code: no rows (a
 * filter that left nothing), one article, one month, every value equal, all views 0. None may
 * throw, every number they give is finite or empty, and every chart renders.
 */
import type { ColumnTable } from 'arquero';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_NOTEBOOKS } from '../../src/cli/report-command.ts';
import {
  authorLeaderboard, authorLeaderboardChart, authorOutputChart, barChart, categoriesChart, chartContext, cooccurrenceHeatmap,
  engagementSummary, hiddenGems, monthlyVolumeChart, renderSvg, risingChart, risingTopics, risingWindows, similarTagGroups,
  similarTagsTable, tagCooccurrence, tagLeaderboard, tagLeaderboardChart, tagShareByPeriod, tagShareHeatmap, trendByPeriod,
  viewsCollectsChart, viewsDistributionChart, weekdayChart, withCohortIndex,
} from '../../src/index.ts';
import { prepareNotebookInput } from '../../src/report/input.ts';
import type { LoadResult } from '../../src/load/load-articles.ts';
import { renderNotebook } from '../../src/report/render.ts';
import { articleTable, record } from '../helpers/articles.ts';

const CASES: Record<string, () => ColumnTable> = {
  'no rows': () => articleTable([record({ tags: ['AI'] })]).filter(() => false),
  'one article': () => articleTable([record({ tags: ['AI', '运营'], views: 120, collects: 3 })]),
  'one month': () => articleTable(Array.from({ length: 40 }, (_, i) => record({ published: `2024-03-${String((i % 28) + 1).padStart(2, '0')}`, views: 100 + i, tags: i % 2 ? ['AI'] : ['运营'] }))),
  'every value equal': () => articleTable(Array.from({ length: 40 }, (_, i) => record({ published: `202${i % 4}-0${(i % 9) + 1}-10`, views: 500, comments: 5, collects: 5, tags: ['AI', '运营'], author: 'B', authorId: 2 }))),
  'all views 0': () => articleTable(Array.from({ length: 40 }, (_, i) => record({ published: `2024-0${(i % 9) + 1}-10`, views: 0, comments: 0, collects: 0, tags: i % 3 ? ['AI'] : ['运营', 'AI'] }))),
};

/** Every number in a table is finite or empty. */
function expectFinite(table: ColumnTable): void {
  for (const name of table.columnNames()) {
    for (const value of Array.from(table.array(name) as ArrayLike<unknown>)) {
      if (typeof value === 'number') expect(Number.isFinite(value), `${name} = ${value}`).toBe(true);
    }
  }
}

function loadResultOf(articles: ColumnTable): LoadResult {
  const n = articles.numRows();
  return {
    articles, rows: [], rejects: [], warnings: [], skipped: [], asOf: n ? '2025-06-30' : null,
    stats: { filesSeen: n, recordsSeen: n, loaded: n, duplicates: 0, duplicateIds: 0, duplicatesWithDifferentStats: 0, rejected: 0, skipped: 0 },
  };
}

describe.each(Object.keys(CASES))('%s', (name) => {
  const articles = withCohortIndex(CASES[name]!());
  const context = chartContext(articles);

  it('every analysis gives a table with its columns and finite numbers', () => {
    const results = [
      engagementSummary(articles, { by: 'category' }), engagementSummary(articles, { by: 'tag' }), engagementSummary(articles, { by: 'weekday' }),
      tagLeaderboard(articles, { minCount: 1, resamples: 50 }), authorLeaderboard(articles, { minCount: 1, resamples: 50 }),
      trendByPeriod(articles, { by: 'month' }), tagShareByPeriod(articles), risingTopics(articles, { minSupport: 1 }),
      tagCooccurrence(articles, { top: 5 }), hiddenGems(articles), similarTagsTable(similarTagGroups(articles)),
    ];
    for (const result of results) {
      expect(result.columnNames().length).toBeGreaterThan(0);
      expectFinite(result);
    }
    expect(tagLeaderboard(articles, { minCount: 1000 }).columnNames()).toContain('cohortIndex');
  });

  it('every chart renders to SVG', async () => {
    const tags = tagLeaderboard(articles, { minCount: 1, resamples: 50 });
    const authors = authorLeaderboard(articles, { minCount: 1, resamples: 50 });
    const specs = [
      monthlyVolumeChart(trendByPeriod(articles), context), viewsDistributionChart(articles.array('views') as number[], context),
      categoriesChart(engagementSummary(articles, { by: 'category' }), context),
      viewsCollectsChart(articles.array('views') as number[], articles.array('collects') as number[], articles.array('category') as string[], context),
      weekdayChart(engagementSummary(articles, { by: 'weekday' }), context), tagLeaderboardChart(tags, context),
      tagShareHeatmap(tagShareByPeriod(articles), context), risingChart(risingTopics(articles, { minSupport: 1 }), context, risingWindows(articles)),
      cooccurrenceHeatmap(tagCooccurrence(articles, { top: 5 }), context), authorLeaderboardChart(authors, context),
      authorOutputChart(authors, context), barChart(tags, { label: 'tag', value: 'count' }),
    ];
    for (const spec of specs) expect(await renderSvg(spec)).toMatch(/^<svg/);
  });

  it('every built-in notebook builds and renders', async () => {
    const input = prepareNotebookInput(loadResultOf(articles), { minCount: 1, minAuthorCount: 1, resamples: 50 });
    for (const notebook of BUILT_IN_NOTEBOOKS) {
      const files = await renderNotebook(await notebook.run(input));
      expect(files.get('index.html'), notebook.name).toMatch(/^<!DOCTYPE html>/);
    }
  });
});
