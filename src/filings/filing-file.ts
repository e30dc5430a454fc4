import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { RenderedFiling } from '../domain/filing/render-filing';
import { toCsv } from '../http/csv';

export interface FilingFile {
  bytes: Buffer;
  contentType: string;
  extension: 'xlsx' | 'csv';
}

/**
 * The bytes of a rendered filing. In xlsx every cell is text (format '@'): an ID number
 * typed as a number loses its last digits and its X, and a date or 202407 would become
 * a number the bureau's parser does not take. In CSV, cells are quoted and neutralised
 * against formulas as every export of the API (http/csv.ts); UTF-8 gets a byte-order
 * mark (Excel needs it to read Chinese), GB18030 none (GBK systems would show it as text).
 */
export async function filingFile(
  rendered: RenderedFiling,
  format: 'xlsx' | 'csv',
  encoding: 'utf8' | 'gb18030',
  sheetName: string,
): Promise<FilingFile> {
  if (format === 'csv') {
    // Headers are unique (validated at publication), so each row can be keyed by them.
    const rows = rendered.rows.map((cells) => Object.fromEntries(cells.map((cell, i) => [rendered.header[i], cell])));
    const text = toCsv(rendered.header, rows);
    const bytes = encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(`\uFEFF${text}`, 'utf8');
    return { bytes, contentType: `text/csv; charset=${encoding === 'gb18030' ? 'gb18030' : 'utf-8'}`, extension: 'csv' };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = rendered.header.map((header) => ({ header, width: Math.max(12, header.length * 2 + 4), style: { numFmt: '@' } }));
  for (const cells of rendered.rows) sheet.addRow(cells);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
}
