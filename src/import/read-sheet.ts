import { extname } from 'node:path';
import { readCsv } from './csv-reader';
import { FileRejectedError } from './file-rejected';
import { Sheet } from './sheet';
import { readXlsx } from './xlsx-reader';

/** By content first (an .xlsx is a zip), then by name; old binary .xls is refused with what to do instead. */
export async function readSheet(bytes: Buffer, fileName: string, encoding: string | undefined): Promise<Sheet> {
  const zip = bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'));
  const ole = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (ole || extname(fileName).toLowerCase() === '.xls') {
    throw new FileRejectedError(
      '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV',
      'old Excel (.xls) files are not supported; save the file as .xlsx or CSV',
    );
  }
  if (!zip) {
    try {
      return readCsv(bytes, encoding);
    } catch (error) {
      // csv-parse refuses text it cannot split into records (a stray quote inside a field): the file's fault, not ours.
      if (error instanceof FileRejectedError) throw error;
      throw new FileRejectedError(`无法读取 CSV 文件：${String(error)}`, `cannot read the CSV file: ${String(error)}`);
    }
  }
  try {
    return await readXlsx(bytes);
  } catch (error) {
    throw new FileRejectedError(`无法读取 Excel 文件：${String(error)}`, `cannot read the Excel file: ${String(error)}`);
  }
}
