import { isIsoDate } from '../shared/calendar';
import { SEPARATION_REASONS } from '../shared/vocabulary';
import { textProblem } from '../shared/text';
import {
  DATE_FIELDS,
  DATE_FORMATS,
  FILING_FIELDS,
  FILING_KINDS,
  FilingField,
  MONTH_FIELDS,
  MONTH_FORMATS,
  RECEIPT_FIELDS,
  RECEIPT_IDENTIFIERS,
} from './filing-template';

type Json = Record<string, unknown>;
type Problem = (path: string, message: string) => void;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const oneOf = (values: readonly string[]) => values.join(', ');

/** Headers are one line in a spreadsheet; constants and codes too. Sources may cite at length. */
const HEADER = { max: 100 };
const SOURCE = { max: 2000, multiline: true };

/**
 * The problems of `parameters.filingTemplates` (policy.ts), each naming its field, so
 * that PUT /api/policies answers 400 with the column that is wrong. Absent is fine: a
 * region without batch files (and every policy published before templates existed).
 * What the export and the receipt import rely on:
 * - every column names a field of the closed list (filing-template.ts), a date or month
 *   field a format of its kind, a `constant` its value; headers are unique;
 * - every separation reason has the bureau's code, so no row goes out with a blank reason;
 * - the receipt has the result column and at least one column that identifies the case,
 *   and its accepted and rejected words are not empty and never the same word.
 */
export function validateFilingTemplates(templates: unknown, path: string, problem: Problem): void {
  if (templates === undefined) return;
  if (!isRecord(templates)) return problem(path, 'must be an object');
  for (const kind of Object.keys(templates)) {
    const at = `${path}.${kind}`;
    // An unknown kind is named by unknownPolicyFields (policy-fields.ts), like every other field a policy does not have.
    if (!(FILING_KINDS as readonly string[]).includes(kind)) continue;
    const list = templates[kind];
    if (!Array.isArray(list)) {
      problem(at, 'must be a list of dated templates');
      continue;
    }
    const dates = new Set<string>();
    list.forEach((template, index) => {
      const t = `${at}[${index}]`;
      if (!isRecord(template)) return problem(t, 'must be an object');
      if (!isIsoDate(template.effectiveFrom)) problem(`${t}.effectiveFrom`, 'must be a real date (YYYY-MM-DD)');
      else if (dates.has(template.effectiveFrom))
        problem(`${t}.effectiveFrom`, `another template already takes effect on ${template.effectiveFrom}`);
      else dates.add(template.effectiveFrom);
      text(template.source, `${t}.source`, SOURCE, problem);
      validateColumns(template.columns, `${t}.columns`, problem);
      validateReasonCodes(template.reasonCodes, `${t}.reasonCodes`, problem);
      validateReceipt(template.receipt, `${t}.receipt`, problem);
    });
  }
}

function validateColumns(columns: unknown, path: string, problem: Problem): void {
  if (!Array.isArray(columns) || columns.length === 0) return problem(path, 'must be a non-empty list of columns');
  const headers = new Set<string>();
  columns.forEach((column, index) => {
    const at = `${path}[${index}]`;
    if (!isRecord(column)) return problem(at, 'must be an object');
    if (text(column.header, `${at}.header`, HEADER, problem)) {
      if (headers.has(column.header as string)) problem(`${at}.header`, `duplicate header '${String(column.header)}'`);
      headers.add(column.header as string);
    }
    const field = column.field;
    if (!(FILING_FIELDS as readonly unknown[]).includes(field)) {
      return problem(`${at}.field`, `unknown field '${String(field)}'; one of ${oneOf(FILING_FIELDS)}`);
    }
    const known = field as FilingField;
    const formats: readonly string[] | null = DATE_FIELDS.includes(known)
      ? DATE_FORMATS
      : MONTH_FIELDS.includes(known)
        ? MONTH_FORMATS
        : null;
    if (column.format !== undefined && !(formats ?? []).includes(column.format as string)) {
      problem(`${at}.format`, formats ? `must be one of ${oneOf(formats)}` : `a ${String(field)} column takes no format`);
    }
    if (field === 'constant') {
      if (typeof column.value !== 'string') problem(`${at}.value`, "a 'constant' column needs its value (text, may be empty)");
      else if (column.value !== '') text(column.value, `${at}.value`, HEADER, problem);
    } else if (column.value !== undefined) problem(`${at}.value`, "only a 'constant' column takes a value");
  });
}

function validateReasonCodes(codes: unknown, path: string, problem: Problem): void {
  if (!isRecord(codes)) return problem(path, `must give the bureau's code for each of ${oneOf(SEPARATION_REASONS)}`);
  for (const reason of SEPARATION_REASONS) text(codes[reason], `${path}.${reason}`, HEADER, problem);
}

function validateReceipt(receipt: unknown, path: string, problem: Problem): void {
  if (!isRecord(receipt)) return problem(path, 'must describe the receipt (columns, accepted, rejected)');
  const columns = receipt.columns;
  const fields = new Set<string>();
  if (!Array.isArray(columns) || columns.length === 0) problem(`${path}.columns`, 'must be a non-empty list of columns');
  else {
    const headers = new Set<string>();
    columns.forEach((column, index) => {
      const at = `${path}.columns[${index}]`;
      if (!isRecord(column)) return problem(at, 'must be an object');
      const aliases = column.aliases === undefined ? [] : column.aliases;
      if (!Array.isArray(aliases)) problem(`${at}.aliases`, 'must be a list of headers');
      [column.header, ...(Array.isArray(aliases) ? aliases : [])].forEach((header, i) => {
        const where = i === 0 ? `${at}.header` : `${at}.aliases[${i - 1}]`;
        if (!text(header, where, HEADER, problem)) return;
        if (headers.has(header as string)) problem(where, `header '${String(header)}' is given twice`);
        headers.add(header as string);
      });
      if (!(RECEIPT_FIELDS as readonly unknown[]).includes(column.field)) {
        return problem(`${at}.field`, `unknown receipt field '${String(column.field)}'; one of ${oneOf(RECEIPT_FIELDS)}`);
      }
      if (fields.has(column.field as string)) problem(`${at}.field`, `another column already holds ${String(column.field)}`);
      fields.add(column.field as string);
    });
    if (!fields.has('result')) problem(`${path}.columns`, "needs the bureau's answer: a column with field 'result'");
    if (!RECEIPT_IDENTIFIERS.some((f) => fields.has(f)))
      problem(`${path}.columns`, `needs a column that identifies the case: ${oneOf(RECEIPT_IDENTIFIERS)}`);
  }
  const words = (key: 'accepted' | 'rejected'): string[] => {
    const list = receipt[key];
    if (!Array.isArray(list) || list.length === 0) {
      problem(`${path}.${key}`, 'must be a non-empty list of the words the result column uses');
      return [];
    }
    return list.filter((word, i) => text(word, `${path}.${key}[${i}]`, HEADER, problem)) as string[];
  };
  const accepted = new Set(words('accepted').map(normalizedWord));
  const both = words('rejected').filter((w) => accepted.has(normalizedWord(w)));
  if (both.length > 0) problem(`${path}.rejected`, `'${both.join("', '")}' also means accepted`);
}

/** As the receipt import compares them: without blanks, full-width forms or case. */
export const normalizedWord = (word: string): string => word.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

function text(value: unknown, path: string, rule: { max: number; multiline?: boolean }, problem: Problem): boolean {
  if (typeof value !== 'string' || value.trim() === '') {
    problem(path, 'must be non-empty text');
    return false;
  }
  const why = textProblem(value, rule);
  if (why) problem(path, why);
  return !why;
}
