/**
 * One table as a workbook's worksheet part (SpreadsheetML), and the cell styles the parts share:
 * numbers as numbers in their column's format, publish dates as dates, text inline and
 * spreadsheet-safe, the header row bold and frozen, widths from the first rows. The part is
 * written as bytes, cell by cell, into one growing buffer: a report's largest sheet has millions
 * of cells, and a string per cell cost more in garbage collection than in writing.
 */
import { guardCell } from '../load/formats/spreadsheet.ts';
import { inferFormat, numberDecimals, percentDecimals } from '../report/format-cell.ts';
import type { ColumnFormat } from '../report/notebook.ts';
import { ByteWriter } from './byte-writer.ts';
import { displayWidth } from '../display-width.ts';

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

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Most characters a cell holds: Excel refuses (and offers to "repair") a workbook with more. */
export const MAX_CELL_TEXT = 32_767;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Rows measured for the column widths: they are cosmetic, and measuring every cell of a 60,000-row sheet took a second. */
const WIDTH_SAMPLE_ROWS = 2000;

/** Text in XML character data or an attribute. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/**
 * Text as a workbook stores it: control characters XML cannot hold written as `_xHHHH_`, which
 * spreadsheet programs read back as the character (and a literal `_xHHHH_` protected by `_x005F_`).
 */
function xmlText(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/** Text cut to what a cell holds, ending in '…' when cut (never inside a surrogate pair); the CSV keeps it whole. */
function fitCell(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  let end = MAX_CELL_TEXT - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}…`;
}

/** The text a cell of any other kind than number, flag or date shows (lists joined by `|`). */
function cellText(value: unknown): string {
  return fitCell(guardCell(Array.isArray(value) ? value.join('|') : String(value)));
}

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

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The workbook's styles: cell formats by number format and weight, in the order first asked. */
export class Styles {
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

/** How a column's cells are written: the markup before a cell's row number and after it, by kind. */
interface ColumnPlan {
  values: ArrayLike<unknown>;
  date: boolean;
  /** `<c r="` and the column's letters. */
  open: string;
  /** After the reference of a number or date: its style and `><v>`. */
  numberOpen: string;
}

/** The text of a cell written inline (no shared-strings part: each text is written where it stands). */
function writeText(out: ByteWriter, text: string): void {
  const escaped = xmlEscape(xmlText(text));
  out.ascii(/^\s|\s$/.test(escaped) ? '" t="inlineStr"><is><t xml:space="preserve">' : '" t="inlineStr"><is><t>');
  out.utf8(escaped);
  out.ascii('</t></is></c>');
}

/** Widest a column is made, in characters (wider text shows clipped, or runs into an empty neighbour). */
const MAX_COLUMN_WIDTH = 60;

/** Each column's width: its name's and its first rows' cells' (a number, flag or date counts 12), in characters. */
function columnWidths(plans: readonly ColumnPlan[], names: readonly string[], rows: number): number[] {
  return plans.map(({ values, date }, c) => {
    let width = displayWidth(names[c]!);
    // Measured until it reaches the widest a column is made: a column of long titles stops at the first.
    for (let row = 0; row < Math.min(rows, WIDTH_SAMPLE_ROWS) && width < MAX_COLUMN_WIDTH; row++) {
      const value = values[row];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
      const plain = typeof value === 'number' || typeof value === 'boolean' || (date && typeof value === 'string');
      width = Math.max(width, plain ? 12 : displayWidth(cellText(value)));
    }
    return width;
  });
}

/** Whether every value is a day (YYYY-MM-DD) or missing: read in place, not copied. */
function allDays(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && value !== undefined && !(typeof value === 'string' && DAY.test(value))) return false;
  }
  return true;
}

/**
 * One table as a worksheet part (the header row bold and frozen, widths from the first rows),
 * written in pieces by the function returned (a ZipEntry's data): a sheet of millions of cells is
 * never whole in memory. Its styles are taken from `styles` at once, so the workbook's styles part
 * can be made before any sheet is written.
 */
export function sheetXmlWriter(sheet: PlainSheet, styles: Styles): (write: (piece: Uint8Array) => void) => void {
  const names = sheet.columns.map((column) => column.name);
  const rows = sheet.rows;
  const header = styles.of(undefined, true);
  const plans: ColumnPlan[] = sheet.columns.map(({ name, values }, c) => {
    const format = sheet.formats?.[name] ?? inferFormat(name, values);
    const date = /published|date/i.test(name) && allDays(values);
    const style = styles.of(date ? 'yyyy-mm-dd' : numberFormat(format, values));
    return { values, date, open: `<c r="${columnLetters(c)}`, numberOpen: `"${style ? ` s="${style}"` : ''}><v>` };
  });
  const cols = columnWidths(plans, names, rows).map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(MAX_COLUMN_WIDTH, Math.max(8, w + 2))}" customWidth="1"/>`).join('');
  const frozen = '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  return (write) => {
    const out = new ByteWriter(write);
    out.utf8(`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${frozen}${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`);
    out.ascii('<row r="');
    out.ascii('1">');
    names.forEach((name, c) => {
      out.ascii(plans[c]!.open);
      out.ascii(`1" s="${header}`);
      writeText(out, name);
    });
    out.ascii('</row>');
    for (let row = 0; row < rows; row++) {
      const r = row + 2;
      out.ascii('<row r="');
      out.number(r);
      out.ascii('">');
      for (let c = 0; c < plans.length; c++) {
        const { values, date, open, numberOpen } = plans[c]!;
        const value = values[row];
        if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
        const text = typeof value === 'number' || typeof value === 'boolean' || (date && typeof value === 'string') ? undefined : cellText(value);
        if (text === '') continue;
        out.ascii(open);
        out.number(r);
        if (text !== undefined) writeText(out, text);
        else if (typeof value === 'boolean') {
          out.ascii('" t="b"><v>');
          out.ascii(value ? '1' : '0');
          out.ascii('</v></c>');
        } else {
          out.ascii(numberOpen);
          out.number(typeof value === 'number' ? value : excelDay(value as string));
          out.ascii('</v></c>');
        }
      }
      out.ascii('</row>');
      out.afterRow(row, rows);
    }
    out.ascii('</sheetData></worksheet>');
    out.finish();
  };
}
