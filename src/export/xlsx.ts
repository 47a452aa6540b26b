/**
 * Tables as an Excel workbook (write-excel-file): one sheet per table, numbers stored as numbers
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

/** One sheet: its wanted name, its table, and column formats where the inferred ones will not do. */
export interface SheetTable {
  name: string;
  table: ColumnTable;
  formats?: Record<string, ColumnFormat>;
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

type Cell = null | { value: unknown; type?: unknown; format?: string; fontWeight?: 'bold' };

/** One table as sheet data and column widths. */
function sheetOf(sheet: SheetTable): { data: Cell[][]; columns: { width: number }[] } {
  const names = sheet.table.columnNames();
  const arrays = names.map((name) => sheet.table.array(name) as ArrayLike<unknown>);
  const formats = names.map((name, c) => sheet.formats?.[name] ?? inferFormat(name, arrays[c]!));
  const dates = names.map((name, c) => /published|date/i.test(name) && Array.from(arrays[c]!).every((v) => v === null || v === undefined || (typeof v === 'string' && DAY.test(v))));
  const widths = names.map((name) => stringWidth(name));
  const data: Cell[][] = [names.map((name) => ({ value: name, type: String, fontWeight: 'bold' as const }))];
  const numberFormats = names.map((_, c) => numberFormat(formats[c]!, arrays[c]!));
  for (let row = 0; row < sheet.table.numRows(); row++) {
    data.push(names.map((_, c) => {
      const value = arrays[c]![row];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return null;
      let cell: Cell;
      if (typeof value === 'number') cell = { value, type: Number, ...(numberFormats[c] ? { format: numberFormats[c] } : {}) };
      else if (typeof value === 'boolean') cell = { value, type: Boolean };
      else if (dates[c] && typeof value === 'string') cell = { value: excelDay(value), type: Number, format: 'yyyy-mm-dd' };
      else cell = { value: xmlText(guardCell(Array.isArray(value) ? value.join('|') : String(value))), type: String };
      // Widths from the first rows: they are cosmetic, and measuring every cell of a 60,000-row sheet took a second.
      if (row < WIDTH_SAMPLE_ROWS) widths[c] = Math.max(widths[c]!, typeof value === 'string' || Array.isArray(value) ? stringWidth(String(cell.value)) : 12);
      return cell;
    }));
  }
  return { data, columns: widths.map((w) => ({ width: Math.min(60, Math.max(8, w + 2)) })) };
}

/**
 * The workbook with every entry's time set to 1980-01-01 00:00 (the zip's own epoch): the writer
 * stamps the time of writing, and a report is the same bytes for the same input, whenever and
 * wherever it is written. The times are rewritten in place in the local and central headers, so
 * nothing is compressed twice (re-zipping a 60,000-row sheet took seconds).
 */
function fixedTimes(workbook: Uint8Array): Uint8Array {
  const out = workbook.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const end = endOfCentralDirectory(view);
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const epochDate = (1 << 5) | 1; // 1980-01-01 in DOS date form (years since 1980, month, day)
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('xlsx: unexpected zip layout (central directory)');
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, epochDate, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('xlsx: unexpected zip layout (local header)');
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, epochDate, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** The offset of the zip's end-of-central-directory record (searched from the end, past any comment). */
function endOfCentralDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new Error('xlsx: no end of central directory');
}

/**
 * A workbook of these tables, one sheet each, as bytes.
 * @throws Error when a table has more rows than a sheet holds
 * @example writeFileAtomic('tags.xlsx', await toXlsx([{ name: 'tags', table: board }]))
 */
export async function toXlsx(sheets: readonly SheetTable[]): Promise<Uint8Array> {
  for (const sheet of sheets) {
    if (sheet.table.numRows() + 1 > MAX_SHEET_ROWS) throw new Error(`${sheet.name}: ${sheet.table.numRows().toLocaleString('en-US')} rows do not fit an Excel sheet (at most ${(MAX_SHEET_ROWS - 1).toLocaleString('en-US')}): write CSV, Arrow or Parquet instead`);
  }
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const names = sheetNames(sheets.length ? sheets.map((s) => s.name) : ['empty']);
  const parts = sheets.length ? sheets.map((sheet, i) => ({ ...sheetOf(sheet), sheet: names[i]!, stickyRowsCount: 1 })) : [{ data: [[null]], sheet: names[0]! }];
  const write = writeExcelFile as unknown as (sheets: unknown[]) => { toBuffer(): Promise<Uint8Array> };
  return fixedTimes(new Uint8Array(await write(parts).toBuffer()));
}
