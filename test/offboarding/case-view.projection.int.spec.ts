import { offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../src/domain/offboarding/offboarding.events';
import { storedCaseView } from '../../src/offboarding/case.view';
import { caseViews } from '../../src/offboarding/case-view.projection';
import { caseEvents } from '../dashboard/case-fixtures';
import { openCase, perform, requestTransfer } from '../domain/offboarding/fixtures';
import { projectionSpec } from '../support/projection-harness';

projectionSpec('offboarding cases', caseViews, ({ given, collection }) => {
  it('keeps, per case, the view a read serves: the stored due dates equal the ones computed from the case', async () => {
    const commands = [openCase({ caseId: 'K1' }), perform('approval'), requestTransfer()];
    const events = caseEvents('K1', commands);
    await given(events);
    const state = events
      .map((e) => ({ type: e.type, data: e.data }) as OffboardingEvent)
      .reduce(offboardingDecider.evolve, offboardingDecider.initialState);
    expect(await collection('offboarding_case_views')).toEqual([JSON.parse(JSON.stringify({ id: 'K1', ...storedCaseView(state) }))]);
    const [view] = await collection<{ id: string; steps: Array<{ key: string; status: string; dueDate: string | null }> }>(
      'offboarding_case_views',
    );
    expect(view.steps.find((s) => s.key === 'si_transfer_out')).toMatchObject({ status: 'in_progress', dueDate: '2024-07-15' });
    expect((await collection('offboarding_cases')).map((d) => d.id)).toEqual(['K1']);
  });
});
