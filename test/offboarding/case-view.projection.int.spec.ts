import { offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../src/domain/offboarding/offboarding.events';
import { storedCaseView } from '../../src/offboarding/case.view';
import { CaseDocuments } from '../../src/offboarding/case-documents';
import { caseViews } from '../../src/offboarding/case-view.projection';
import { ProjectionsService } from '../../src/projections/projections.service';
import { caseEvents } from '../dashboard/case-fixtures';
import { openCase, perform, requestTransfer } from '../domain/offboarding/fixtures';
import { EventInput, projectionSpec, ProjectionSpecContext } from '../support/projection-harness';

const folded = (events: EventInput[]) =>
  events
    .map((e) => ({ type: e.type, data: e.data }) as OffboardingEvent)
    .reduce(offboardingDecider.evolve, offboardingDecider.initialState);

/** The case documents as the queries read them, over the spec's store (logical names to the spec's generation). */
const caseDocuments = ({ store, physical }: ProjectionSpecContext) =>
  new CaseDocuments(store(), { collection: (_: string, logical: string) => physical(logical) } as unknown as ProjectionsService);

projectionSpec('offboarding cases', caseViews, (context) => {
  const { given, collection } = context;

  it('keeps, per case, the view a read serves: the stored due dates equal the ones computed from the case', async () => {
    const commands = [openCase({ caseId: 'K1' }), perform('approval'), requestTransfer()];
    const events = caseEvents('K1', commands);
    await given(events);
    expect(await collection('offboarding_case_views')).toEqual([
      JSON.parse(JSON.stringify({ id: 'K1', ...storedCaseView(folded(events)) })),
    ]);
    const [view] = await collection<{ id: string; steps: Array<{ key: string; status: string; dueDate: string | null }> }>(
      'offboarding_case_views',
    );
    expect(view.steps.find((s) => s.key === 'si_transfer_out')).toMatchObject({ status: 'in_progress', dueDate: '2024-07-15' });
    expect((await collection('offboarding_cases')).map((d) => d.id)).toEqual(['K1']);
  });

  it('keeps each case without its policy, the policy once, and reads the cases back whole by id and by query', async () => {
    const k1 = caseEvents('K1', [openCase({ caseId: 'K1' }), perform('approval'), requestTransfer()]);
    const k2 = caseEvents('K2', [openCase({ caseId: 'K2' }), perform('approval')]);
    await given([...k1, ...k2]);

    const stored = await collection<{ id: string; state: object; policyId: string }>('offboarding_cases');
    expect(stored.map((d) => [d.id, 'policy' in d.state, typeof d.policyId])).toEqual([
      ['K1', false, 'string'],
      ['K2', false, 'string'],
    ]);
    expect(await collection('offboarding_case_policies')).toEqual([{ id: stored[0].policyId, policy: expect.anything() }]);

    const cases = caseDocuments(context);
    const whole = JSON.parse(JSON.stringify(folded(k1)));
    expect(await cases.get('K1')).toEqual({
      id: 'K1',
      caseId: 'K1',
      employeeId: whole.employeeId,
      status: 'open',
      region: whole.policy.region,
      category: whole.policy.category,
      openedAt: whole.openedAt,
      state: whole,
    });
    expect(await cases.get('K9')).toBeNull();
    const found = await cases.find({ filter: { caseId: 'K2' } });
    expect(found.map((c) => c.state)).toEqual([JSON.parse(JSON.stringify(folded(k2)))]);
  });

  it('reads a case document of a generation written before version 6 (the policy inside the case) as it is', async () => {
    const events = caseEvents('K3', [openCase({ caseId: 'K3' }), perform('approval')]);
    await given(events);
    const current = await caseDocuments(context).get('K3');
    // The same case as version 5 kept it, in a collection of its own: CaseDocuments reads both shapes alike.
    const older = { collection: (_: string, logical: string) => `v5_${logical}` } as unknown as ProjectionsService;
    await context.store().upsert('v5_offboarding_cases', current!);
    expect(await new CaseDocuments(context.store(), older).get('K3')).toEqual(current);
    expect(await new CaseDocuments(context.store(), older).find({ filter: { status: 'open' } })).toEqual([current]);
  });
});
