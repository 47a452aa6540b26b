/**
 * Generated archives for benchmarks, written once into the temp folder and reused.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateArchive, generateRecords } from '../scripts/sample-archive.ts';

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

/** Path of a generated NDJSON export of `count` articles (our export shape), written once, streamed. */
export function generatedNdjson(count: number): string {
  const folder = join(tmpdir(), 'content-pulse-bench');
  const file = join(folder, `articles-${count}.ndjson`);
  if (existsSync(file)) return file;
  mkdirSync(folder, { recursive: true });
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let buffer: string[] = [];
  generateRecords(count, 13, (record) => {
    buffer.push(JSON.stringify(record));
    if (buffer.length === 10_000) {
      writeSync(fd, `${buffer.join('\n')}\n`);
      buffer = [];
    }
  });
  if (buffer.length) writeSync(fd, `${buffer.join('\n')}\n`);
  closeSync(fd);
  renameSync(partial, file);
  return file;
}
