import ExcelJS from 'exceljs';
import { Cell, Sheet } from './sheet';

/**
 * Reads the first worksheet of an .xlsx workbook with exceljs. Cells keep their
 * type: numbers stay numbers (an unformatted date column holds Excel serial
 * numbers), date-formatted cells come as Dates (UTC midnight of the day shown),
 * formulas give their cached result, links and rich text their text.
 */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer extends ArrayBuffer`; it reads Node's Buffer at run time.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: Sheet['rows'] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellValue(row.getCell(column).value));
    rows.push({ row: number, cells });
  });
  return { format: 'xlsx', rows, date1904: Boolean(workbook.properties.date1904) };
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return cellValue(value.result);
}
