/**
 * Growth: what gained views between the snapshots of a store (pulse snapshot, once a week), which
 * tags and authors still gain, how gains fade with age, and what changed since the last snapshot.
 * Run alone: pulse run analyses/growth.ts PATH... --snapshots DIR
 */
import {
  barChart, count, createNotebook, decayByAge, decayChart, decimal, growthLeaderboard, listing, md, type Notebook, type NotebookInput, percent, topTopicTags,
} from '../src/index.ts';

export default function growth(input: NotebookInput): Notebook {
  const nb = createNotebook('Growth');
  if (!input.growth) return nb.markdown('# Growth\n\nNo snapshots to compare: save one a week with `pulse snapshot PATH...`, and the report shows what gained views once there are two.');
  const { dates, result } = input.growth;
  const { articles, appeared, vanished, decreased } = result;
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const total = (articles.array('gain') as number[]).reduce((s, g) => s + Math.max(0, g), 0);
  const top = (articles.objects() as { title: string; gain: number; gainPerDay: number | null }[]).slice(0, 3);
  nb.markdown(`# Growth

${count(dates.length)} snapshots from ${md(first)} to ${md(last)}: ${count(articles.numRows())} articles in the first and the last gained ${count(total)} views; ${count(appeared.numRows())} articles are new since ${md(first)}, ${count(vanished.numRows())} vanished. ${top.length ? `The biggest gainers: ${listing(top.map((r) => `**${md(r.title)}** (+${count(r.gain)}${r.gainPerDay !== null ? `, ${decimal(r.gainPerDay, 1)} a day` : ''})`))}.` : ''}${decreased.numRows() ? ` ${count(decreased.numRows())} counters went **down** between snapshots, which counters should not do: they are listed below, not smoothed over.` : ''}`);
  nb.chart('top-gainers', barChart(articles.slice(0, 25), { label: 'title', value: 'gain', title: `Views gained, ${first} to ${last}`, sort: false }));
  nb.table('gainers', articles, { columns: ['id', 'title', 'category', 'author', 'published', 'viewsBefore', 'viewsAfter', 'gain', 'gainPerDay', 'relativeGain'], limit: 30 });
  const byTag = growthLeaderboard(articles, 'tag', { resamples: input.options.resamples });
  const alive = (byTag.objects() as { tag: string; stillAlive: boolean; smallSample: boolean }[]).filter((r) => r.stillAlive && !r.smallSample).slice(0, 5);
  nb.markdown(`## Tags and authors that still gain

Median views gained per day per article, with a 95% interval, and each group's share of all the gain. A topic is **still alive** when its articles older than 90 days still gain faster than the archive's median article. ${alive.length ? `Still alive: ${listing(alive.map((r) => `**${md(r.tag)}**`))}.` : 'No tag with 30 articles or more is still alive by that measure.'}`);
  nb.table('growth-by-tag', byTag, { limit: 30 });
  nb.table('growth-by-author', growthLeaderboard(articles, 'author', { resamples: input.options.resamples }), { limit: 30 });
  nb.table('growth-by-category', growthLeaderboard(articles, 'category', { resamples: input.options.resamples }));
  const decay = decayByAge(articles, topTopicTags(input.articles, 3));
  nb.markdown(`## How gains fade with age

Median views gained per day by the article's age in weeks at the last snapshot, for all articles and the three most used topic tags: new articles gain fast, then fade; a flat tail is an evergreen.`);
  nb.chart('decay', decayChart(decay, `${first} to ${last}`));
  nb.table('decay', decay, { limit: 40 });
  if (decreased.numRows()) nb.table('decreased', decreased, { caption: 'Counters that went down between snapshots (a data problem)' });
  if (dates.length > 2) nb.markdown(`Between the last two snapshots (${md(dates[dates.length - 2])} and ${md(last)}), the column "gain ${md(dates[dates.length - 2])} to ${md(last)}" of the table gives each article's latest gain; its share of the whole span's gain is ${percent(total ? (articles.array(`gain ${dates[dates.length - 2]} to ${last}`) as number[]).reduce((s, g) => s + Math.max(0, g ?? 0), 0) / total : null)}.`);
  return nb;
}
