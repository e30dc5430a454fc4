import { validateResidentId } from '../domain/employee/resident-id';
import { IsoDate, IsoMonth } from '../domain/shared/calendar';
import { columnHeader, FieldSpec, Table } from './columns';
import { DateParse, parseDate, parseMonth } from './dates';
import { idNumberReasonZh, Problem } from './problems';
import { Cell, isBlank, SheetRow } from './sheet';
import { Vocabulary, yesNo } from './vocabulary';

type Optional = { optional?: boolean };

/**
 * Reads the fields of one row into typed values and collects every problem of
 * the row (not only the first), as the API lists every field error. A value is
 * quoted in a message only for dates, months, amounts and vocabulary, never for
 * names, ID numbers or contact data.
 */
export class RowReader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly row: SheetRow,
    private readonly table: Table,
    private readonly fields: FieldSpec[],
    private readonly date1904: boolean,
  ) {
    this.extraCells();
  }

  has(key: string): boolean {
    return !isBlank(this.cell(key));
  }

  /** Text as written (trimmed); for personal data too, as it is never quoted. */
  text(key: string, options?: Optional): string | undefined {
    const cell = this.present(key, options);
    if (cell === undefined) return undefined;
    return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).trim();
  }

  date(key: string, options?: Optional): IsoDate | undefined {
    return this.dated(key, options, parseDate, {
      code: 'INVALID_DATE',
      zh: '日期',
      en: 'date',
      examples: '2024-03-05, 2024/3/5, 2024年3月5日',
    });
  }

  month(key: string, options?: Optional): IsoMonth | undefined {
    return this.dated(key, options, parseMonth, {
      code: 'INVALID_MONTH',
      zh: '月份',
      en: 'month',
      examples: '2024-03, 2024/3, 202403, 2024年3月',
    });
  }

  /** Yuan; thousands separators, ¥ and 元 are allowed. Sign and decimals are checked by the API's own rules afterwards. */
  amount(key: string, options?: Optional): number | undefined {
    const cell = this.present(key, options);
    if (cell === undefined) return undefined;
    if (typeof cell === 'number') return cents(cell);
    const text = String(cell)
      .normalize('NFKC')
      .replace(/[\s,¥元]/g, '');
    if (/^[-+]?\d+(\.\d+)?$/.test(text)) return cents(Number(text));
    return this.problem(
      key,
      'INVALID_AMOUNT',
      (h) => `「${h}」的值「${shown(cell)}」不是金额`,
      (k) => `${k} "${shown(cell)}" is not an amount in yuan`,
    );
  }

  oneOf<Key extends string>(key: string, vocabulary: Vocabulary<Key>, options?: Optional): Key | undefined {
    const cell = this.present(key, options);
    if (cell === undefined) return undefined;
    return vocabulary.lookup(String(cell)) ?? this.unknownValue(key, String(cell), vocabulary);
  }

  /** A list such as "养老、医疗" or "pension,medical"; empty is undefined (the API's default applies). */
  listOf<Key extends string>(key: string, vocabulary: Vocabulary<Key>): Key[] | undefined {
    const cell = this.present(key, { optional: true });
    if (cell === undefined) return undefined;
    const items = String(cell)
      .split(/[,，、;；/\s]+/)
      .filter(Boolean);
    const keys = items.map((item) => vocabulary.lookup(item));
    const unknown = items.filter((_, i) => keys[i] === undefined);
    if (unknown.length > 0) return this.unknownValue(key, unknown.join('、'), vocabulary);
    return keys as Key[];
  }

  yesNo(key: string): boolean {
    const cell = this.cell(key);
    const value = isBlank(cell) ? false : yesNo(String(cell));
    if (value !== undefined) return value;
    this.problem(
      key,
      'UNKNOWN_VALUE',
      (h) => `「${h}」的值「${shown(cell)}」应为 是 或 否`,
      (k) => `${k} "${shown(cell)}" must be yes or no (是/否)`,
    );
    return false;
  }

  /** The number is checked here, and never quoted: the message names the rule it breaks. */
  residentId(key: string): string | undefined {
    const cell = this.present(key);
    if (cell === undefined) return undefined;
    if (typeof cell === 'number') {
      return this.problem(
        key,
        'INVALID_ID_NUMBER',
        (h) => `「${h}」被 Excel 存成了数字，末几位已丢失；请把该列设为文本后重新导出`,
        () => 'the ID number was stored by Excel as a number, which loses its last digits; format the column as text and export again',
      );
    }
    const value = String(cell).trim().toUpperCase();
    const check = validateResidentId(value);
    if (check.ok) return value;
    return this.problem(
      key,
      'INVALID_ID_NUMBER',
      () => `身份证号无效：${idNumberReasonZh(check.reason)}`,
      () => `invalid ID number: ${check.reason}`,
    );
  }

  /** Records a problem of a field and answers undefined, so a reader method can `return this.problem(...)`. */
  problem(key: string, code: string, zh: (header: string) => string, en: (key: string) => string): undefined {
    this.problems.push({ field: key, code, zh: zh(this.header(key)), en: en(key) });
    return undefined;
  }

  hasProblem(key: string): boolean {
    return this.problems.some((p) => p.field === key);
  }

  private header(key: string): string {
    return columnHeader(this.table, this.fields, key);
  }

  private cell(key: string): Cell {
    const column = this.table.columns.get(key);
    return column === undefined ? null : (this.row.cells[column.index] ?? null);
  }

  /** The cell, or undefined when it is empty (a problem unless the field is optional). */
  private present(key: string, options?: Optional): Exclude<Cell, null> | undefined {
    const cell = this.cell(key);
    if (!isBlank(cell)) return cell as Exclude<Cell, null>;
    if (!options?.optional)
      this.problem(
        key,
        'MISSING_VALUE',
        (h) => `「${h}」不能为空`,
        (k) => `${k} is required`,
      );
    return undefined;
  }

  private dated<T>(
    key: string,
    options: Optional | undefined,
    parse: (cell: Cell, date1904: boolean) => DateParse<T>,
    what: { code: string; zh: string; en: string; examples: string },
  ): T | undefined {
    const cell = this.present(key, options);
    if (cell === undefined) return undefined;
    const parsed = parse(cell, this.date1904);
    if (parsed.ok) return parsed.value;
    return parsed.why === 'impossible'
      ? this.problem(
          key,
          what.code,
          (h) => `「${h}」的值「${shown(cell)}」不是真实存在的${what.zh}`,
          (k) => `${k} "${shown(cell)}" is not a real calendar ${what.en}`,
        )
      : this.problem(
          key,
          what.code,
          (h) => `「${h}」的值「${shown(cell)}」无法识别，应为${what.zh}（如 ${what.examples}）`,
          (k) => `${k} "${shown(cell)}" is not a ${what.en} (e.g. ${what.examples})`,
        );
  }

  private unknownValue(key: string, value: string, vocabulary: Vocabulary<string>): undefined {
    return this.problem(
      key,
      'UNKNOWN_VALUE',
      (h) => `「${h}」的值「${shown(value)}」无法识别（可填：${vocabulary.accepted.join('、')}）`,
      (k) => `${k} "${shown(value)}" is not recognised (accepted: ${vocabulary.accepted.join(', ')})`,
    );
  }

  /** Cells to the right of the header: most often an unquoted comma that shifted the row. */
  private extraCells(): void {
    const extra = this.row.cells.findIndex((cell, index) => index >= this.table.width && !isBlank(cell));
    if (extra < 0) return;
    this.problems.push({
      field: `#${extra + 1}`,
      code: 'EXTRA_CELLS',
      zh: `第 ${extra + 1} 列有内容但没有表头（该行比表头多出列，可能是未加引号的逗号）`,
      en: `column ${extra + 1} has a value but no header (the row has more cells than the header; an unquoted comma?)`,
    });
  }
}

/** Excel's binary floating point (8234.560000000001) snapped to the cent it means; other values stay for the amount checks. */
function cents(value: number): number {
  const snapped = Math.round(value * 100) / 100;
  return Math.abs(snapped - value) < 1e-6 ? snapped : value;
}

const shown = (cell: Cell): string => {
  const text = cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell ?? '');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
