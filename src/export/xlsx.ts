/**
 * Tables as an Excel workbook: one sheet per table, numbers stored as numbers
 * with the reports' formats (rates as percentages, counts with thousands separators), publish
 * dates as dates, the header row bold and frozen, columns wide enough for their Chinese text,
 * and text made spreadsheet-safe by the CSV's rule (a cell starting with =, +, - or @ gets a
 * leading ').
 */
import type { ColumnTable } from 'arquero';
import stringWidth from 'string-width';
import { guardCell } from '../load/formats/spreadsheet.ts';
import { inferFormat, numberDecimals, percentDecimals } from '../report/format-cell.ts';
import type { ColumnFormat } from '../report/notebook.ts';
import { type PageTable, pageTableOf, tableDataOf } from '../report/table-data.ts';
import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.ts';
import { zip, type ZipEntry } from './zip.ts';
import { columnsToCsv } from './csv.ts';

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

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Rows measured for the column widths. */
const WIDTH_SAMPLE_ROWS = 2000;

/** The Excel number format of a column. */
function numberFormat(format: ColumnFormat, values: ArrayLike<unknown>): string | undefined {
  if (format === 'percent') return percentDecimals(values) === 2 ? '0.00%' : '0.0%';
  if (format === 'integer') return '#,##0';
  if (format === 'pvalue') return '0.000';
  if (format === 'number') return ['#,##0', '#,##0.0', '#,##0.00'][numberDecimals(values)];
  return undefined;
}

/** A `YYYY-MM-DD` day as Excel's day number (days since 1899-12-30), the same in every time zone. */
function excelDay(day: string): number {
  return (Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/**
 * Text as a workbook stores it: control characters XML cannot hold written as `_xHHHH_`, which
 * spreadsheet programs read back as the character (and a literal `_xHHHH_` protected by `_x005F_`).
 */
function xmlText(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Most characters a cell holds: Excel refuses (and offers to "repair") a workbook with more. */
export const MAX_CELL_TEXT = 32_767;

/** Text cut to what a cell holds, ending in '…' when cut (never inside a surrogate pair); the CSV keeps it whole. */
function fitCell(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

/** A column's way of writing its cells: its letters, its style (index into the cellXfs) and kind. */
interface ColumnPlan {
  letters: string;
  values: ArrayLike<unknown>;
  style: number;
  date: boolean;
}

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Text in XML character data or an attribute. */
function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** A text cell, inline (no shared-strings part: each text is written where it stands). */
function textCell(ref: string, style: number, text: string): string {
  const escaped = xmlEscape(xmlText(text));
  const space = /^\s|\s$/.test(escaped) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${space}>${escaped}</t></is></c>`;
}

/** The workbook's styles: cell formats by number format and weight, in the order first asked. */
class Styles {
  private readonly formats: string[] = [];
  private readonly xfs: { format: number; bold: boolean }[] = [{ format: 0, bold: false }];
  private readonly index = new Map<string, number>([['|false', 0]]);

  /** The cellXfs index of this number format (none: General) and weight. */
  of(format: string | undefined, bold = false): number {
    const key = `${format ?? ''}|${bold}`;
    let found = this.index.get(key);
    if (found === undefined) {
      let id = 0;
      if (format) {
        const at = this.formats.indexOf(format);
        id = 164 + (at >= 0 ? at : this.formats.push(format) - 1); // custom formats start at 164
      }
      found = this.xfs.push({ format: id, bold }) - 1;
      this.index.set(key, found);
    }
    return found;
  }

  xml(): string {
    const formats = this.formats.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlEscape(code)}"/>`).join('');
    const xfs = this.xfs.map(({ format, bold }) => `<xf numFmtId="${format}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${format ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}/>`).join('');
    return `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">${formats ? `<numFmts count="${this.formats.length}">${formats}</numFmts>` : ''}`
      + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
      + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
      + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + `<cellXfs count="${this.xfs.length}">${xfs}</cellXfs>`
      + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Rows of sheet XML turned into bytes at a time (a string of a million rows would pass V8's limit). */
const ROWS_A_CHUNK = 4096;

/**
 * A sheet as plain data, which a worker thread can be sent: its name, columns' names and values
 * (row order), and the formats that override the inferred ones.
 */
export interface PlainSheet {
  name: string;
  rows: number;
  columns: { name: string; values: ArrayLike<unknown> }[];
  formats?: Record<string, ColumnFormat>;
  page?: { columns: readonly string[]; limit: number };
}

/** A table's sheet as plain data. */
function plainSheet(sheet: SheetTable): PlainSheet {
  if (sheet.table.numRows() + 1 > MAX_SHEET_ROWS) throw new Error(`${sheet.name}: ${sheet.table.numRows().toLocaleString('en-US')} rows do not fit an Excel sheet (at most ${(MAX_SHEET_ROWS - 1).toLocaleString('en-US')}): write CSV, Arrow or Parquet instead`);
  return {
    name: sheet.name, rows: sheet.table.numRows(),
    columns: sheet.table.columnNames().map((name) => ({ name, values: sheet.table.array(name) as ArrayLike<unknown> })),
    ...(sheet.formats ? { formats: sheet.formats } : {}),
    ...(sheet.page ? { page: sheet.page } : {}),
  };
}

/** One table as a worksheet part: the header row bold and frozen, widths from the first rows. */
function sheetXml(sheet: PlainSheet, styles: Styles): Buffer {
  const names = sheet.columns.map((column) => column.name);
  const rows = sheet.rows;
  const header = styles.of(undefined, true);
  const widths = names.map((name) => stringWidth(name));
  const columns: ColumnPlan[] = sheet.columns.map(({ name, values }, c) => {
    const format = sheet.formats?.[name] ?? inferFormat(name, values);
    const date = /published|date/i.test(name) && Array.from(values).every((v) => v === null || v === undefined || (typeof v === 'string' && DAY.test(v)));
    return { letters: columnLetters(c), values, date, style: styles.of(date ? 'yyyy-mm-dd' : numberFormat(format, values)) };
  });
  const chunks: Buffer[] = [];
  let rowsXml = [`<row r="1">${names.map((name, c) => textCell(`${columns[c]!.letters}1`, header, name)).join('')}</row>`];
  for (let row = 0; row < rows; row++) {
    const r = row + 2;
    let xml = `<row r="${r}">`;
    for (let c = 0; c < columns.length; c++) {
      const { letters, values, style, date } = columns[c]!;
      const value = values[row];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
      const ref = letters + r;
      let text: string | undefined;
      if (typeof value === 'number') xml += `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
      else if (typeof value === 'boolean') xml += `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
      else if (date && typeof value === 'string') xml += `<c r="${ref}" s="${style}"><v>${excelDay(value)}</v></c>`;
      else if ((text = fitCell(guardCell(Array.isArray(value) ? value.join('|') : String(value))))) xml += textCell(ref, 0, text);
      // Widths from the first rows: they are cosmetic, and measuring every cell of a 60,000-row sheet took a second.
      if (row < WIDTH_SAMPLE_ROWS) widths[c] = Math.max(widths[c]!, text !== undefined ? stringWidth(text) : 12);
    }
    rowsXml.push(xml, '</row>');
    if (row % ROWS_A_CHUNK === ROWS_A_CHUNK - 1) {
      chunks.push(Buffer.from(rowsXml.join(''), 'utf8')); // joined flat: encoding a string of pieces costs more
      rowsXml = [];
    }
  }
  rowsXml.push('</sheetData></worksheet>');
  chunks.push(Buffer.from(rowsXml.join(''), 'utf8'));
  const cols = widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(60, Math.max(8, w + 2))}" customWidth="1"/>`).join('');
  const frozen = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  const start = `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${frozen}${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
  return Buffer.concat([Buffer.from(start, 'utf8'), ...chunks]);
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
  const parts = (sheets.length ? sheets.map((sheet) => sheetXml(sheet, styles)) : [empty]).map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data }));
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

/** From this many cells a workbook is written on a worker thread (below, starting one costs more). */
export const WORKER_CELLS = 200_000;

/**
 * toXlsx on a worker thread, so that the calling thread goes on (a report renders its pages
 * meanwhile); the same bytes. Small workbooks, and a worker that cannot start, are written here.
 * @throws Error when a table has more rows than a sheet holds
 * @example const workbook = toXlsxAside(sheets); … files.set('report.xlsx', await workbook)
 */
export async function toXlsxAside(sheets: readonly SheetTable[]): Promise<Uint8Array> {
  return (await sheetFilesAside(sheets)).workbook;
}

/** A workbook of tables and each table's CSV text, in order (sheetFilesAside). */
export interface SheetFiles {
  workbook: Uint8Array;
  csv: string[];
  /** Each sheet's page data, for those that asked (SheetTable.page). */
  pages: (PageTable | undefined)[];
}

/**
 * The workbook of the tables and the CSV text of each (tableToCsv's), both written on a worker
 * thread when the tables are large (from WORKER_CELLS cells), else here: a report renders its next
 * notebooks while the largest tables are written.
 * @throws Error when a table has more rows than a sheet holds
 * @example const { workbook, csv } = await sheetFilesAside([{ name: 'tags', table }])
 */
export function sheetFilesAside(sheets: readonly SheetTable[]): Promise<SheetFiles> {
  const plain = sheets.map(plainSheet);
  const cells = plain.reduce((sum, sheet) => sum + sheet.rows * sheet.columns.length, 0);
  if (cells < WORKER_CELLS) return Promise.resolve(sheetFiles(plain));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(workerScript(import.meta.url, 'xlsx-worker'), { workerData: plain });
    } catch {
      resolve(sheetFiles(plain));
      return;
    }
    worker.once('message', (files: SheetFiles) => {
      resolve(files);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`xlsx worker stopped (exit code ${code}) before the workbook was written`)));
  });
}

/** The workbook and CSV texts of plain sheets (on whichever thread has them). */
export function sheetFiles(sheets: readonly PlainSheet[]): SheetFiles {
  return { workbook: workbookBytes(sheets), csv: sheets.map((sheet) => columnsToCsv(sheet.columns, sheet.rows)), pages: sheets.map(sheetPage) };
}

/** The page data a sheet asks for, when every column it names is in the sheet. */
function sheetPage(sheet: PlainSheet): PageTable | undefined {
  if (!sheet.page) return undefined;
  const byName = new Map(sheet.columns.map((column) => [column.name, column.values]));
  if (!sheet.page.columns.every((name) => byName.has(name))) return undefined;
  return pageTableOf(tableDataOf(sheet.page.columns, sheet.page.columns.map((name) => byName.get(name)!), sheet.formats), sheet.page.limit);
}
