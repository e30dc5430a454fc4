import { isDeepStrictEqual } from 'node:util';
import { pendingDeadlines } from '../domain/deadlines/overdue';
import { EmployeeEvent } from '../domain/employee/employee.events';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { parseStream } from '../domain/shared/streams';
import { insuranceEvents } from '../domain/social-insurance/insurance.schemas';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { FoldedCases } from '../projections/folded-cases';
import { Projection, ProjectionView } from '../projections/projection';
import { assessed, blankRecord, IncompleteRecordDocument } from './incomplete-records';

export const INCOMPLETE_RECORDS = 'incomplete_records';
/** Each case folded, to know its employee and its due dates, and the cases' policies (FoldedCases). */
export const INCOMPLETE_RECORD_CASES = 'incomplete_record_cases';
export const INCOMPLETE_RECORD_POLICIES = 'incomplete_record_policies';
const folded = new FoldedCases(INCOMPLETE_RECORD_CASES, INCOMPLETE_RECORD_POLICIES);

type Change = (doc: IncompleteRecordDocument) => IncompleteRecordDocument;

/**
 * Per employee, what the incomplete-records report needs, from the archive, the
 * social-insurance account and the offboarding cases. Plain copies of a few facts;
 * whatever depends on today is left to the query (incomplete-records.ts).
 */
export const incompleteRecords: Projection = {
  name: 'incomplete_records',
  // 2: the indexes end in id and one serves a region alone, as the continuity index's do; a new generation drops the old indexes.
  // 3: the policy kept once per case (FoldedCases), not in every folded case.
  version: 3,
  collections: {
    // The report's equality filters, then its range and order (incompleteFrom, id): no scan, no sort.
    [INCOMPLETE_RECORDS]: [
      { fields: ['incompleteFrom', 'id'] },
      { fields: ['orgUnit', 'incompleteFrom', 'id'] },
      { fields: ['region', 'incompleteFrom', 'id'] },
      { fields: ['category', 'incompleteFrom', 'id'] },
      { fields: ['region', 'category', 'incompleteFrom', 'id'] },
    ],
    [INCOMPLETE_RECORD_CASES]: [],
    [INCOMPLETE_RECORD_POLICIES]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind === 'employee') return change(view, stream.employeeId, archiveChange(employeeEvents.read(event)));
    if (stream?.kind === 'insurance') {
      const accountEvent = insuranceEvents.read(event);
      if (accountEvent.type !== 'SocialInsuranceEnrolled') return;
      const { startMonth } = accountEvent.data;
      return change(view, stream.employeeId, (doc) => ({ ...doc, enrolmentStartMonth: doc.enrolmentStartMonth ?? startMonth }));
    }
    if (stream?.kind === 'offboarding') return applyToCase(view, stream.caseId, event);
  },
};

function archiveChange(event: EmployeeEvent): Change | undefined {
  switch (event.type) {
    case 'EmployeeHired': {
      const { orgUnit, region, category, hireDate } = event.data;
      return (doc) => ({ ...doc, status: 'employed', orgUnit, region, category, hireDate });
    }
    case 'PositionChanged':
      return (doc) => ({ ...doc, orgUnit: event.data.orgUnit });
    case 'ContractSigned':
      return (doc) => ({ ...doc, contracts: doc.contracts + 1 });
    case 'EmployeeSeparated':
      return (doc) => ({ ...doc, status: 'separated' });
  }
}

async function applyToCase(view: ProjectionView, caseId: string, event: RecordedEvent): Promise<void> {
  const folding = await folded.fold(view, caseId, offboardingEvents.read(event), () => ({}));
  if (!folding) return;
  const state = folding.after;
  await change(view, state.employeeId, (doc) => {
    if (state.status === 'open') return { ...doc, openCaseId: caseId, deadlines: pendingDeadlines(state) };
    return doc.openCaseId === caseId ? { ...doc, openCaseId: null, deadlines: [] } : doc;
  });
}

async function change(view: ProjectionView, employeeId: string, apply: Change | undefined): Promise<void> {
  if (!apply) return;
  const doc = (await view.get<IncompleteRecordDocument>(INCOMPLETE_RECORDS, employeeId)) ?? blankRecord(employeeId);
  const next = assessed(apply(doc));
  if (!isDeepStrictEqual(next, doc)) view.upsert(INCOMPLETE_RECORDS, next);
}
