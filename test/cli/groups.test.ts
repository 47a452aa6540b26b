/**
 * Content groups: a groups file's rules (title and URL regular expressions, tags, authors) give
 * each article its groups, as the same rules applied directly do; groups rank, compare and
 * filter; bad rules are errors naming the file and the group.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

interface Row { id: string; title: string; url: string; author: string; authorId: string; tags: string }

describe('content groups', () => {
  let archive: string;
  let work: string;
  let all: Row[];
  let groupsFile: string;
  let rules: Record<string, (r: Row) => boolean>;
  beforeAll(() => {
    archive = hostileArchive();
    work = writeTree({});
    expect(runPulse(['load', archive, '--out', join(work, 'all.csv'), '--no-cache', '--quiet']).code).toBe(0);
    all = parse(readFileSync(join(work, 'all.csv'), 'utf8'), { columns: true }) as Row[];
    const author = all.find((r) => r.author)!;
    const tag = all.find((r) => r.tags)!.tags.split('|')[0]!;
    groupsFile = join(work, 'groups.json');
    writeFileSync(groupsFile, JSON.stringify({ groups: {
      经验: { title: '经验|复盘' },
      operate: { url: '/operate/' },
      tagged: { tags: [tag] },
      one: { authors: [author.authorId] },
      either: { title: '增长', tags: [tag] },
    } }));
    rules = {
      经验: (r) => /经验|复盘/u.test(r.title),
      operate: (r) => r.url.includes('/operate/'),
      tagged: (r) => r.tags.split('|').includes(tag),
      one: (r) => r.authorId === author.authorId,
      either: (r) => r.title.includes('增长') || r.tags.split('|').includes(tag),
    };
  });
  afterAll(() => {
    rmSync(archive, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('filters by a group as the rule applied directly does, and ranks groups by their counts', () => {
    for (const [name, rule] of Object.entries(rules)) {
      const out = join(work, `${name}.csv`);
      expect(runPulse(['load', archive, '--groups', groupsFile, '--group', name, '--out', out, '--no-cache', '--quiet']).code).toBe(0);
      const ids = (parse(readFileSync(out, 'utf8'), { columns: true }) as Row[]).map((r) => r.id).sort();
      expect(ids, name).toEqual(all.filter(rule).map((r) => r.id).sort());
    }
    const board = JSON.parse(runPulse(['tags', archive, '--by', 'group', '--groups', groupsFile, '--min-count', '1', '--json', '--no-cache', '--quiet']).stdout) as { group: string; count: number }[];
    expect(Object.fromEntries(board.map((r) => [r.group, r.count]))).toEqual(Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, all.filter(rule).length]).filter(([, n]) => (n as number) > 0)));
  });

  it('compares two groups', () => {
    const run = runPulse(['compare', archive, '--groups', groupsFile, '--group', '经验', '--group', 'operate', '--no-cache', '--quiet']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Articles in "经验"/);
  });

  it('rejects a bad rule, naming the file and the group', () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, JSON.stringify({ groups: { broken: { title: '(unclosed' } } }));
    const regex = runPulse(['tags', archive, '--groups', bad, '--no-cache']);
    expect(regex.code).toBe(2);
    expect(regex.stderr).toMatch(/bad\.json: group "broken": "title" is not a valid regular expression/);
    writeFileSync(bad, JSON.stringify({ groups: { typo: { titel: 'x' } } }));
    expect(runPulse(['tags', archive, '--groups', bad, '--no-cache']).stderr).toMatch(/bad\.json: group "typo": unknown key "titel"/);
    expect(runPulse(['tags', archive, '--group', 'x', '--no-cache']).stderr).toMatch(/--group needs --groups FILE\.json/);
  });
});
