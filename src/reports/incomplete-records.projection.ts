import { isDeepStrictEqual } from 'node:util';
import { EmployeeHired, PositionChanged } from '../domain/employee/employee.events';
import { pendingDeadlines } from '../domain/deadlines/overdue';
import { offboardingDecider, OffboardingState } from '../domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../domain/offboarding/offboarding.events';
import { SocialInsuranceEnrolled } from '../domain/social-insurance/insurance.events';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { streamCategory } from '../streams/stream-catalog.projection';
import { assessed, blankRecord, IncompleteRecordDocument } from './incomplete-records';

export const INCOMPLETE_RECORDS = 'incomplete_records';
/** Each case folded, to know its employee and its due dates. */
export const INCOMPLETE_RECORD_CASES = 'incomplete_record_cases';

interface CaseSource extends ReadDocument {
  state: OffboardingState;
}

type Change = (doc: IncompleteRecordDocument) => IncompleteRecordDocument;

/**
 * Per employee, what the incomplete-records report needs, from the archive, the
 * social-insurance account and the offboarding cases. Plain copies of a few facts;
 * whatever depends on today is left to the query (incomplete-records.ts).
 */
export const incompleteRecords: Projection = {
  name: 'incomplete_records',
  // 2: the indexes end in id and one serves a region alone, as the continuity index's do; a new generation drops the old indexes.
  version: 2,
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
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const category = streamCategory(event.stream);
    const id = event.stream.slice(category.length + 1);
    if (category === 'employee') return change(view, id, archiveChange(event));
    if (category === 'insurance' && event.type === 'SocialInsuranceEnrolled') {
      const { startMonth } = event.data as SocialInsuranceEnrolled['data'];
      return change(view, id, (doc) => ({ ...doc, enrolmentStartMonth: doc.enrolmentStartMonth ?? startMonth }));
    }
    if (category === 'offboarding') return applyToCase(view, id, event);
  },
};

function archiveChange(event: RecordedEvent): Change | undefined {
  switch (event.type) {
    case 'EmployeeHired': {
      const { orgUnit, region, category, hireDate } = event.data as EmployeeHired['data'];
      return (doc) => ({ ...doc, status: 'employed', orgUnit, region, category, hireDate });
    }
    case 'PositionChanged':
      return (doc) => ({ ...doc, orgUnit: (event.data as PositionChanged['data']).orgUnit });
    case 'ContractSigned':
      return (doc) => ({ ...doc, contracts: doc.contracts + 1 });
    case 'EmployeeSeparated':
      return (doc) => ({ ...doc, status: 'separated' });
  }
}

async function applyToCase(view: ProjectionView, caseId: string, event: RecordedEvent): Promise<void> {
  const existing = await view.get<CaseSource>(INCOMPLETE_RECORD_CASES, caseId);
  const state = offboardingDecider.evolve(existing?.state ?? offboardingDecider.initialState, { type: event.type, data: event.data } as OffboardingEvent);
  if (state.status === 'none') return;
  view.upsert(INCOMPLETE_RECORD_CASES, { id: caseId, state } satisfies CaseSource);
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
