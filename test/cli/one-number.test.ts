/**
 * One number everywhere: each command that has a notebook counterpart computes with the same
 * function and options, so every number in its CSV equals the one in the report.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { writeTree } from '../helpers/fixtures.ts';
import { hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

describe('a command and its notebook give the same numbers', () => {
  let archive: string;
  let out: string;
  const report = () => join(out, 'report');
  beforeAll(() => {
    archive = hostileArchive();
    out = writeTree({});
    const run = runPulse(['report', archive, '--out', report(), '--min-count', '3', '--min-author-count', '3', '--no-cache', '--quiet']);
    if (run.code !== 0) throw new Error(run.stderr);
  }, 120_000);
  afterAll(() => {
    rmSync(archive, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });
  const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

  it('pulse tags and pulse authors --out: the report\'s leaderboards, cell for cell', () => {
    expect(runPulse(['tags', archive, '--min-count', '3', '--out', join(out, 'tags.csv'), '--no-cache', '--quiet']).code).toBe(0);
    expect(read(out, 'tags.csv')).toBe(read(report(), 'tags', 'tables', 'tag-leaderboard.csv'));
    expect(runPulse(['authors', archive, '--min-count', '3', '--out', join(out, 'authors.csv'), '--no-cache', '--quiet']).code).toBe(0);
    expect(read(out, 'authors.csv')).toBe(read(report(), 'authors', 'tables', 'author-leaderboard.csv'));
  });

  it('--out FILE.xlsx: the same table as the CSV, for load, tags, authors, trends and compare', () => {
    const sheetsOf = (file: string) => {
      const book = XLSX.read(readFileSync(file), { cellDates: true });
      return book.SheetNames.map((name) => XLSX.utils.sheet_to_json(book.Sheets[name]!, { header: 1, raw: true, defval: null }) as unknown[][]);
    };
    const sameAsCsv = (rows: unknown[][], csvText: string) => {
      const csv = parse(csvText) as string[][];
      expect(rows.length).toBe(csv.length);
      rows.forEach((row, r) => row.forEach((cell, c) => {
        const text = csv[r]![c]!;
        if (typeof cell === 'number') expect(cell).toBe(Number(text));
        else expect(cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)).toBe(text);
      }));
    };
    for (const [command, extra] of [['tags', ['--min-count', '3']], ['authors', ['--min-count', '3']]] as const) {
      expect(runPulse([command, archive, ...extra, '--out', join(out, `${command}.xlsx`), '--no-cache', '--quiet']).code).toBe(0);
      expect(runPulse([command, archive, ...extra, '--out', join(out, `${command}-x.csv`), '--no-cache', '--quiet']).code).toBe(0);
      sameAsCsv(sheetsOf(join(out, `${command}.xlsx`))[0]!, read(out, `${command}-x.csv`));
    }
    expect(runPulse(['trends', archive, '--out', join(out, 'trends.xlsx'), '--no-cache', '--quiet']).code).toBe(0);
    expect(sheetsOf(join(out, 'trends.xlsx')).length).toBe(4);
    expect(runPulse(['compare', archive, '--category', 'pd', '--category', 'operate', '--out', join(out, 'compare.xlsx'), '--no-cache', '--quiet']).code).toBe(0);
    expect(sheetsOf(join(out, 'compare.xlsx'))[0]![0]).toContain('ratio');
    expect(runPulse(['load', archive, '--out', join(out, 'articles.xlsx'), '--no-cache', '--quiet']).code).toBe(0);
    expect(sheetsOf(join(out, 'articles.xlsx'))[0]![0]!.slice(0, 3)).toEqual(['id', 'title', 'author']);
  });

  it('pulse trends --out: the report\'s monthly table and rising and fading topics', () => {
    expect(runPulse(['trends', archive, '--out', join(out, 'trends'), '--no-cache', '--quiet']).code).toBe(0);
    expect(read(out, 'trends', 'trends.csv')).toBe(read(report(), 'trends', 'tables', 'by-month.csv'));
    expect(read(out, 'trends', 'rising-fading.csv')).toBe(read(report(), 'trends', 'tables', 'rising-fading.csv'));
  });

  it('pulse compare --out: compare.csv, its report and the Compare notebook agree', () => {
    const run = runPulse(['compare', archive, '--category', 'pd', '--category', 'operate', '--out', join(out, 'compare'), '--no-cache', '--quiet']);
    expect(run.code).toBe(0);
    const csv = read(out, 'compare', 'compare.csv');
    const table = readdirSync(join(out, 'compare', 'tables'))[0]!;
    expect(csv).toBe(read(out, 'compare', 'tables', table));
    // The sentence printed is the report's.
    const sentence = run.stdout.split('\n')[0]!;
    expect(read(out, 'compare', 'index.md')).toContain(sentence.replace(/([*_|<>[\]])/g, '\\$1'));
  });
});
