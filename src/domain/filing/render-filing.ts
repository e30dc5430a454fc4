import { addMonths, IsoDate, IsoMonth } from '../shared/calendar';
import { SeparationReason } from '../shared/vocabulary';
import { DATE_FIELDS, FilingColumn, FilingField, FilingTemplate, MONTH_FIELDS } from './filing-template';

/** One case as a filing row needs it; personal data is null where the caller may not see it or it was erased. */
export interface FilingSubject {
  caseId: string;
  employeeId: string;
  orgUnit: string | null;
  name: string | null;
  idNumber: string | null;
  hireDate: IsoDate | null;
  reason: SeparationReason;
  lastWorkingDay: IsoDate;
  terminationDate: IsoDate | null;
  /** Predicted for a filing on the file's business date; null where the kind has none (退工). */
  lastContributionMonth: IsoMonth | null;
}

/** A filing as rows of text cells, the header first: ID numbers and dates stay text, as bureau systems read them. */
export interface RenderedFiling {
  header: string[];
  rows: string[][];
}

/** The separation reason in the words HR and the bureau use, for `reason` columns. */
export const REASON_WORDS: Record<SeparationReason, string> = {
  resignation: '辞职',
  dismissal: '单位解除',
  contract_expiry: '劳动合同期满',
  mutual_agreement: '协商一致解除',
  retirement: '退休',
};

/** The file a template makes of the subjects, in the template's column order and the subjects' order. */
export function renderFiling(template: FilingTemplate, subjects: readonly FilingSubject[]): RenderedFiling {
  return {
    header: template.columns.map((c) => c.header),
    rows: subjects.map((subject) => template.columns.map((column) => cellOf(template, column, subject))),
  };
}

function cellOf(template: FilingTemplate, column: FilingColumn, s: FilingSubject): string {
  const raw = valueOf(template, column, s);
  if (raw === null) return '';
  if (DATE_FIELDS.includes(column.field)) return formatDate(raw, column.format ?? 'YYYY-MM-DD');
  if (MONTH_FIELDS.includes(column.field)) return formatMonth(raw, column.format ?? 'YYYYMM');
  return raw;
}

function valueOf(template: FilingTemplate, column: FilingColumn, s: FilingSubject): string | null {
  const field: FilingField = column.field;
  switch (field) {
    case 'name':
      return s.name;
    case 'idType':
      return '居民身份证';
    case 'idNumber':
    case 'socialSecurityNumber':
      return s.idNumber;
    case 'employeeId':
      return s.employeeId;
    case 'caseId':
      return s.caseId;
    case 'orgUnit':
      return s.orgUnit;
    case 'hireDate':
      return s.hireDate;
    case 'lastWorkingDay':
      return s.lastWorkingDay;
    case 'terminationDate':
      return s.terminationDate ?? s.lastWorkingDay;
    case 'lastContributionMonth':
      return s.lastContributionMonth;
    case 'reductionMonth':
      return s.lastContributionMonth === null ? null : addMonths(s.lastContributionMonth, 1);
    case 'reasonCode':
      return template.reasonCodes[s.reason];
    case 'reason':
      return REASON_WORDS[s.reason];
    case 'constant':
      return column.value ?? '';
  }
}

const formatDate = (date: IsoDate, format: string): string =>
  format === 'YYYYMMDD' ? date.replace(/-/g, '') : format === 'YYYY/MM/DD' ? date.replace(/-/g, '/') : date;

const formatMonth = (month: IsoMonth, format: string): string => (format === 'YYYY-MM' ? month : month.replace('-', ''));
