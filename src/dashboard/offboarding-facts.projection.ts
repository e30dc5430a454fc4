import { isDeepStrictEqual } from 'node:util';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { IsoDate } from '../domain/shared/calendar';
import { parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { FoldedCases } from '../projections/folded-cases';
import { Projection, ProjectionView } from '../projections/projection';
import { caseFacts, CaseContext, FactRow } from './offboarding-facts';
import { businessDate } from '../infrastructure/business-day';

export const OFFBOARDING_FACTS = 'offboarding_facts';
/** The projection's own memory: each case folded, and each employee's current org unit. */
export const OFFBOARDING_FACT_CASES = 'offboarding_fact_cases';
export const OFFBOARDING_FACT_POLICIES = 'offboarding_fact_policies';
const folded = new FoldedCases<CaseContext>(OFFBOARDING_FACT_CASES, OFFBOARDING_FACT_POLICIES);
export const OFFBOARDING_FACT_EMPLOYEES = 'offboarding_fact_employees';

interface EmployeeUnit extends ReadDocument {
  orgUnit: string;
}

/**
 * The dashboard's facts (offboarding-facts.ts), kept from the log. A case takes
 * the org unit its employee is in when the case opens (from the archive's
 * EmployeeHired, EmployeeRehired and PositionChanged, which precede the case in the log); a later
 * move does not move the case. Each event rewrites only the rows it changes.
 */
export const offboardingFacts: Projection = {
  name: 'offboarding_facts',
  // 2: 退工 filings (labor_filing rows), from every LaborTerminationRegistered already in the log.
  // 3: the policy kept once per case (FoldedCases), not in every folded case.
  version: 3,
  collections: {
    [OFFBOARDING_FACTS]: [
      { fields: ['kind', 'date'] },
      { fields: ['kind', 'region', 'category', 'date'] },
      { fields: ['kind', 'orgUnit', 'date'] },
    ],
    [OFFBOARDING_FACT_CASES]: [],
    [OFFBOARDING_FACT_POLICIES]: [],
    [OFFBOARDING_FACT_EMPLOYEES]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    const archiveEvent = stream?.kind === 'employee' ? employeeEvents.read(event) : null;
    if (
      stream?.kind === 'employee' &&
      (archiveEvent?.type === 'EmployeeHired' || archiveEvent?.type === 'EmployeeRehired' || archiveEvent?.type === 'PositionChanged')
    ) {
      // The stream names the employee, as in the profile projection.
      view.upsert(OFFBOARDING_FACT_EMPLOYEES, { id: stream.employeeId, orgUnit: archiveEvent.data.orgUnit } satisfies EmployeeUnit);
    }
    if (stream?.kind === 'offboarding') await applyToCase(event, stream.caseId, view);
  },
};

async function applyToCase(event: RecordedEvent, caseId: string, view: ProjectionView): Promise<void> {
  const folding = await folded.fold(view, caseId, offboardingEvents.read(event), async (state, existing): Promise<CaseContext> => ({
    orgUnit: existing ? existing.orgUnit : ((await view.get<EmployeeUnit>(OFFBOARDING_FACT_EMPLOYEES, state.employeeId))?.orgUnit ?? null),
    cancelledOn: event.type === 'OffboardingCaseCancelled' ? dayOf(event) : (existing?.cancelledOn ?? null),
  }));
  if (!folding) return;
  const { before: previous, beforeDoc, after: state, afterDoc: context } = folding;

  const before = new Map<string, FactRow>(
    beforeDoc && previous.status !== 'none' ? caseFacts(previous, beforeDoc).map((r) => [r.id, r]) : [],
  );
  const after = caseFacts(state, context);
  for (const row of after) if (!isDeepStrictEqual(before.get(row.id), row)) view.upsert(OFFBOARDING_FACTS, row);
  for (const id of before.keys()) if (!after.some((r) => r.id === id)) view.delete(OFFBOARDING_FACTS, id);
}

/** The business date the application gave the event (the cancellation carries none in its data). */
const dayOf = (event: RecordedEvent): IsoDate =>
  typeof event.metadata.effectiveDate === 'string'
    ? event.metadata.effectiveDate
    : businessDate(new Date(String(event.metadata.recordedAt)));
