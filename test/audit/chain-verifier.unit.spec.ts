import { ChainedEvent, verifyChain } from '../../src/audit/chain-verifier';
import { insuranceEvents } from '../../src/domain/social-insurance/insurance.schemas';
import { toEnvelopes } from '../../src/event-sourcing/envelope';
import { hashEvent } from '../../src/event-sourcing/hash-chain';

const context = {
  actor: { id: 'hr-1', role: 'hr_specialist' },
  recordedAt: new Date('2024-05-10T08:00:00Z'),
  correlationId: 'c-1',
  source: 'api' as const,
};

/** Five chained events of one stream, as the command handler writes them. */
function stream(): ChainedEvent[] {
  const envelopes = toEnvelopes(
    'insurance-E1',
    [0, 1, 2, 3, 4].map((n) => ({ type: 'ContributionRecorded', data: { month: `2024-0${n + 1}`, base: 12000 } })),
    context,
    null,
    insuranceEvents.versionOf,
  );
  return envelopes.map((e, i) => ({ ...e, revision: BigInt(i) }));
}

const rehashed = (e: ChainedEvent): ChainedEvent => ({ ...e, metadata: { ...e.metadata, hash: hashEvent(e) } });

describe('chain verifier', () => {
  it('accepts an intact stream and reports its head', () => {
    const events = stream();
    const cursor = verifyChain(events);
    expect(cursor.broken).toBeNull();
    expect(cursor.events).toBe(5);
    expect(cursor.head).toEqual({ revision: 4n, hash: events[4].metadata.hash });
  });

  it('accepts an empty stream', () => {
    expect(verifyChain([])).toMatchObject({ broken: null, events: 0, head: null });
  });

  it('catches a changed payload at its revision', () => {
    const events = stream();
    events[2] = { ...events[2], data: { month: '2024-03', base: 99999 } };
    expect(verifyChain(events).broken).toMatchObject({ revision: 2n, problem: 'hash_mismatch' });
  });

  it('catches a changed metadata field, nested or not', () => {
    const actor = stream();
    actor[1] = { ...actor[1], metadata: { ...actor[1].metadata, actor: { id: 'mallory', role: 'hr_specialist' } } };
    expect(verifyChain(actor).broken).toMatchObject({ revision: 1n, problem: 'hash_mismatch' });
    const effective = stream();
    effective[3] = { ...effective[3], metadata: { ...effective[3].metadata, effectiveDate: '2020-01-01' } };
    expect(verifyChain(effective).broken).toMatchObject({ revision: 3n, problem: 'hash_mismatch' });
  });

  it('catches a changed id, type or schemaVersion', () => {
    for (const change of [{ id: 'another-id' }, { type: 'ContributionCorrected' }, { schemaVersion: 2 }]) {
      const events = stream();
      events[1] = { ...events[1], ...change };
      expect(verifyChain(events).broken).toMatchObject({ revision: 1n, problem: 'hash_mismatch' });
    }
  });

  it('catches an edit whose hash was recomputed, at the next revision', () => {
    const events = stream();
    events[2] = rehashed({ ...events[2], data: { month: '2024-03', base: 99999 } });
    expect(verifyChain(events).broken).toMatchObject({ revision: 3n, problem: 'prev_hash_mismatch' });
  });

  it('catches a deleted event in the middle as the missing revision', () => {
    const events = stream();
    events.splice(2, 1);
    expect(verifyChain(events).broken).toMatchObject({ revision: 2n, problem: 'unexpected_revision' });
  });

  it('catches a deleted first event', () => {
    expect(verifyChain(stream().slice(1)).broken).toMatchObject({ revision: 0n, problem: 'unexpected_revision' });
  });

  it('catches a deleted event whose successors were renumbered', () => {
    const events = stream();
    events.splice(2, 1);
    const renumbered = events.map((e, i) => ({ ...e, revision: BigInt(i) }));
    expect(verifyChain(renumbered).broken).toMatchObject({ revision: 2n, problem: 'prev_hash_mismatch' });
  });

  it('catches two events whose revisions were swapped', () => {
    const events = stream();
    const swapped = [events[0], { ...events[2], revision: 1n }, { ...events[1], revision: 2n }, events[3], events[4]];
    expect(verifyChain(swapped).broken).toMatchObject({ revision: 1n, problem: 'prev_hash_mismatch' });
  });

  it('catches events read out of revision order', () => {
    const events = stream();
    expect(verifyChain([events[0], events[2], events[1]]).broken).toMatchObject({ revision: 1n, problem: 'unexpected_revision' });
  });

  it("catches an event whose position in the log is not after its predecessor's", () => {
    const positioned = stream().map((e, i) => ({ ...e, position: BigInt(10 + i) }));
    expect(verifyChain(positioned).broken).toBeNull();
    positioned[3] = { ...positioned[3], position: 11n };
    expect(verifyChain(positioned).broken).toMatchObject({ revision: 3n, problem: 'out_of_log_order' });
  });

  it('refuses a first event that points to a previous one, and an event without a hash', () => {
    const first = stream();
    first[0] = rehashed({ ...first[0], metadata: { ...first[0].metadata, prevHash: 'ab'.repeat(32) } });
    expect(verifyChain(first).broken).toMatchObject({ revision: 0n, problem: 'prev_hash_mismatch' });
    const unhashed = stream();
    const { hash: _removed, ...metadata } = unhashed[0].metadata;
    unhashed[0] = { ...unhashed[0], metadata };
    expect(verifyChain(unhashed).broken).toMatchObject({ revision: 0n, problem: 'hash_mismatch', detail: 'the event carries no hash' });
  });

  it('reports only the first break and keeps counting', () => {
    const events = stream();
    events[1] = { ...events[1], data: {} };
    events[3] = { ...events[3], data: {} };
    const cursor = verifyChain(events);
    expect(cursor.broken?.revision).toBe(1n);
    expect(cursor.events).toBe(5);
  });

  it('cannot see a deleted LAST event from the stream alone (the signed heads of an evidence package can)', () => {
    const cursor = verifyChain(stream().slice(0, 4));
    expect(cursor.broken).toBeNull();
    expect(cursor.head?.revision).toBe(3n);
  });
});
