import { offboardingDecider } from '../domain/offboarding/offboarding.decider';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { CaseDocument } from './case.document';
import { StoredCaseView, storedCaseView } from './case.view';

/**
 * One document per case (id = caseId): what GET /api/offboarding/{caseId} serves,
 * but for what depends on today. Apart from the case document because a read
 * would otherwise parse the pinned policy (titles, regional parameters and their
 * sources), several times the size of the view, on every request.
 */
export type CaseViewDocument = ReadDocument & StoredCaseView;

export const OFFBOARDING_CASES = 'offboarding_cases';
export const OFFBOARDING_CASE_VIEWS = 'offboarding_case_views';

export const caseViews: Projection = {
  name: 'offboarding_cases',
  // 3: adds offboarding_case_views (2 was a draft of it that kept the view in the case document).
  // 4: the stored view gains laborTerminationRejections (LaborTerminationRejected), [] for every older case.
  // 5: each stored step gains its details from the pinned policy (title, prerequisites with their kind, actions, role, assignee).
  version: 5,
  collections: {
    [OFFBOARDING_CASES]: [{ fields: ['status', 'openedAt'] }, { fields: ['employeeId'] }, { fields: ['region', 'category'] }],
    [OFFBOARDING_CASE_VIEWS]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind !== 'offboarding') return;
    const { caseId } = stream;
    const existing = await view.get<CaseDocument>(OFFBOARDING_CASES, caseId);
    const state = offboardingDecider.evolve(existing?.state ?? offboardingDecider.initialState, offboardingEvents.read(event));
    if (state.status === 'none') return;
    view.upsert(OFFBOARDING_CASES, {
      id: caseId,
      caseId,
      employeeId: state.employeeId,
      status: state.status,
      region: state.policy.region,
      category: state.policy.category,
      openedAt: state.openedAt,
      state,
    } satisfies CaseDocument);
    view.upsert(OFFBOARDING_CASE_VIEWS, { id: caseId, ...storedCaseView(state) } satisfies CaseViewDocument);
  },
};
