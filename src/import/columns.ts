import { FileRejectedError } from './file-rejected';
import { Cell, isBlank, Sheet, SheetRow } from './sheet';

/**
 * Which column holds which field. Each kind lists its fields with the headers HR
 * exports use for them (Chinese first, then English); a `--mapping` file maps
 * further headers, and wins over the defaults. Headers are compared without
 * blanks, case, full-width forms, a required-marker `*` or a unit in brackets, so
 * "缴费基数（元）*" is "缴费基数".
 */
export interface FieldSpec {
  key: string;
  /** The Chinese name, for messages when the file has no column for the field. */
  zh: string;
  aliases: string[];
  /** The column must be in the file (its cells may still be empty where the kind allows). */
  required?: boolean;
}

/** Header (as written in the mapping file) → field key, or null to ignore a column. */
export type MappingOverrides = Record<string, string | null>;

export interface Column {
  index: number;
  /** The header as written in the file, for the report. */
  header: string;
}

export interface Table {
  headerRow: number;
  columns: Map<string, Column>;
  /** Headers of columns that feed no field (reported, never an error). */
  ignored: string[];
  width: number;
  rows: SheetRow[];
}

/** The header is looked for in the first rows: exports often start with a title row ("2024年3月社保缴费明细"). */
const HEADER_SEARCH_ROWS = 10;

export const normalizedHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .replace(/[\s*]/g, '')
    .replace(/\([^)]*\)$/, '')
    .toLowerCase();

export function tableOf(sheet: Sheet, fields: FieldSpec[], overrides: MappingOverrides, kind: string): Table {
  const fieldOf = headerLookup(fields, overrides, kind);
  const known = (cells: Cell[]) => cells.filter((cell) => typeof cell === 'string' && fieldOf(cell)).length;
  const header = sheet.rows.slice(0, HEADER_SEARCH_ROWS).find((row) => known(row.cells) >= 2);
  if (!header) {
    const expected = fields.filter((f) => f.required).map((f) => f.aliases[0]);
    throw new FileRejectedError(
      `前 ${HEADER_SEARCH_ROWS} 行中找不到表头（应有 ${expected.join('、')} 等列）`,
      `no header row in the first ${HEADER_SEARCH_ROWS} rows (expected columns such as ${expected.join(', ')})`,
    );
  }

  const columns = new Map<string, Column>();
  const ignored: string[] = [];
  header.cells.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const text = String(cell).trim();
    const key = fieldOf(text);
    if (!key) return void ignored.push(text);
    const other = columns.get(key);
    if (other) {
      throw new FileRejectedError(
        `「${other.header}」和「${text}」两列都对应 ${key}，请用 --mapping 指定其中一列（另一列映射为 null）`,
        `columns "${other.header}" and "${text}" both map to ${key}; choose one with --mapping (map the other to null)`,
      );
    }
    columns.set(key, { index, header: text });
  });

  const missing = fields.filter((f) => f.required && !columns.has(f.key));
  if (missing.length > 0) {
    throw new FileRejectedError(
      `缺少必需的列：${missing.map((f) => `${f.aliases[0]}（${f.key}）`).join('、')}`,
      `missing required columns: ${missing.map((f) => `${f.key} (${f.aliases[0]})`).join(', ')}`,
    );
  }
  const rows = sheet.rows.filter((row) => row.row > header.row && !row.cells.every(isBlank));
  return { headerRow: header.row, columns, ignored, width: header.cells.length, rows };
}

/** How the report names a field: the file's header for it, else its Chinese name, else the key. */
export function columnHeader(table: Table, fields: FieldSpec[], key: string): string {
  return table.columns.get(key)?.header ?? fields.find((f) => f.key === key)?.zh ?? key;
}

function headerLookup(fields: FieldSpec[], overrides: MappingOverrides, kind: string): (header: string) => string | undefined {
  const keys = new Set(fields.map((f) => f.key));
  const byHeader = new Map<string, string | null>();
  for (const field of fields) for (const alias of [...field.aliases, field.key]) byHeader.set(normalizedHeader(alias), field.key);
  for (const [header, key] of Object.entries(overrides)) {
    if (key !== null && !keys.has(key)) {
      throw new FileRejectedError(
        `映射文件中「${header}」对应的 ${key} 不是 ${kind} 的字段（可用：${[...keys].join(', ')}）`,
        `mapping: "${header}" maps to ${key}, which is not a field of ${kind} (fields: ${[...keys].join(', ')})`,
      );
    }
    byHeader.set(normalizedHeader(header), key);
  }
  return (header) => byHeader.get(normalizedHeader(header)) ?? undefined;
}
