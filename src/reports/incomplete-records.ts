import { enrolledLate } from '../domain/deadlines/enrolment-deadline';
import { Deadline, overdue, overdueFrom, OverdueStep } from '../domain/deadlines/overdue';
import { earliest, IsoDate, IsoMonth } from '../domain/shared/calendar';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';

/**
 * What makes an employee's record incomplete:
 * - `no_contract`: no labour or appointment contract on record (LCL art. 10: a written contract);
 * - `no_enrolment`: never enrolled in social insurance;
 * - `late_enrolment`: the first enrolment started after the thirty days of SIL art. 58 (enrolment-deadline.ts);
 * - `open_case_overdue`: the open offboarding case has a step past its due date today.
 * The first three are facts of the record; the last depends on the day asked.
 */
export type RecordProblem = 'no_contract' | 'no_enrolment' | 'late_enrolment' | 'open_case_overdue';

/** One document per employee; no personal data (names are read from employee_profiles when a page is shown). */
export interface IncompleteRecordDocument extends ReadDocument {
  employeeId: string;
  status: 'none' | 'employed' | 'separated';
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  hireDate: IsoDate | null;
  contracts: number;
  /** The first month of the first enrolment period. */
  enrolmentStartMonth: IsoMonth | null;
  openCaseId: string | null;
  /** The open case's steps not done that have a due date. */
  deadlines: Deadline[];
  /** The problems that do not depend on the day. */
  problems: RecordProblem[];
  /**
   * The first day the record counts as incomplete, so "incomplete today" is one
   * indexed range query (incompleteFrom <= today): the hire date for a problem of
   * the record itself, else the day after the open case's earliest due date; null
   * when neither applies.
   */
  incompleteFrom: IsoDate | null;
}

export function blankRecord(employeeId: string): IncompleteRecordDocument {
  return {
    id: employeeId,
    employeeId,
    status: 'none',
    orgUnit: null,
    region: null,
    category: null,
    hireDate: null,
    contracts: 0,
    enrolmentStartMonth: null,
    openCaseId: null,
    deadlines: [],
    problems: [],
    incompleteFrom: null,
  };
}

/** The document with its problems and incompleteFrom brought up to date. */
export function assessed(doc: IncompleteRecordDocument): IncompleteRecordDocument {
  // Not on record (or a hire without a date, which the decider never writes): nothing to judge.
  if (!doc.hireDate) return { ...doc, problems: [], incompleteFrom: null };
  const problems: RecordProblem[] = [];
  if (doc.contracts === 0) problems.push('no_contract');
  if (doc.enrolmentStartMonth === null) problems.push('no_enrolment');
  else if (enrolledLate(doc.hireDate, doc.enrolmentStartMonth)) problems.push('late_enrolment');
  const from = [...(problems.length > 0 ? [doc.hireDate] : []), overdueFrom(doc.deadlines)].filter((d): d is IsoDate => d !== null);
  return { ...doc, problems, incompleteFrom: from.length > 0 ? earliest(...from) : null };
}

/** The problems on a day, with the open case's overdue steps. */
export function problemsOn(doc: IncompleteRecordDocument, today: IsoDate): { problems: RecordProblem[]; overdueSteps: OverdueStep[] } {
  const overdueSteps = overdue(doc.deadlines, today);
  return { problems: overdueSteps.length > 0 ? [...doc.problems, 'open_case_overdue'] : doc.problems, overdueSteps };
}
