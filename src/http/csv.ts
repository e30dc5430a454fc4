import type { FastifyReply, FastifyRequest } from 'fastify';

/** HR staff open reports in a spreadsheet: `Accept: text/csv` gets CSV instead of JSON. */
export const wantsCsv = (request: FastifyRequest): boolean => /\btext\/csv\b/.test(request.headers.accept ?? '');

/**
 * Writes rows as CSV (RFC 4180 quoting, UTF-8 with a byte-order mark so that Excel
 * reads Chinese correctly). Columns are given explicitly: a report never leaks a
 * field by accident, and masked values stay masked.
 */
export function sendCsv(response: FastifyReply, filename: string, columns: string[], rows: Array<Record<string, unknown>>): void {
  response.header('Content-Type', 'text/csv; charset=utf-8');
  response.header('Content-Disposition', `attachment; filename="${filename}"`);
  response.send(`\uFEFF${toCsv(columns, rows)}`);
}

/** The header line and one line per row, each ended by LF. */
export function toCsv(columns: string[], rows: Array<Record<string, unknown>>): string {
  const lines = [columns.map(quoted), ...rows.map((row) => columns.map((c) => quoted(csvCell(row[c]))))];
  return lines.map((cells) => `${cells.join(',')}\n`).join('');
}

/**
 * A field is quoted when it holds a quote, a comma, or any line break: csv-stringify,
 * used before, left a bare CR unquoted, and a spreadsheet starts a new row at
 * it, so `x\r=2+5*cmd|calc` became a row of its own holding a formula.
 */
function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The text of one cell, neutralised against CSV injection (OWASP "CSV Injection"):
 * a cell whose first character, after any spaces, is = + - or @, or which starts
 * with a tab or CR, is read as a formula by Excel and LibreOffice, so it is
 * prefixed with ' and shown as text. Numbers are numbers, never formulas.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = Array.isArray(value) ? value.map(rawText).join('; ') : rawText(value);
  return /^\s*[=+\-@]|^[\t\r]/.test(text) ? `'${text}` : text;
}

function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
