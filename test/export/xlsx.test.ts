import * as aq from 'arquero';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CELL_TEXT, sheetFilesAside, sheetNames, toXlsx, toXlsxAside, WORKER_CELLS, writeSheetFilesAside } from '../../src/export/xlsx.ts';
import { filesUnder, writeTree } from '../helpers/fixtures.ts';
import { joinedHtml, notebookHtmlParts, notebookToHtml, pageTable } from '../../src/report/html-page.ts';
import { createNotebook, type TableCell } from '../../src/report/notebook.ts';
import { tableToCsv } from '../../src/export/csv.ts';

/** The workbook's sheets as an independent reader (SheetJS) sees them: rows of raw values. */
function readBack(bytes: Uint8Array): { names: string[]; rows: unknown[][][]; book: XLSX.WorkBook } {
  const book = XLSX.read(bytes, { cellDates: true, cellNF: true });
  return { names: book.SheetNames, book, rows: book.SheetNames.map((name) => XLSX.utils.sheet_to_json(book.Sheets[name]!, { header: 1, raw: true, defval: null }) as unknown[][]) };
}

describe('toXlsx', () => {
  const table = aq.table({
    title: ['用户增长的5个方法', '=HYPERLINK("x")', ' spaced ', 'tab\there\u0001bell', 'a _x0041_ b', null],
    views: [12_345, 0, 7, -3, 1.5, null],
    collectRate: [0.0123, 0.5, 0, 1, NaN, 0.25],
    published: ['2024-03-01', '2019-12-31', null, '2024-02-29', '2000-01-01', '1999-12-31'],
    featured: [true, false, true, null, false, true],
    tags: [['产品', '增长'], [], ['a'], ['b', 'c'], ['<d>&'], ['e']],
    ratio: [1.25, 2.5, 0.125, 3, 4, 5],
  });

  it('writes cells an independent reader reads back: numbers, dates, booleans, text with controls and guards', async () => {
    const { names, rows } = readBack(await toXlsx([{ name: 'articles', table }]));
    expect(names).toEqual(['articles']);
    const [header, ...data] = rows[0]!;
    expect(header).toEqual(['title', 'views', 'collectRate', 'published', 'featured', 'tags', 'ratio']);
    expect(data.map((row) => row[0])).toEqual(['用户增长的5个方法', '\'=HYPERLINK("x")', ' spaced ', 'tab\there\u0001bell', 'a _x0041_ b', null]);
    expect(data.map((row) => row[1])).toEqual([12_345, 0, 7, -3, 1.5, null]);
    expect(data.map((row) => row[2])).toEqual([0.0123, 0.5, 0, 1, null, 0.25]);
    expect(data.map((row) => (row[3] instanceof Date ? row[3].toISOString().slice(0, 10) : row[3]))).toEqual(['2024-03-01', '2019-12-31', null, '2024-02-29', '2000-01-01', '1999-12-31']);
    expect(data.map((row) => row[4])).toEqual([true, false, true, null, false, true]);
    expect(data.map((row) => row[5])).toEqual(['产品|增长', null, 'a', 'b|c', '<d>&', 'e']);
  });

  it('gives numbers the reports\' formats, freezes the bold header and writes well-formed XML', async () => {
    const bytes = await toXlsx([{ name: 'articles', table }]);
    const parts = unzipSync(bytes);
    for (const [name, data] of Object.entries(parts)) expect(XMLValidator.validate(strFromU8(data)), name).toBe(true);
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    const styles = strFromU8(parts['xl/styles.xml']!);
    expect(styles).toContain('<b/>');
    const { book } = readBack(bytes);
    const cells = book.Sheets.articles!;
    expect(cells.B2!.z).toBe('#,##0'); // counts over 1,000: no decimals
    expect(cells.G2!.z).toBe('#,##0.00'); // small numbers: two
    expect(cells.C2!.z).toMatch(/%$/);
    expect(cells.D2!.z).toBe('yyyy-mm-dd');
  });

  it('sizes columns by their widest cell, a Chinese character as two, between 8 and 60', async () => {
    const widths = aq.table({
      id: [1, 2],
      tag: ['AI', 'B端产品'],
      title: ['短', '产品经理'.repeat(20)],
      note: ['café au lait', 'ok'],
    });
    const sheet = strFromU8(unzipSync(await toXlsx([{ name: 'w', table: widths }]))['xl/worksheets/sheet1.xml']!);
    const cols = [...sheet.matchAll(/<col min="(\d+)" max="\d+" width="(\d+)"/g)].map((m) => Number(m[2]));
    // id: a number counts 12; tag: 'B端产品' is 7 cells; title: capped; note: 'café au lait' is 12.
    expect(cols).toEqual([14, 9, 60, 14]);
  });

  it('is the same bytes for the same tables, and one sheet per table with names Excel accepts', async () => {
    const sheets = [{ name: 'tags/by: month?', table }, { name: 'tags/by: month?', table: aq.table({ n: [1] }) }, { name: 'x'.repeat(40), table: aq.table({}) }];
    const first = await toXlsx(sheets);
    expect(Buffer.from(await toXlsx(sheets)).equals(Buffer.from(first))).toBe(true);
    const { names, rows } = readBack(first);
    expect(names).toEqual(sheetNames(sheets.map((s) => s.name)));
    expect(names[0]).toBe('tags-by- month-');
    expect(names[1]).toBe('tags-by- month- (2)');
    expect(rows[1]).toEqual([['n'], [1]]);
    expect(readBack(await toXlsx([])).names).toEqual(['empty']);
  });

  it('writes the same bytes, and the same CSV, on a worker thread (toXlsxAside, sheetFilesAside) as on this one, large or small', async () => {
    const rows = Math.ceil(WORKER_CELLS / 4) + 10;
    const large = aq.table({
      tag: Array.from({ length: rows }, (_, i) => (i % 97 ? `标签${i % 1000}` : `=cmd${i}`)),
      count: Array.from({ length: rows }, (_, i) => i * 3),
      rate: Array.from({ length: rows }, (_, i) => (i % 13 ? (i % 1000) / 1e5 : null)),
      published: Array.from({ length: rows }, (_, i) => `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`),
    });
    const sheets = [{ name: 'large', table: large }, { name: 'small', table }];
    const aside = await toXlsxAside(sheets);
    expect(Buffer.from(aside).equals(Buffer.from(await toXlsx(sheets)))).toBe(true);
    // Its worksheet (about 5 MB of XML) is deflated in pieces as it is written: every row reads back.
    const largeBack = readBack(aside).rows[0]!;
    expect(largeBack).toHaveLength(rows + 1);
    expect(largeBack.slice(1).map((row) => row[1])).toEqual(large.array('count'));
    expect(largeBack.slice(1).map((row) => row[0])).toEqual(large.array('tag').map((tag) => (String(tag).startsWith('=') ? `'${tag}` : tag)));
    expect(Buffer.from(await toXlsxAside([{ name: 'small', table }])).equals(Buffer.from(await toXlsx([{ name: 'small', table }])))).toBe(true);
    // The tables' CSV, written beside the workbook on the same thread.
    const files = await sheetFilesAside(sheets);
    expect(files.csv.map((bytes) => Buffer.from(bytes).toString())).toEqual([tableToCsv(large), tableToCsv(table)]);
    expect(Buffer.from(files.workbook).equals(Buffer.from(aside))).toBe(true);
    // A page's table data, made beside the workbook on the worker: what the page would make itself.
    const page = { columns: ['count', 'tag', 'rate'], limit: 7 };
    const withPage = await sheetFilesAside([{ name: 'large', table: large, formats: { count: 'integer' }, page }, { name: 'small', table }]);
    const nb = createNotebook('T').table('large', large, { columns: page.columns, formats: { count: 'integer' }, limit: 7 });
    const cell = nb.cells[0] as TableCell;
    expect(withPage.pages[0]).toEqual(pageTable(cell));
    expect(withPage.pages[0]!.firstRows).toHaveLength(7);
    expect(withPage.pages[1]).toBeUndefined();
    expect(notebookToHtml(nb, new Map(), {}, new Map([['large', withPage.pages[0]!]]))).toBe(notebookToHtml(nb, new Map()));

    // Written where asked by the thread that made them (a report's staging folder): the same
    // bytes, the same page data, and no page-data file left once it has come back.
    const folder = writeTree({});
    try {
      for (const [at, asked] of [['worker', withPage], ['here', await sheetFilesAside([{ name: 'small', table, page }])]] as const) {
        const some = at === 'worker' ? [{ name: 'large', table: large, formats: { count: 'integer' as const }, page }, { name: 'small', table }] : [{ name: 'small', table, page }];
        const into = join(folder, at);
        const written = await writeSheetFilesAside(some, {
          workbook: join(into, 'report.xlsx'), csv: some.map((sheet) => join(into, `tables/${sheet.name}.csv`)), pageJson: some.map((_, i) => join(into, `.page-${i}.json`)),
        });
        // The worker's page JSON comes back as the bytes it wrote (never decoded), the same text.
        const asText = written.pages.map((page) => page && { ...page, json: typeof page.json === 'string' ? page.json : Buffer.from(page.json).toString('utf8') });
        expect(asText).toEqual(asked.pages);
        expect(written.pages.map((page) => page && typeof page.json)).toEqual(at === 'worker' ? ['object', undefined] : [undefined]);
        if (at === 'worker') {
          const page = joinedHtml(notebookHtmlParts(nb, new Map(), {}, new Map([['large', written.pages[0]!]])));
          expect(page).toBeInstanceOf(Uint8Array);
          expect(Buffer.from(page as Uint8Array).equals(Buffer.from(notebookToHtml(nb, new Map()), 'utf8'))).toBe(true);
        }
        expect(readFileSync(join(into, 'report.xlsx')).equals(Buffer.from(asked.workbook))).toBe(true);
        some.forEach((sheet, i) => expect(readFileSync(join(into, `tables/${sheet.name}.csv`)).equals(Buffer.from(asked.csv[i]!))).toBe(true));
        expect(filesUnder(into)).toEqual(['report.xlsx', ...some.map((sheet) => `tables/${sheet.name}.csv`).sort()]);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('cuts text longer than a cell holds (Excel refuses more), ending in …, never inside a character', async () => {
    const long = `${'长'.repeat(MAX_CELL_TEXT - 2)}😀${'尾'.repeat(100)}`;
    const { rows } = readBack(await toXlsx([{ name: 'long', table: aq.table({ title: [long, 'short'] }) }]));
    // The emoji's two code units would straddle the last place: it goes whole.
    expect(rows[0]![1]![0]).toBe(`${'长'.repeat(MAX_CELL_TEXT - 2)}…`);
    const plain = 'x'.repeat(MAX_CELL_TEXT + 5);
    expect(readBack(await toXlsx([{ name: 'x', table: aq.table({ t: [plain] }) }])).rows[0]![1]![0]).toBe(`${'x'.repeat(MAX_CELL_TEXT - 1)}…`);
    expect(rows[0]![2]![0]).toBe('short');
  });

  it('refuses a table longer than a sheet, naming it', async () => {
    const huge = { numRows: () => 1_048_576, columnNames: () => [] } as unknown as aq.ColumnTable;
    await expect(toXlsx([{ name: 'all', table: huge }])).rejects.toThrow(/all: 1,048,576 rows do not fit/);
  });
});
