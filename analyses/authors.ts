/**
 * Authors: who earns attention for their age, who is consistent, and whether writing more helps.
 * Run alone: pulse run analyses/authors.ts PATH... [--out DIR] [--min-author-count N]
 */
import { authorLeaderboard, authorLeaderboardChart, authorOutputChart, count, createNotebook, decimal, listing, md, mostProlificAuthors, noArticlesNotebook, type Notebook, type NotebookInput, percent } from '../src/index.ts';

interface AuthorRow {
  author: string; count: number; totalViews: number; cohortIndexShrunk: number; cohortIndex: number; cohortIndexLow: number; cohortIndexHigh: number;
  cohortIndexSpread: number; collectRateShrunk: number; articlesPerActiveMonth: number; smallSample: boolean;
}

/** Where a median cohort index stands against typical (1.0). */
function level(cohortIndex: number): string {
  return cohortIndex >= 1.1 ? 'above typical for their age' : cohortIndex <= 0.9 ? 'below typical for their age' : 'about typical for their age';
}

/** A warning when the most consistent authors are mostly consistently below typical. */
function consistentBelow(steady: readonly AuthorRow[]): string {
  const top = steady.slice(0, 5);
  const below = top.filter((r) => r.cohortIndex < 1).length;
  return below >= 3 ? ` ${below} of the ${top.length} most consistent authors are consistently below typical: consistency alone is no sign of quality.` : '';
}

/** Spearman rank correlation (average ranks for ties). */
function spearman(x: readonly number[], y: readonly number[]): number {
  const rank = (values: readonly number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const ranks = new Array<number>(values.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) ranks[order[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return ranks;
  };
  const rx = rank(x);
  const ry = rank(y);
  const mean = (x.length + 1) / 2;
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < x.length; i++) {
    num += (rx[i]! - mean) * (ry[i]! - mean);
    dx += (rx[i]! - mean) ** 2;
    dy += (ry[i]! - mean) ** 2;
  }
  return dx && dy ? num / Math.sqrt(dx * dy) : 0;
}

/** Builds the authors notebook. */
export default function authors(input: NotebookInput): Notebook {
  if (input.articles.numRows() === 0) return noArticlesNotebook('Authors');
  const { articles, context, options } = input;
  const board = authorLeaderboard(articles, { minCount: options.minAuthorCount, resamples: options.resamples });
  const rows = board.objects() as AuthorRow[];
  const prolific = mostProlificAuthors(articles, 10);
  const topTenShare = prolific.top.reduce((s, r) => s + r.count, 0) / articles.numRows();

  const nb = createNotebook('Authors');
  nb.markdown(`# Authors

${count(prolific.authors)} authors wrote the ${count(articles.numRows())} articles; the 10 most prolific wrote ${percent(topTenShare)} of them (${listing(prolific.top.slice(0, 3).map((r) => `${md(r.author)} ${count(r.count)}`))} …). ${count(rows.length)} authors have at least ${options.minAuthorCount} articles and are ranked by their typical cohort index (views for their age), shrunk for size: an author with 3 strong articles is pulled toward typical until more articles confirm it.`);

  if (rows.length) {
    const reliable = rows.filter((r) => r.count >= 10 && r.cohortIndexLow > 1);
    nb.markdown(`## Leaderboard

Highest for their age: ${listing(rows.slice(0, 3).map((r) => `**${md(r.author)}** (${decimal(r.cohortIndexShrunk)}, median ${decimal(r.cohortIndex)}, ${count(r.count)} articles)`))}. ${reliable.length
      ? `Among authors with 10 or more articles, ${listing(reliable.slice(0, 5).map((r) => md(r.author)))} have an interval wholly above 1.0.`
      : 'No author with 10 or more articles has an interval wholly above 1.0.'} Small samples are flagged: a median of 3 articles says little.`);
    nb.chart('author-leaderboard', authorLeaderboardChart(board, context));
    nb.table('author-leaderboard', board, {
      columns: ['authorId', 'author', 'count', 'medianViews', 'totalViews', 'collectRate', 'collectRateShrunk', 'cohortIndexShrunk', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'cohortIndexSpread', 'firstPublished', 'lastPublished', 'articlesPerActiveMonth'],
      limit: 30,
    });
    const steady = rows.filter((r) => r.count >= 10).sort((a, b) => a.cohortIndexSpread - b.cohortIndexSpread);
    if (steady.length) {
      nb.markdown(`## Consistency

The spread of an author's cohort index (the middle half of their articles) says how predictable they are, not how good: read the level beside it. Among authors with 10 or more articles, **${md(steady[0]!.author)}** is the most consistent (spread ${decimal(steady[0]!.cohortIndexSpread)}) at a median cohort index of ${decimal(steady[0]!.cohortIndex)}, ${level(steady[0]!.cohortIndex)}; **${md(steady[steady.length - 1]!.author)}** the least (${decimal(steady[steady.length - 1]!.cohortIndexSpread)}) at ${decimal(steady[steady.length - 1]!.cohortIndex)}.${consistentBelow(steady)}`);
    }
    const rho = spearman(rows.map((r) => r.count), rows.map((r) => r.cohortIndex));
    nb.markdown(`## Does writing more help?

Across ranked authors, the rank correlation between number of articles and median cohort index is ${decimal(rho)}: ${Math.abs(rho) < 0.1 ? 'writing more goes with neither more nor fewer views for their age' : rho > 0 ? 'prolific authors tend to do somewhat better for their age' : 'prolific authors tend to do somewhat worse for their age'}.`);
    nb.chart('author-output', authorOutputChart(board, context));
  }
  return nb;
}
