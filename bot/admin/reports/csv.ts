export type CsvCell = string | number | boolean | null | undefined;

/**
 * Cells a spreadsheet would run as a formula: = + - @ at the start, and tab or carriage return
 * (OWASP's list). Visitors' words reach these files, so text is never trusted to be inert.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, quote
 * or line break (quotes doubled). Text cells that a spreadsheet would read as a formula get a
 * leading apostrophe; numbers are written as numbers.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const guarded = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
