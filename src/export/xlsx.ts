/**
 * Tables as an Excel workbook: one sheet per table, numbers stored as numbers
 * with the reports' formats (rates as percentages, counts with thousands separators), publish
 * dates as dates, the header row bold and frozen, columns wide enough for their Chinese text,
 * and text made spreadsheet-safe by the CSV's rule (a cell starting with =, +, - or @ gets a
 * leading ').
 */
import type { ColumnTable } from 'arquero';
import type { ColumnFormat } from '../report/notebook.ts';
import { type PageTable, pageTableOf, writePageTable } from '../report/table-data.ts';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFileAtomicStream } from '../io/write-atomic.ts';
import { dirname } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { SIDE_THREAD_LIMITS, startThread, workerScript } from '../worker-script.ts';
import { zip, type ZipEntry } from './zip.ts';
import { columnsToCsvBytes } from './csv.ts';
import { MAIN_NS, type PlainSheet, REL_NS, sheetXmlWriter, Styles, XML_HEAD, xmlEscape } from './sheet-xml.ts';
import { plainColumns } from '../analyze/columns.ts';

export { MAX_CELL_TEXT, type PlainSheet } from './sheet-xml.ts';

/** One sheet: its wanted name, its table, and column formats where the inferred ones will not do. */
export interface SheetTable {
  name: string;
  table: ColumnTable;
  formats?: Record<string, ColumnFormat>;
  /** Also make the table's page data (pageTableOf) of these columns, with this many first rows, on the same thread. */
  page?: { columns: readonly string[]; limit: number };
}

/** Most rows a sheet holds (Excel's limit, the header included). */
export const MAX_SHEET_ROWS = 1_048_576;
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f]/g;

/**
 * Sheet names Excel accepts: no `[ ] : * ? / \`, at most 31 characters, not empty, unique
 * (case-insensitively), not "History".
 * @example sheetNames(['tags', 'tags', 'a/b']) // ['tags', 'tags (2)', 'a-b']
 */
export function sheetNames(wanted: readonly string[]): string[] {
  const used = new Set<string>();
  return wanted.map((name) => {
    let base = [...name.replace(FORBIDDEN, '-').replace(/^'+|'+$/g, '').trim()].slice(0, 31).join('') || 'Sheet';
    if (base.toLowerCase() === 'history') base = 'History table';
    let candidate = base;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) {
      const suffix = ` (${i})`;
      candidate = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A table's sheet as plain data. */
function plainSheet(sheet: SheetTable): PlainSheet {
  if (sheet.table.numRows() + 1 > MAX_SHEET_ROWS) throw new Error(`${sheet.name}: ${sheet.table.numRows().toLocaleString('en-US')} rows do not fit an Excel sheet (at most ${(MAX_SHEET_ROWS - 1).toLocaleString('en-US')}): write CSV, Arrow or Parquet instead`);
  return {
    name: sheet.name, rows: sheet.table.numRows(),
    columns: plainColumns(sheet.table),
    ...(sheet.formats ? { formats: sheet.formats } : {}),
    ...(sheet.page ? { page: sheet.page } : {}),
  };
}

/** The parts every workbook has around its sheets. */
function workbookParts(sheetNamesInOrder: readonly string[], styles: Styles): ZipEntry[] {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  const sheets = sheetNamesInOrder.map((_, i) => i + 1);
  return [
    { name: '[Content_Types].xml', data: utf8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`) },
    { name: '_rels/.rels', data: utf8(`${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: utf8(`${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheetNamesInOrder.map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8(`${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">${sheets.map((n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`) },
    { name: 'xl/styles.xml', data: utf8(styles.xml()) },
  ];
}

/**
 * The workbook of plain sheets, one sheet each, as bytes (toXlsx's work, on whichever thread).
 * @example workbookBytes([{ name: 'tags', rows: 1, columns: [{ name: 'tag', values: ['AI'] }] }])
 */
export function workbookBytes(sheets: readonly PlainSheet[]): Uint8Array {
  const names = sheetNames(sheets.length ? sheets.map((s) => s.name) : ['empty']);
  const styles = new Styles();
  const empty = Buffer.from(`${XML_HEAD}<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`, 'utf8');
  const parts = (sheets.length ? sheets.map((sheet) => sheetXmlWriter(sheet, styles)) : [empty]).map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data }));
  return zip([...workbookParts(names, styles), ...parts]);
}

/**
 * A workbook of these tables, one sheet each, as bytes.
 * @throws Error when a table has more rows than a sheet holds
 * @example writeFileAtomic('tags.xlsx', await toXlsx([{ name: 'tags', table: board }]))
 */
export async function toXlsx(sheets: readonly SheetTable[]): Promise<Uint8Array> {
  return workbookBytes(sheets.map(plainSheet));
}

/** From this many cells a workbook is written on a worker thread (below, starting one costs more; docs/performance.md). */
export const WORKER_CELLS = 150_000;

/**
 * toXlsx on a worker thread, so that the calling thread goes on (a report renders its pages
 * meanwhile); the same bytes. Small workbooks, and a worker that cannot start, are written here.
 * @throws Error when a table has more rows than a sheet holds
 * @example const workbook = toXlsxAside(sheets); … files.set('report.xlsx', await workbook)
 */
export async function toXlsxAside(sheets: readonly SheetTable[]): Promise<Uint8Array> {
  return (await sheetFilesAside(sheets)).workbook;
}

/** A workbook of tables and each table's CSV, in order (sheetFilesAside). */
export interface SheetFiles {
  workbook: Uint8Array;
  /** Each table's CSV in UTF-8 (tableToCsvBytes'). */
  csv: Uint8Array[];
  /** Each sheet's page data, for those that asked (SheetTable.page). */
  pages: (PageTable | undefined)[];
}

/**
 * The workbook of the tables and the CSV of each (tableToCsvBytes'), both written on a worker
 * thread when the tables are large (from WORKER_CELLS cells), else here: a report renders its next
 * notebooks while the largest tables are written.
 * @throws Error when a table has more rows than a sheet holds
 * @example const { workbook, csv } = await sheetFilesAside([{ name: 'tags', table }])
 */
export function sheetFilesAside(sheets: readonly SheetTable[]): Promise<SheetFiles> {
  return onSheetThread({ sheets: sheets.map(plainSheet) }) as Promise<SheetFiles>;
}

/** What a sheet job gives back: the files' bytes, or (files written) the page data. */
export type SheetAnswer = SheetFiles | SheetPages;

/** The page data of sheets whose files were written; each JSON in its own file when `jsonInFiles`. */
export interface SheetPages {
  pages: (PageTable | undefined)[];
  jsonInFiles: boolean;
}

/** Where writeSheetFilesAside writes the workbook and each sheet's CSV. */
export interface SheetPaths {
  workbook: string;
  /** One path per sheet, in order. */
  csv: readonly string[];
  /**
   * A file per sheet for its page data's JSON on its way back from a worker thread, read and
   * removed by the calling thread: a message would hold it (twice its UTF-8 size for Chinese
   * text) until the calling thread next takes one, after the notebooks of a report.
   */
  pageJson: readonly string[];
}

/**
 * sheetFilesAside, with the files written at `paths` (folders made as needed) by the thread that
 * made them: the calling thread never holds their bytes (at a million articles, ~40 MB of the
 * authors' tables held until a report's end). The page data comes back.
 * @throws Error when a table has more rows than a sheet holds, or a file cannot be written
 * @example const { pages } = await writeSheetFilesAside([{ name: 'tags', table, page: { columns: ['tag'], limit: 20 } }], { workbook: 'out/report.xlsx', csv: ['out/tables/tags.csv'], pageJson: ['out/.page-0.json'] })
 */
export async function writeSheetFilesAside(sheets: readonly SheetTable[], paths: SheetPaths): Promise<Pick<SheetFiles, 'pages'>> {
  const { pages, jsonInFiles } = await onSheetThread({ sheets: sheets.map(plainSheet), paths }) as SheetPages;
  return {
    pages: pages.map((page, i) => {
      if (!page || !jsonInFiles) return page;
      // Kept as the bytes the page is written with: decoding the 1M authors' 20 MB costs ~0.2 s,
      // and the page's text would then hold ~40 MB more, to be encoded back for the file.
      const json = readFileSync(paths.pageJson[i]!);
      rmSync(paths.pageJson[i]!);
      return { ...page, json };
    }),
  };
}

/** What the sheets' thread is given: the sheets, and where to write their files (else it sends them back). */
export interface SheetJob {
  sheets: PlainSheet[];
  paths?: SheetPaths;
}

/** A sheet job done on a worker thread when its tables are large, else here. */
function onSheetThread(job: SheetJob): Promise<SheetAnswer> {
  const cells = job.sheets.reduce((sum, sheet) => sum + sheet.rows * sheet.columns.length, 0);
  if (cells < WORKER_CELLS) return new Promise((resolve) => resolve(sheetJob(job, false)));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startThread(workerScript(import.meta.url, 'xlsx-worker'), { workerData: job, resourceLimits: SIDE_THREAD_LIMITS });
    } catch {
      resolve(sheetJob(job, false));
      return;
    }
    worker.once('message', (answer: SheetAnswer) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`xlsx worker stopped (exit code ${code}) before the workbook was written`)));
  });
}

/**
 * A sheet job's work (on whichever thread has it): the files' bytes, or, given paths, the files
 * written there and the page data (its JSON in its own file when `jsonInFiles`: on a worker).
 * Written one file after the other, each let go before the next is made: at a million articles
 * the authors' workbook, CSV and page data are ~20 MB each.
 */
export function sheetJob(job: SheetJob, jsonInFiles: boolean): SheetAnswer {
  const { sheets, paths } = job;
  if (!paths) return sheetFiles(sheets);
  const write = (path: string, bytes: Uint8Array) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  };
  write(paths.workbook, workbookBytes(sheets));
  sheets.forEach((sheet, i) => write(paths.csv[i]!, columnsToCsvBytes(sheet.columns, sheet.rows)));
  if (!jsonInFiles) return { pages: sheets.map(sheetPage), jsonInFiles };
  return { pages: sheets.map((sheet, i) => sheetPageInto(sheet, paths.pageJson[i]!)), jsonInFiles };
}

/** The workbook and CSV of plain sheets (on whichever thread has them). */
export function sheetFiles(sheets: readonly PlainSheet[]): SheetFiles {
  return { workbook: workbookBytes(sheets), csv: sheets.map((sheet) => columnsToCsvBytes(sheet.columns, sheet.rows)), pages: sheets.map(sheetPage) };
}

/** The values of the columns a sheet's page asks for, when it asks and every one is in the sheet. */
function pageColumns(sheet: PlainSheet): { columns: readonly string[]; values: ArrayLike<unknown>[] } | undefined {
  if (!sheet.page) return undefined;
  const byName = new Map(sheet.columns.map((column) => [column.name, column.values]));
  if (!sheet.page.columns.every((name) => byName.has(name))) return undefined;
  return { columns: sheet.page.columns, values: sheet.page.columns.map((name) => byName.get(name)!) };
}

/** The page data a sheet asks for (see pageColumns). */
function sheetPage(sheet: PlainSheet): PageTable | undefined {
  const page = pageColumns(sheet);
  return page && pageTableOf(page.columns, page.values, sheet.formats ?? {}, sheet.page!.limit);
}

/** sheetPage with its JSON written into a file at `path` piece by piece (never held whole), and left empty in what it gives back. */
function sheetPageInto(sheet: PlainSheet, path: string): PageTable | undefined {
  const page = pageColumns(sheet);
  if (!page) return undefined;
  let written: Omit<PageTable, 'json'> | undefined;
  writeFileAtomicStream(path, (write) => {
    written = writePageTable(page.columns, page.values, sheet.formats ?? {}, sheet.page!.limit, (piece) => write(Buffer.from(piece, 'utf8')));
  });
  return { ...written!, json: '' };
}
