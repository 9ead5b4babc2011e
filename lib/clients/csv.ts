/**
 * CSV for spreadsheets (the clients export, issue 6 §4): RFC 4180 quoting, CRLF line
 * ends, and a UTF-8 byte order mark so Excel reads Chinese names as UTF-8 rather than
 * the system's code page. Pure: no server imports.
 *
 * Note: a cell a spreadsheet would take for a formula (=, +, -, @, or a tab or carriage
 * return first) gets a leading apostrophe, so a client's name cannot run anything on
 * the machine of whoever opens the file (OWASP "CSV injection").
 */

/** The byte order mark, written once before the header row. */
export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised when it could start a formula, quoted when it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  // Numbers are our own counts, never a formula; text is whatever someone typed.
  let text = typeof value === "number" ? String(value) : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of the file, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
