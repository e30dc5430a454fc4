import { IsoDate } from '../shared/calendar';
import { SeparationReason, StepKey } from '../shared/vocabulary';

/**
 * The bureau's batch files (issue 13, item 8): the 减员 filing the social-insurance
 * bureau takes as an upload, and the 退工 registration where the employment service
 * takes one, each with the receipt (回执) the bureau sends back. A region's policy
 * carries one template per kind, dated like its other parameters
 * (`parameters.filingTemplates`), so a bureau that changes its columns is a new
 * policy version, not a code change.
 *
 * A column names a header (as the bureau's template writes it) and one field of a
 * closed list: what the service knows about a case and its employee. A template
 * naming anything else is refused at publication (validate-filing-templates.ts).
 */
export const FILING_KINDS = ['si_reduction', 'labor_termination'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];

/** The step whose filing each kind is: its receipt completes or rejects that step. */
export const FILING_STEP: Record<FilingKind, StepKey> = { si_reduction: 'si_transfer_out', labor_termination: 'labor_termination' };

/**
 * What a column may hold:
 * - `name` 姓名, `idNumber` 公民身份号码 (personal data: only for roles that may see it);
 * - `idType` 证件类型: always 居民身份证, the only document the archive records;
 * - `socialSecurityNumber` 社会保障号码: the ID number itself (SIL art. 58: 个人社会保障号码为公民身份号码);
 *   a city's own personal number (个人编号, 电脑号) is not known to the service: a `constant` column left blank;
 * - `employeeId` 工号, `caseId` 案件编号, `orgUnit` 部门;
 * - `hireDate` 就业起始日期 (the current employment period), `lastWorkingDay` 离职日期,
 *   `terminationDate` 解除或终止日期 (the registered one once 退工 is done, else the last working day);
 * - `lastContributionMonth` 最后缴费月份 and `reductionMonth` 减员年月 (the month after it), as the
 *   region's reduction rule predicts them for a filing on the file's business date;
 * - `reasonCode`: the separation reason in the bureau's code list (the template's `reasonCodes`);
 *   `reason`: the reason in Chinese words;
 * - `constant`: the column's `value` on every row (the employer's number at the bureau, or a
 *   column the bureau requires and the service cannot fill, left blank).
 */
export const FILING_FIELDS = [
  'name',
  'idType',
  'idNumber',
  'socialSecurityNumber',
  'employeeId',
  'caseId',
  'orgUnit',
  'hireDate',
  'lastWorkingDay',
  'terminationDate',
  'lastContributionMonth',
  'reductionMonth',
  'reasonCode',
  'reason',
  'constant',
] as const;
export type FilingField = (typeof FILING_FIELDS)[number];

export const DATE_FIELDS: readonly FilingField[] = ['hireDate', 'lastWorkingDay', 'terminationDate'];
export const MONTH_FIELDS: readonly FilingField[] = ['lastContributionMonth', 'reductionMonth'];
/** Fields whose cells are personal data (docs/API.md: unmasked only for roles that may see it). */
export const PERSONAL_FIELDS: readonly FilingField[] = ['name', 'idNumber', 'socialSecurityNumber'];

export const DATE_FORMATS = ['YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD'] as const;
export const MONTH_FORMATS = ['YYYY-MM', 'YYYYMM'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export type MonthFormat = (typeof MONTH_FORMATS)[number];

export interface FilingColumn {
  /** The header as the bureau's template writes it (Chinese). */
  header: string;
  field: FilingField;
  /** For date and month fields; default YYYY-MM-DD and YYYYMM. */
  format?: DateFormat | MonthFormat;
  /** For `constant` only. */
  value?: string;
}

/**
 * What a receipt row may say. One of `caseId`, `employeeId`, `idNumber` identifies the
 * case (the first the row fills, in that order); `result` is the bureau's answer, read
 * through the template's `accepted` and `rejected` words; `reason` why it was rejected
 * (退单原因, needed then); `processedOn` when the bureau answered, `filedOn` when the
 * filing was made (both default to the import's business date); `lastPaidMonth` the
 * bureau's last paid month (default: the month the reduction rule predicted);
 * `terminationDate` the registered end of the labour relationship (退工; default the last
 * working day). `name` is read past: a receipt's names are never matched on or echoed.
 */
export const RECEIPT_FIELDS = [
  'caseId',
  'employeeId',
  'idNumber',
  'name',
  'result',
  'reason',
  'processedOn',
  'filedOn',
  'lastPaidMonth',
  'terminationDate',
] as const;
export type ReceiptField = (typeof RECEIPT_FIELDS)[number];
export const RECEIPT_IDENTIFIERS: readonly ReceiptField[] = ['caseId', 'employeeId', 'idNumber'];

export interface ReceiptColumn {
  header: string;
  field: ReceiptField;
  /** Other headers the bureau's receipts use for the same column. */
  aliases?: string[];
}

export interface ReceiptTemplate {
  columns: ReceiptColumn[];
  /** Words of the result column that mean accepted (成功, 已受理 …), compared without blanks or case. */
  accepted: string[];
  /** Words that mean rejected (失败, 退回 …). */
  rejected: string[];
}

export interface FilingTemplate {
  effectiveFrom: IsoDate;
  /** Where the columns come from: the bureau's published template, or [unverified]. */
  source: string;
  columns: FilingColumn[];
  /** The bureau's code (or word) for each separation reason, for `reasonCode` columns. */
  reasonCodes: Record<SeparationReason, string>;
  receipt: ReceiptTemplate;
}

export type FilingTemplates = Partial<Record<FilingKind, FilingTemplate[]>>;
