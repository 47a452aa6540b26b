/**
 * Compare: two tags, two authors, two categories, head to head, for their age, and the largest
 * categories all at once. Without explicit pairs (options.compare; `pulse compare --tag A --tag B`
 * for one pair, three or more names for a many-group comparison) it compares the two most used
 * topic tags, the two most prolific authors and the two largest categories.
 * Run alone: pulse run analyses/compare.ts PATH... [--out DIR]
 */
import { addComparison, addManyComparison, createNotebook, defaultPairs, largestCategories, noArticlesNotebook, type Notebook, type NotebookInput } from '../src/index.ts';

export default function compare(input: NotebookInput): Notebook {
  if (input.articles.numRows() === 0) return noArticlesNotebook('Compare');
  const nb = createNotebook('Compare');
  const pairs = input.options.compare ?? defaultPairs(input.articles);
  nb.markdown(`# Compare

Head-to-head comparisons, for the articles' age: each article's views are divided by the median views of its publish month (the cohort index) before groups are compared. Intervals are 95% bootstrap intervals (seeded, reproducible); p-values come from the Mann–Whitney U test.${input.options.compare ? '' : ' With no pairs named, this compares the two most used topic tags, the two most prolific authors and the two largest categories.'}`);
  for (const pair of pairs) addComparison(nb, input, pair);

  // The six largest categories side by side: which differ, with a test across all of them.
  const largest = largestCategories(input.articles, 6);
  if (!input.options.compare && largest.length >= 3) addManyComparison(nb, input, { kind: 'category', names: largest });
  return nb;
}
