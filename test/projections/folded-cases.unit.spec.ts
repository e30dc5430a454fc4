import { offboardingDecider } from '../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../src/domain/offboarding/offboarding.events';
import { ReadDocument } from '../../src/infrastructure/read-store/read-store.port';
import { FoldedCases } from '../../src/projections/folded-cases';
import { ProjectionView } from '../../src/projections/projection';
import { completeTransfer, opened, perform, play, requestTransfer } from '../domain/offboarding/fixtures';
import { noSideWrites } from '../support/no-side-writes';

/** A projection's view over plain maps, counting the writes per collection. */
function memoryView() {
  const collections = new Map<string, Map<string, ReadDocument>>();
  const writes = new Map<string, number>();
  const of = (collection: string) => collections.get(collection) ?? collections.set(collection, new Map()).get(collection)!;
  const view: ProjectionView = {
    get: async <T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null> =>
      (structuredClone(of(collection).get(id)) as T | undefined) ?? null,
    upsert: (collection, doc) => {
      of(collection).set(doc.id, structuredClone(doc));
      writes.set(collection, (writes.get(collection) ?? 0) + 1);
    },
    delete: (collection, id) => void of(collection).delete(id),
    ...noSideWrites,
  };
  return { view, docs: (collection: string) => [...of(collection).values()], writes: (collection: string) => writes.get(collection) ?? 0 };
}

const history = (caseId: string, reason: 'dismissal' | 'resignation' = 'dismissal'): OffboardingEvent[] =>
  play(
    [opened({ caseId, reason })],
    [perform('approval', { effectiveDate: '2024-06-20' }), requestTransfer('2024-07-01'), completeTransfer()],
  );

describe('a projection folding cases with their policy kept apart (FoldedCases)', () => {
  it('folds to what the decider folds to, with the policy written once and no folded case holding it', async () => {
    const { view, docs, writes } = memoryView();
    const cases = new FoldedCases('f_cases', 'f_policies');
    const events = history('K1');
    for (const event of events) await cases.fold(view, 'K1', event, () => ({}));

    const { state } = await cases.load(view, 'K1');
    expect(state).toEqual(events.reduce(offboardingDecider.evolve, offboardingDecider.initialState));
    expect(writes('f_policies')).toBe(1);
    expect(docs('f_cases')).toEqual([expect.not.objectContaining({ state: expect.objectContaining({ policy: expect.anything() }) })]);
    expect(JSON.stringify(docs('f_cases')).length).toBeLessThan(JSON.stringify(docs('f_policies')).length);
  });

  it('shares one policy document between cases with the same snapshot, and keeps another for another', async () => {
    const { view, docs } = memoryView();
    const cases = new FoldedCases('g_cases', 'g_policies');
    for (const [caseId, reason] of [
      ['K1', 'dismissal'],
      ['K2', 'dismissal'],
      ['K3', 'resignation'],
    ] as const) {
      for (const event of history(caseId, reason)) await cases.fold(view, caseId, event, () => ({}));
    }
    // The steps pinned depend on the reason: a resignation's snapshot is another policy.
    expect(docs('g_policies')).toHaveLength(2);
    for (const caseId of ['K1', 'K3'])
      expect((await cases.load(view, caseId)).state).toEqual(
        history(caseId, caseId === 'K3' ? 'resignation' : 'dismissal').reduce(offboardingDecider.evolve, offboardingDecider.initialState),
      );
  });

  it('keeps what the projection stores beside the case, and hands back the document before the event', async () => {
    const { view } = memoryView();
    const cases = new FoldedCases<{ seen: number }>('h_cases', 'h_policies');
    const [open, approval] = history('K1');
    await cases.fold(view, 'K1', open, (_, before) => ({ seen: (before?.seen ?? 0) + 1 }));
    const second = await cases.fold(view, 'K1', approval, (_, before) => ({ seen: (before?.seen ?? 0) + 1 }));
    expect(second?.beforeDoc?.seen).toBe(1);
    expect(second?.afterDoc).toEqual({ seen: 2 });
    expect((await cases.load(view, 'K1')).doc?.seen).toBe(2);
  });

  it('folds nothing for an event of a case that never opened', async () => {
    const { view, writes } = memoryView();
    const cases = new FoldedCases('i_cases', 'i_policies');
    const [, approval] = history('K1');
    expect(await cases.fold(view, 'K1', approval, () => ({}))).toBeNull();
    expect(writes('i_cases') + writes('i_policies')).toBe(0);
  });
});
