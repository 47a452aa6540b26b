/**
 * Writes the sample archive to data/sample (npm run make-sample). Deterministic: the same
 * files every time, so the committed sample can be regenerated and compared.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../src/io/write-atomic.ts';
import { generateArchive, indexPages } from './sample-archive.ts';

const target = process.argv[2] ?? 'data/sample';
const count = Number(process.argv[3] ?? 1200);
rmSync(target, { recursive: true, force: true });
const articles = generateArchive(count);
for (const file of [...articles, ...indexPages(articles)]) writeFileAtomic(join(target, file.path), file.text);
process.stdout.write(`wrote ${articles.length} articles to ${target}\n`);

// And four weekly snapshots of it, for the Growth notebook (pulse report --snapshots data/snapshots).
const { writeSampleSnapshots } = await import('./sample-snapshots.ts');
const dates = await writeSampleSnapshots(target, process.argv[4] ?? 'data/snapshots');
process.stdout.write(`wrote ${dates.length} weekly snapshots (${dates[0]} to ${dates[dates.length - 1]})\n`);
