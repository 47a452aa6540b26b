/**
 * The tag leaderboard of `pulse tags` (without its intervals and shrinkage) in DuckDB SQL, for the
 * scale bench: topic tags on at least MIN articles with count, share, median/quartiles/mean views,
 * median collects, collect and comment rates (Σ/Σ), and the median cohort index (views over the
 * median views of the article's publish month; every month of the generated export has far more
 * than 20 articles, so no month borrows neighbours).
 * Usage: tags-duckdb.ts FILE OUT.csv MIN
 */
import { DuckDBInstance } from '@duckdb/node-api';

const [file, out, min] = process.argv.slice(2);
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;
await db.run(`CREATE TABLE a AS SELECT views, comments, collects, tags, substr(published, 1, 7) AS month FROM read_json(${quote(file!)}, format = 'newline_delimited', columns = {id: 'BIGINT', title: 'VARCHAR', author: 'VARCHAR', authorId: 'BIGINT', category: 'VARCHAR', published: 'VARCHAR', views: 'BIGINT', comments: 'BIGINT', collects: 'BIGINT', tags: 'VARCHAR[]', url: 'VARCHAR', brief: 'VARCHAR'})`);
await db.run(`COPY (
  WITH m AS (SELECT month, median(views) AS monthMedian FROM a GROUP BY month),
  total AS (SELECT count(*) AS n FROM a),
  t AS (SELECT tag, views, comments, collects, views / monthMedian AS cohort
        FROM (SELECT unnest(list_distinct(tags)) AS tag, a.views, a.comments, a.collects, m.monthMedian FROM a JOIN m USING (month))
        WHERE tag NOT IN ('初级', '中级', '高级') AND NOT regexp_matches(tag, '^[1-5]年$'))
  SELECT tag, count(*) AS count, count(*) / (SELECT n FROM total) AS share, median(views) AS medianViews,
    quantile_cont(views, 0.25) AS q1Views, quantile_cont(views, 0.75) AS q3Views, avg(views) AS meanViews,
    median(collects) AS medianCollects, sum(collects) / sum(views) AS collectRate, sum(comments) / sum(views) AS commentRate,
    median(cohort) AS cohortIndex
  FROM t GROUP BY tag HAVING count(*) >= ${Number(min)} ORDER BY tag
) TO ${quote(out!)} (HEADER)`);
console.log(JSON.stringify({ totalMs: Math.round(performance.now() - start) }));
