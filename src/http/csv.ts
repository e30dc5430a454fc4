import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';

/** HR staff open reports in a spreadsheet: `Accept: text/csv` gets CSV instead of JSON. */
export const wantsCsv = (request: Request): boolean => /\btext\/csv\b/.test(request.headers.accept ?? '');

/**
 * Writes rows as CSV (RFC 4180, UTF-8 with a byte-order mark so that Excel reads
 * Chinese correctly). Columns are given explicitly: a report never leaks a field
 * by accident, and masked values stay masked.
 */
export function sendCsv(response: Response, filename: string, columns: string[], rows: Array<Record<string, unknown>>): void {
  const body = stringify(
    rows.map((row) => columns.map((c) => csvCell(row[c]))),
    { header: true, columns },
  );
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.send(`\uFEFF${body}`);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(csvCell).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  // A cell starting with = + - @ is a formula to a spreadsheet (CSV injection): quote it as text.
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
