/**
 * Headlines: which title features go with more views for their age, how title length relates to
 * them, and which title words do best, ranked like tags. Associations in this archive, not
 * causes. Run alone: pulse run analyses/headlines.ts PATH... [--out DIR]
 */
import { barChart, count, createNotebook, decimal, headlineFeatures, listing, md, noArticlesNotebook, type Notebook, type NotebookInput, titleKeywords, titleLengthBins } from '../src/index.ts';

interface FeatureRow { feature: string; countWith: number; ratio: number | null; ratioLow: number | null; ratioHigh: number | null; q: number | null; smallSample: boolean }

export default function headlines(input: NotebookInput): Notebook {
  if (input.articles.numRows() === 0) return noArticlesNotebook('Headlines');
  const { articles, options } = input;
  const nb = createNotebook('Headlines');
  const features = headlineFeatures(articles, { resamples: options.resamples });
  const rows = features.objects() as FeatureRow[];
  const clear = rows.filter((r) => r.q !== null && r.q < 0.05 && !r.smallSample);
  const words = (r: FeatureRow) => `${md(r.feature)} (${decimal(r.ratio)}×, interval ${decimal(r.ratioLow)}–${decimal(r.ratioHigh)}, ${count(r.countWith)} titles)`;
  nb.markdown(`# Headlines

What titles have in common with views for their age (the cohort index: 1.0 is typical for the month). These are associations in this archive, not causes: titles with a feature also differ in topic and author. ${clear.length
    ? `Titles with ${listing(clear.map(words))} differ from the rest beyond chance (Benjamini–Hochberg q below 0.05).`
    : 'No title feature goes with more or fewer views beyond chance (every Benjamini–Hochberg q is 0.05 or more).'}`);
  nb.table('title-features', features);
  const lengths = titleLengthBins(articles);
  nb.chart('title-length', barChart(lengths, { label: 'lengthBin', value: 'cohortIndex', sort: false, title: 'Median cohort index by title length (characters)', valueTitle: 'median cohort index' }));
  nb.table('title-length', lengths);
  const minTitles = Math.max(5, Math.min(options.minCount, 20));
  const keywords = titleKeywords(articles, { minTitles, resamples: options.resamples });
  const top = (keywords.objects() as { word: string; titles: number; cohortIndex: number; smallSample: boolean }[]).filter((r) => !r.smallSample).slice(0, 3);
  nb.markdown(`## Title words

Titles are split into words (Intl.Segmenter's Chinese word breaks; single characters and numbers left out), and words in at least ${count(minTitles)} titles are ranked like tags. ${top.length ? `Highest for their age: ${listing(top.map((r) => `**${md(r.word)}** (${decimal(r.cohortIndex)}, ${count(r.titles)} titles)`))}.` : 'No word is in 30 titles or more yet.'}`);
  nb.table('title-words', keywords, { limit: 30 });
  return nb;
}
