/**
 * Outputs other programs read: the same report bytes in every time zone, CSV that a strict
 * independent parser reads back cell for cell (control characters and lone carriage returns
 * included), and SVG that an XML parser accepts whatever the data holds.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import XLSX from 'xlsx';
import { parse as parseVega, View } from 'vega';
import { compile } from 'vega-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../src/export/csv.ts';
import { filesUnder, writeTree } from '../helpers/fixtures.ts';
import { CONTROL_TAG, hostileArchive } from '../helpers/hostile.ts';
import { runPulse } from '../helpers/run-cli.ts';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'];

describe('report outputs', () => {
  let archive: string;
  let out: string;
  beforeAll(() => {
    archive = hostileArchive();
    out = writeTree({});
    for (const zone of ZONES) {
      const run = runPulse(['report', archive, '--out', join(out, zone.replace('/', '-')), '--min-count', '3', '--no-cache', '--quiet'], undefined, { TZ: zone });
      if (run.code !== 0) throw new Error(run.stderr);
    }
  }, 180_000);
  afterAll(() => {
    rmSync(archive, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('is byte-identical in UTC, Asia/Shanghai and America/Los_Angeles, monthly charts included', () => {
    const [first, ...others] = ZONES.map((zone) => join(out, zone.replace('/', '-')));
    const names = filesUnder(first!);
    expect(names.some((name) => name.endsWith('monthly-volume.svg'))).toBe(true);
    for (const other of others) {
      expect(filesUnder(other)).toEqual(names);
      const differing = names.filter((name) => !readFileSync(join(first!, name)).equals(readFileSync(join(other, name))));
      expect(differing).toEqual([]);
    }
    // The months are labelled as they are, not one early.
    const svg = readFileSync(join(first!, 'overview', 'charts', 'monthly-volume.svg'), 'utf8');
    expect(svg).toMatch(/month \(year-month\): 2019-\d\d/);
  });

  it('writes CSV that a strict parser reads back, control characters in their cells, lone CRs quoted', () => {
    const root = join(out, 'UTC');
    const csvs = filesUnder(root).filter((name) => name.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(5);
    for (const name of csvs) {
      const text = readFileSync(join(root, name), 'utf8');
      const rows = parse(text, { relax_column_count: false, relax_quotes: false, skip_empty_lines: false }) as string[][];
      expect(new Set(rows.map((r) => r.length)).size, name).toBe(1);
    }
    const tags = parse(readFileSync(join(root, 'tags', 'tables', 'tag-leaderboard.csv'), 'utf8'), { columns: true }) as { tag: string }[];
    expect(tags.map((t) => t.tag)).toContain(CONTROL_TAG);
    // A lone carriage return is quoted, so readers that split rows on it do not.
    expect(toCsv([{ a: 'x\ry', b: 1 }], ['a', 'b'])).toBe('a,b\n"x\ry",1\n');
    expect(parse(toCsv([{ a: 'x\ry', b: 1 }], ['a', 'b']), { columns: true })).toEqual([{ a: 'x\ry', b: '1' }]);
  });

  it('writes Vega-Lite specs that plain vega-lite compiles and plain vega renders, with no format of pulse\'s', async () => {
    const root = join(out, 'UTC');
    const specs = filesUnder(root).filter((name) => name.endsWith('.vl.json'));
    expect(specs.length).toBeGreaterThan(10);
    for (const name of specs) {
      const text = readFileSync(join(root, name), 'utf8');
      expect(text, name).not.toMatch(/"formatType":\s*"(?!number|time|utc)/);
      const compiled = compile(JSON.parse(text)).spec;
      const view = new View(parseVega(compiled), { renderer: 'none' });
      const svg = await view.toSVG();
      view.finalize();
      expect(svg, name).toMatch(/^<svg/);
    }
    // Axis labels of counts come out of plain vega as the reports write them.
    const volume = readFileSync(join(root, 'overview', 'charts', 'views-distribution.vl.json'), 'utf8');
    expect(volume).toContain('labelExpr');
  });

  it('writes report.xlsx that an independent reader reads back equal to the CSVs, cell for cell', () => {
    const root = join(out, 'UTC');
    let sheets = 0;
    for (const notebook of ['overview', 'tags', 'authors', 'trends', 'compare']) {
      const bytes = readFileSync(join(root, notebook, 'report.xlsx'));
      const book = XLSX.read(bytes, { cellDates: true });
      const csvs = filesUnder(join(root, notebook, 'tables'));
      expect(book.SheetNames.length, notebook).toBe(csvs.length);
      for (const name of book.SheetNames) {
        expect(name.length).toBeLessThanOrEqual(31);
        expect(name).not.toMatch(/[[\]:*?/\\]/);
      }
      // Sheets are in the tables' order; the CSV files are listed by name.
      const byName = new Map(csvs.map((file) => [file.replace(/\.csv$/, ''), parse(readFileSync(join(root, notebook, 'tables', file), 'utf8')) as string[][]]));
      for (const [index, sheetName] of book.SheetNames.entries()) {
        const sheet = book.Sheets[sheetName]!;
        expect(sheet['!freeze'] ?? JSON.stringify(XLSX.utils.sheet_to_json(sheet, { header: 1 }).length)).toBeTruthy();
        const rows = XLSX.utils.sheet_to_json(sheet, { header: 1, raw: true, defval: null }) as unknown[][];
        // The sheet is named after its table (cut to 31 characters).
        const stem = sheetName.replace(/ \(\d+\)$/, '');
        const csv = [...byName].find(([file]) => file === stem || (stem.length >= 28 && file.startsWith(stem)))?.[1];
        expect(csv, `${notebook}/${sheetName} (sheet ${index + 1}) matches a CSV`).toBeDefined();
        for (let r = 1; r < rows.length; r++) {
          for (let c = 0; c < rows[0]!.length; c++) {
            const cell = rows[r]![c];
            const text = csv![r]![c]!;
            const shown = cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === 'boolean' ? String(cell) : String(cell);
            if (typeof cell === 'number') expect(cell, `${notebook}/${sheetName} ${r},${c}`).toBe(Number(text));
            else expect(shown, `${notebook}/${sheetName} ${r},${c}`).toBe(text);
          }
        }
        sheets++;
      }
    }
    expect(sheets).toBeGreaterThan(8);
    // The header row is frozen and bold.
    const xml = unzipSync(readFileSync(join(root, 'tags', 'report.xlsx')));
    expect(strFromU8(xml['xl/worksheets/sheet1.xml']!)).toMatch(/<pane [^>]*state="frozen"/);
    expect(strFromU8(xml['xl/styles.xml']!)).toContain('<b/>');
  });

  it('writes SVG that XML parsers accept, with control characters in the data', () => {
    const root = join(out, 'UTC');
    const svgs = filesUnder(root).filter((name) => name.endsWith('.svg'));
    const withTag = svgs.filter((name) => readFileSync(join(root, name), 'utf8').includes('red'));
    expect(withTag.length).toBeGreaterThan(0);
    for (const name of svgs) {
      const svg = readFileSync(join(root, name), 'utf8');
      expect(XMLValidator.validate(svg), name).toBe(true);
      // What XML 1.0 forbids (fast-xml-parser does not check it): C0 controls but tab, LF and CR, raw or as references.
      expect(svg, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|&#(x0*([0-8bcefBCEF]|1[0-9a-fA-F])|0*([0-8]|1[124-9]|2[0-9]|3[01]));/);
    }
  });
});
