import { offboardingDecider, OffboardingState } from '../../src/domain/offboarding/offboarding.decider';
import { ReadDocument, ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { storedCaseView } from '../../src/offboarding/case.view';
import { GetOffboardingCaseHandler } from '../../src/offboarding/queries/get-case.handler';
import { ProjectionsService } from '../../src/projections/projections.service';
import { openCase, perform, play } from '../domain/offboarding/fixtures';

const state: OffboardingState = play([], [openCase({ caseId: 'K1' }), perform('approval')]).reduce(
  offboardingDecider.evolve,
  offboardingDecider.initialState,
);

/** A read store holding only the given collections (logical name = physical name here). */
function handlerOver(collections: Record<string, ReadDocument[]>): GetOffboardingCaseHandler {
  const reads = {
    get: async (collection: string, id: string) => collections[collection]?.find((d) => d.id === id) ?? null,
  } as unknown as ReadStore;
  const projections = { collection: (_: string, logical: string) => logical } as unknown as ProjectionsService;
  return new GetOffboardingCaseHandler(reads, null as never, projections, { keptAnswersBytes: 0 });
}

describe('the case view a read serves', () => {
  it('is the kept view when there is one', async () => {
    const kept = { id: 'K1', ...storedCaseView(state), employeeId: 'as kept' };
    expect(await handlerOver({ offboarding_case_views: [kept] }).stored('K1')).toBe(kept);
  });

  it('is computed from the case document in a generation without views (while the new one rebuilds)', async () => {
    const doc = {
      id: 'K1',
      caseId: 'K1',
      employeeId: 'E1001',
      status: 'open',
      region: 'shanghai',
      category: 'enterprise_regular',
      openedAt: '2024-06-01',
      state,
    };
    expect(await handlerOver({ offboarding_cases: [doc] }).stored('K1')).toEqual(storedCaseView(state));
  });

  it('is computed from the case document when the kept view predates the step details (projection version 5)', async () => {
    const view = storedCaseView(state);
    const old = {
      id: 'K1',
      ...view,
      steps: view.steps.map(({ key, status, requires, missing, dueDate, doneOn }) => ({ key, status, requires, missing, dueDate, doneOn })),
    };
    const doc = {
      id: 'K1',
      caseId: 'K1',
      employeeId: 'E1001',
      status: 'open',
      region: 'shanghai',
      category: 'enterprise_regular',
      openedAt: '2024-06-01',
      state,
    };
    expect(await handlerOver({ offboarding_case_views: [old], offboarding_cases: [doc] }).stored('K1')).toEqual(view);
  });

  it('is 404 NOT_FOUND for an unknown case', async () => {
    await expect(handlerOver({}).stored('K9')).rejects.toMatchObject({ status: 404, response: { code: 'NOT_FOUND' } });
  });
});
