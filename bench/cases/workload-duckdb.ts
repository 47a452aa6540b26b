/**
 * The scale workload, by DuckDB (@duckdb/node-api), for comparison in the same run.
 * Usage: workload-duckdb.ts FILE OUTDIR
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, outDir] = process.argv.slice(2);
const start = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;
await db.run(`CREATE TABLE a AS SELECT views, collects, tags, substr(published, 1, 7) AS month FROM read_json(${quote(file!)}, format = 'newline_delimited', columns = {id: 'BIGINT', title: 'VARCHAR', author: 'VARCHAR', authorId: 'BIGINT', category: 'VARCHAR', published: 'VARCHAR', views: 'BIGINT', comments: 'BIGINT', collects: 'BIGINT', tags: 'VARCHAR[]', url: 'VARCHAR', brief: 'VARCHAR'})`);
await db.run(`COPY (SELECT tag, count(*) AS count, median(views) AS medianViews, sum(collects) / sum(views) AS collectRate
  FROM (SELECT unnest(tags) AS tag, views, collects FROM a) GROUP BY tag HAVING count(*) >= 30
  ORDER BY medianViews DESC, tag LIMIT 50) TO ${quote(join(outDir!, 'tags.csv'))} (HEADER)`);
await db.run(`COPY (SELECT month, count(*) AS count, median(views) AS medianViews FROM a GROUP BY month ORDER BY month)
  TO ${quote(join(outDir!, 'months.csv'))} (HEADER)`);
console.log(JSON.stringify({ totalMs: Math.round(performance.now() - start) }));
