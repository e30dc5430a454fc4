import { dirname, join, parse } from 'node:path';
import { toCsv } from '../http/csv';
import { writePrivateFile } from '../infrastructure/data-dir';
import { ReportedProblem } from './importer';

/**
 * The rejected rows, one line per problem, as CSV with a UTF-8 byte-order mark
 * so that Excel opens the Chinese correctly. It names the row, the column and
 * why, never the value of a name or an ID number. Written on every run (a header
 * alone when nothing was rejected), so a script can always read it. Headers of
 * the imported file appear in it, so it is written as the API's exports are
 * (http/csv.ts): line breaks quoted, formulas neutralised.
 */
export function writeReport(file: string, problems: ReportedProblem[]): void {
  const records = problems.map((p) => ({ row: p.row, field: p.column, code: p.code, reason_zh: p.zh, reason_en: p.en }));
  // 0600: the rows and employee ids of a personnel file are not for every local user.
  writePrivateFile(file, `\ufeff${toCsv(['row', 'field', 'code', 'reason_zh', 'reason_en'], records)}`);
}

/** staff.csv → staff.import-report.csv, next to the input. */
export function defaultReportPath(input: string): string {
  const { name } = parse(input);
  return join(dirname(input), `${name}.import-report.csv`);
}
