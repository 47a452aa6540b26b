/**
 * The notebook `pulse new` writes: it runs as it is on any archive and shows the common moves
 * (filter with aq, group, a leaderboard, a chart, findings computed from the numbers).
 */

/**
 * The starter notebook's source, titled after its name; `path` is where it is written. A
 * JavaScript starter is the same without type annotations.
 */
export function starterNotebook(title: string, path: string, typescript = true): string {
  const ts = (annotated: string, plain: string) => (typescript ? annotated : plain);
  return `/**
 * ${title.replace(/\*\//g, '* /')}: a notebook of your own.
 * Run it:      pulse run ${path} path/to/archive
 * Live view:   pulse preview ${path} path/to/archive
 */
import { aq, barChart, count, createNotebook, decimal, md, tagLeaderboard${ts(', type NotebookInput', '')} } from 'content-pulse';

export default function (${ts('input: NotebookInput', 'input')}) {
  const { articles, options } = input;
  const nb = createNotebook(${JSON.stringify(title)});

  // Filter with arquero: articles of the last 12 months of the archive.
  const since = String(Number(options.asOf.slice(0, 4)) - 1) + options.asOf.slice(4);
  const recent = articles.filter(aq.escape((${ts('d: { published: string }', 'd')}) => d.published > since));

  // Group: articles and median cohort index (views for their age, 1.0 = typical) per category.
  const byCategory = recent
    .groupby('category')
    .rollup({ articles: aq.op.count(), medianCohortIndex: aq.op.median('cohortIndex') })
    .orderby(aq.desc('medianCohortIndex'));

  // A leaderboard: tags of the recent articles, ranked for their age.
  const tags = tagLeaderboard(recent, { minCount: 5 });
  const best = tags.numRows() ? ${ts('(tags.object(0) as { tag: string; cohortIndex: number; count: number })', 'tags.object(0)')} : null;

  nb.markdown(\`# ${title.replace(/[`$\\]/g, '\\$&')}

\${count(recent.numRows())} articles published after \${since}. \${best
    ? \`The tag that does best for its age is **\${md(best.tag)}**: a median cohort index of \${decimal(best.cohortIndex)} over \${count(best.count)} articles.\`
    : 'No tag has 5 articles in that time.'}\`);
  nb.chart('categories', barChart(byCategory, { label: 'category', value: 'medianCohortIndex', title: 'Median cohort index by category, last 12 months' }));
  nb.table('categories', byCategory);
  nb.table('tags', tags, { columns: ['tag', 'count', 'medianViews', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'smallSample'] });
  return nb;
}
`;
}
