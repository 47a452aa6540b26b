/**
 * Generated archives for benchmarks, written once into the temp folder and reused.
 */
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateArchive } from '../scripts/sample-archive.ts';

/** Path of a generated markdown archive of `count` articles (created on first use). */
export function generatedMarkdownArchive(count: number): string {
  const root = join(tmpdir(), 'content-pulse-bench', `md-${count}`);
  const done = join(root, '.complete');
  if (existsSync(done)) return root;
  for (const article of generateArchive(count, 7)) {
    const file = join(root, article.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, article.text);
  }
  writeFileSync(done, '');
  return root;
}
