/**
 * A file as rows of cells, whatever it was written in: CSV cells are text, Excel
 * cells keep their type (a number, a date, text). Row numbers are the ones the
 * person sees in Excel (the first row is 1), and go into the report and into
 * the events' origin.
 */
export type Cell = string | number | Date | null;

export interface SheetRow {
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: SheetRow[];
  /** Excel's 1904 date system (old Mac workbooks): serial numbers count from 1904-01-01. */
  date1904: boolean;
  /** The text encoding a CSV was read with (utf-8 or gb18030). */
  encoding?: string;
}

export const isBlank = (cell: Cell | undefined): boolean =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
