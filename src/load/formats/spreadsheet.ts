/**
 * The spreadsheet-safety rule for CSV cells, both ways.
 * A text cell that starts with `=`, `+`, `-` or `@` (or a tab / carriage return) could run as a
 * formula in Excel or Sheets; it is written with a leading `'`, which those programs hide.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes one text cell safe to open in a spreadsheet. */
export function guardCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes guardCell when our own CSV is read back. */
export function unguardCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
