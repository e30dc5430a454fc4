import { InfoRecord, parse } from 'csv-parse/sync';
import { decodeText } from './encoding';
import { Sheet } from './sheet';

const DELIMITERS = [',', '\t', ';'] as const;

/**
 * Reads a CSV export with csv-parse (RFC 4180 quoting, quoted line breaks, ragged
 * rows kept so that a short or long row can be reported rather than stop the
 * import). The delimiter is the one the first line uses most: comma for Excel's
 * "CSV", tab for its "Unicode text", semicolon for some European locales.
 */
export function readCsv(bytes: Buffer, encoding?: string): Sheet {
  const decoded = decodeText(bytes, encoding);
  const records = parse(decoded.text, {
    delimiter: delimiterOf(decoded.text),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    trim: true,
    info: true,
    // The typings do not describe the `info: true` output shape.
  }) as unknown as Array<{ record: string[]; info: InfoRecord }>;
  // `records` counts every line-separated record, empty ones too: the row number Excel shows.
  const rows = records.map(({ record, info }) => ({ row: info.records, cells: record }));
  return { format: 'csv', rows, date1904: false, encoding: decoded.encoding };
}

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (d: string) => firstLine.split(d).length;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best));
}
