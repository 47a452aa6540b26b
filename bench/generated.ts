/**
 * Generated archives for benchmarks, written once into the temp folder and reused.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateArchive, generateRecords } from '../scripts/sample-archive.ts';
import { seededRandom } from '../src/stats/random.ts';

// Characters of the two-character words that make titles distinct (generatedNdjson's option): 219 of them, 47,961 words.
const TITLE_CHARACTERS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级';

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

/**
 * Path of a generated NDJSON export of `count` articles (our export shape), written once, streamed.
 * The generator repeats titles (about 67,000 distinct in a million); with `distinctTitles` each
 * title gets three more two-character words drawn at random, so that nearly every article has a
 * title of its own, as in a real archive, and title words cost what they cost there.
 */
export function generatedNdjson(count: number, options: { distinctTitles?: boolean } = {}): string {
  const folder = join(tmpdir(), 'content-pulse-bench');
  const file = join(folder, options.distinctTitles ? `articles-${count}-distinct-titles.ndjson` : `articles-${count}.ndjson`);
  if (existsSync(file)) return file;
  mkdirSync(folder, { recursive: true });
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  const words = seededRandom(29);
  const character = () => TITLE_CHARACTERS[Math.floor(words() * TITLE_CHARACTERS.length)]!;
  const word = () => character() + character();
  let buffer: string[] = [];
  generateRecords(count, 13, (record) => {
    buffer.push(JSON.stringify(options.distinctTitles ? { ...record, title: `${record.title}，${word()}${word()}${word()}` } : record));
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
