/**
 * The article table: Article rows → an arquero table with the documented columns, in order.
 */
import type { ColumnTable } from 'arquero';
import { ArticleTable } from './article-table.ts';
import { ARTICLE_COLUMNS, type Article } from '../../article.ts';

/** Builds the arquero article table (one column array per documented column). */
export function articlesToTable(articles: readonly Article[]): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const name of ARTICLE_COLUMNS) {
    const values = new Array<unknown>(articles.length);
    for (let i = 0; i < articles.length; i++) values[i] = articles[i]![name];
    columns[name] = values;
  }
  return new ArticleTable(columns);
}
