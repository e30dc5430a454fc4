import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { FoldedCases } from '../projections/folded-cases';
import { Projection, ProjectionView } from '../projections/projection';
import { CaseFields } from './case.document';
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
export const OFFBOARDING_CASE_POLICIES = 'offboarding_case_policies';

/**
 * Each case folded, with the fields lists filter on beside it, and its pinned policy
 * kept once (FoldedCases): the case document held the policy whole, 9 of its 9.3 KB,
 * and was written again and read back on every step (bench:api, steps).
 */
export const foldedCases = new FoldedCases<CaseFields>(OFFBOARDING_CASES, OFFBOARDING_CASE_POLICIES);

export const caseViews: Projection = {
  name: 'offboarding_cases',
  // 3: adds offboarding_case_views (2 was a draft of it that kept the view in the case document).
  // 4: the stored view gains laborTerminationRejections (LaborTerminationRejected), [] for every older case.
  // 5: each stored step gains its details from the pinned policy (title, prerequisites with their kind, actions, role, assignee).
  // 6: the case document keeps its policy apart, once per policy (offboarding_case_policies; case-documents.ts reads both shapes).
  version: 6,
  collections: {
    [OFFBOARDING_CASES]: [{ fields: ['status', 'openedAt'] }, { fields: ['employeeId'] }, { fields: ['region', 'category'] }],
    [OFFBOARDING_CASE_VIEWS]: [],
    [OFFBOARDING_CASE_POLICIES]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    if (stream?.kind !== 'offboarding') return;
    const { caseId } = stream;
    const folded = await foldedCases.fold(view, caseId, offboardingEvents.read(event), (state) => ({
      caseId,
      employeeId: state.employeeId,
      status: state.status,
      region: state.policy.region,
      category: state.policy.category,
      openedAt: state.openedAt,
    }));
    if (folded) view.upsert(OFFBOARDING_CASE_VIEWS, { id: caseId, ...storedCaseView(folded.after) } satisfies CaseViewDocument);
  },
};
