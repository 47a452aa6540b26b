/**
 * Tags: which topics earn attention for their age, which seniority labels sit where, which tags
 * go together, and which tags are spelled several ways.
 * Run alone: pulse run analyses/tags.ts PATH... [--out DIR] [--min-count N]
 */
import { cooccurrenceHeatmap, count, createNotebook, decimal, engagementSummary, listing, md, noArticlesNotebook, type Notebook, type NotebookInput, percent, similarTagsTable, tagCooccurrence, tagCounts, tagLeaderboard, tagLeaderboardChart } from '../src/index.ts';

interface TagRow {
  tag: string; count: number; medianViews: number; cohortIndexShrunk: number; cohortIndex: number; cohortIndexLow: number; cohortIndexHigh: number;
  collectRate: number; collectRateShrunk: number; smallSample: boolean;
}

export default function tags(input: NotebookInput): Notebook {
  if (input.articles.numRows() === 0) return noArticlesNotebook('Tags');
  const { articles, context, options } = input;
  const board = tagLeaderboard(articles, { minCount: options.minCount, resamples: options.resamples });
  const rows = board.objects() as TagRow[];
  const topicTags = tagCounts(articles, 'topicTags').length;

  const nb = createNotebook('Tags');
  nb.markdown(`# Tags

${count(topicTags)} distinct topic tags; ${count(rows.length)} of them are on at least ${options.minCount} articles and are ranked here. Tags are ranked by their **typical cohort index** (views relative to articles published the same month, so old articles are not favoured), shrunk for size: a tag with a few strong articles is pulled toward typical until more articles confirm it. The median cohort index and its interval stay beside it. Seniority labels (初级, 2年 …) are kept out of this ranking: they only appear on articles up to 2023-08 and would top it on age alone.${options.mergeSimilarTags ? ' Tags that differ only by spaces, case or width were merged.' : ''}`);

  if (rows.length === 0) {
    nb.markdown(`No tag has ${options.minCount} articles yet: lower --min-count to see a ranking.`);
  } else {
    const solid = rows.filter((r) => !r.smallSample && r.cohortIndexLow > 1);
    const weak = rows.filter((r) => !r.smallSample && r.cohortIndexHigh < 1);
    const top = rows.slice(0, 3).map((r) => `**${md(r.tag)}** (${decimal(r.cohortIndexShrunk)}, median ${decimal(r.cohortIndex)}, interval ${decimal(r.cohortIndexLow)}–${decimal(r.cohortIndexHigh)}, ${count(r.count)} articles)`);
    nb.markdown(`## Leaderboard

Highest for their age: ${listing(top)}. ${solid.length
      ? `With at least 30 articles and an interval wholly above 1.0, ${listing(solid.slice(0, 6).map((r) => md(r.tag)))} reliably beat the typical article of their month.`
      : 'No tag with at least 30 articles has an interval wholly above 1.0: no topic reliably beats the typical article of its month.'}${weak.length ? ` ${listing(weak.slice(-4).map((r) => md(r.tag)))} reliably fall short.` : ''} Tags with fewer than 30 articles are flagged \`smallSample\`: their intervals are wide.`);
    nb.chart('tag-leaderboard', tagLeaderboardChart(board, context));
    nb.table('tag-leaderboard', board, {
      columns: ['tag', 'count', 'share', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'medianCollects', 'collectRate', 'collectRateShrunk', 'cohortIndexShrunk', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'smallSample'],
      limit: 30,
    });
    const byRate = [...rows].sort((a, b) => b.collectRateShrunk - a.collectRateShrunk);
    nb.markdown(`## Collected most

Collect rates of small tags swing wildly, so they are shrunk toward the archive's rate (empirical-Bayes beta-binomial) before ranking. Readers save articles tagged **${md(byRate[0]!.tag)}** most (${percent(byRate[0]!.collectRateShrunk)} shrunk, ${percent(byRate[0]!.collectRate)} raw) and **${md(byRate[byRate.length - 1]!.tag)}** least (${percent(byRate[byRate.length - 1]!.collectRateShrunk)}).`);
  }

  const levels = engagementSummary(articles, { by: 'level' });
  if (levels.numRows() > 0) {
    const levelRows = levels.objects() as { group: string; count: number; medianViews: number; cohortIndex: number }[];
    nb.markdown(`## Seniority labels

${count(levelRows.reduce((s, r) => s + r.count, 0))} articles carry a reader level. Compared by cohort index (for their age): ${listing(levelRows.map((r) => `${md(r.group)} ${decimal(r.cohortIndex)} (${count(r.count)} articles)`))}.`);
    nb.table('levels', levels, { columns: ['group', 'count', 'medianViews', 'medianCollects', 'collectRate', 'cohortIndex'] });
  }

  const pairs = tagCooccurrence(articles, { top: 20 });
  if (pairs.numRows() > 0) {
    const strongest = (pairs.objects() as { tagA: string; tagB: string; count: number; lift: number }[])
      .filter((p) => p.count >= 5).sort((a, b) => b.lift - a.lift).slice(0, 3);
    nb.markdown(`## Tags that go together

Among the 20 most used topic tags${strongest.length ? `, the strongest pairs (at least 5 shared articles) are ${listing(strongest.map((p) => `${md(p.tagA)} + ${md(p.tagB)} (lift ${decimal(p.lift, 1)}, ${count(p.count)} articles)`))}` : ' no pair shares 5 or more articles'}.`);
    nb.chart('tag-cooccurrence', cooccurrenceHeatmap(pairs, context));
  }

  const similar = similarTagsTable(input.similarTags);
  nb.markdown(`## Tag hygiene

${similar.numRows() ? `${count(input.similarTags.length)} groups of tags differ only by spaces, case or full-width characters. ${options.mergeSimilarTags ? 'They were merged into the spelling used most.' : 'Run with --merge-similar-tags to merge each into the spelling used most.'}` : 'No tags differ only by spaces, case or width.'}`);
  if (similar.numRows()) nb.table('similar-tags', similar, { limit: 30 });
  return nb;
}
