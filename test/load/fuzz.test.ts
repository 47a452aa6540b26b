/**
 * Fuzz: real-shaped markdown, JSON, NDJSON and CSV files, mutated at random (seeded), loaded with
 * and without the native helper. Nothing may crash; every file and record is accounted for;
 * every reject has a reason; both paths give the same table and the same rejects.
 * Bounded to a few seconds in `npm test`; PULSE_FUZZ_SECONDS=N runs longer, PULSE_FUZZ_SEED=N
 * starts from another seed (a failure prints the seed of its round).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadArticles, type LoadResult } from '../../src/load/load-articles.ts';
import { seededRandom } from '../../src/stats/random.ts';
import { newestLayout, writeTree } from '../helpers/fixtures.ts';
import { setEnv } from '../helpers/env.ts';

const SECONDS = Number(process.env.PULSE_FUZZ_SECONDS ?? 3);
const FIRST_SEED = Number(process.env.PULSE_FUZZ_SEED ?? 1);
const FILES_PER_ROUND = 24;

const record = (id: number) => ({
  id, title: `标题 "${id}", 第二部分`, url: `https://www.woshipm.com/pd/${id}.html`, author: '作者', authorId: 7, published: '2024-03-05',
  views: 1234, comments: 5, collects: 12, tags: ['AI', '运营'], brief: 'brief, with a comma',
});

const BASES: { extension: string; text: (id: number) => string }[] = [
  { extension: 'md', text: (id) => newestLayout({ original: `[View](https://www.woshipm.com/pd/${id}.html)` }) },
  { extension: 'json', text: (id) => JSON.stringify([record(id), record(id + 1)], null, 1) },
  { extension: 'ndjson', text: (id) => [record(id), record(id + 1), record(id + 2)].map((r) => JSON.stringify(r)).join('\n') },
  {
    extension: 'csv',
    text: (id) => `id,title,url,author,published,views,comments,collects,tags\n${[id, id + 1].map((i) => `${i},"标题, ${i}",https://www.woshipm.com/pd/${i}.html,作者,2024-03-05,1234,5,12,AI|运营`).join('\n')}\n`,
  },
];

const NOISE = ['\u0000', '\u001b', '\r', '\n', '\r\n', '"', ',', '，', '`', '|', '*', '#', '{', '}', '[', ']', '万', '1e309', '-', '0x', '\uFEFF', '\uD800', '😀', '𠀀', ' ', '\t', '99999999999999999999'];

/** One random edit of a text: insert noise, delete a range, flip a character, repeat or cut a line, truncate. */
function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  switch (Math.floor(random() * 6)) {
    case 0: return text.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)]! + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
    case 2: return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at + 1);
    case 3: {
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 4: {
      const lines = text.split('\n');
      lines.splice(Math.floor(random() * lines.length), 1);
      return lines.join('\n');
    }
    default: return text.slice(0, at);
  }
}

/** What a load gave, as plain data to compare between the two paths. */
function outcome(result: LoadResult, root: string) {
  return {
    rows: JSON.stringify(result.articles.objects()),
    rejects: result.rejects.map((r) => [r.path.slice(root.length), r.line, r.reason]),
    skipped: result.skipped.map((s) => [s.path.slice(root.length), s.reason]),
    stats: result.stats,
  };
}

async function load(paths: string[], native: '0' | '1'): Promise<LoadResult> {
  const restoreNative = setEnv('PULSE_NATIVE', native);
  try {
    return await loadArticles(paths);
  } finally {
    restoreNative();
  }
}

describe('fuzz', () => {
  const root = writeTree({});
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`survives mutated files of every format for ${SECONDS} s`, async () => {
    const deadline = Date.now() + SECONDS * 1000;
    let rounds = 0;
    for (let seed = FIRST_SEED; rounds === 0 || Date.now() < deadline; seed++, rounds++) {
      const random = seededRandom(seed);
      const folder = join(root, `round-${seed}`);
      mkdirSync(folder);
      for (let i = 0; i < FILES_PER_ROUND; i++) {
        const base = BASES[i % BASES.length]!;
        let text = base.text(1000 + i * 10);
        for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) text = mutate(text, random);
        writeFileSync(join(folder, `${String(i).padStart(2, '0')}.${base.extension}`), text);
      }
      const [withHelper, without] = [await load([folder], '1'), await load([folder], '0')];
      for (const result of [withHelper, without]) {
        const { stats } = result;
        expect(stats.filesSeen, `seed ${seed}`).toBe(FILES_PER_ROUND);
        expect(stats.recordsSeen, `seed ${seed}`).toBe(stats.loaded + stats.duplicates + stats.rejected + stats.skipped);
        for (const reject of result.rejects) expect(reject.reason.trim(), `seed ${seed}: ${reject.path}`).not.toBe('');
        for (const value of result.articles.array('views') as number[]) expect(Number.isFinite(value)).toBe(true);
      }
      expect(outcome(withHelper, folder), `seed ${seed}`).toEqual(outcome(without, folder));
      rmSync(folder, { recursive: true, force: true });
    }
    expect(rounds).toBeGreaterThan(0);
  }, SECONDS * 1000 + 60_000);
});
