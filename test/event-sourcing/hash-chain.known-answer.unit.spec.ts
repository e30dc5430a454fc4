import { hashEvent } from '../../src/event-sourcing/hash-chain';

/**
 * A known answer for the hash chain: every hash ever stored was computed this
 * way, so a change to the canonical form (key order, number or Unicode
 * encoding, which fields are covered) or to the digest would silently make
 * every stored chain unverifiable. The expected value was computed outside this
 * code, from the RFC 8785 canonical JSON written out by hand (keys sorted,
 * `hash` left out, prevHash both at the top and inside metadata, UTF-8):
 *
 *   printf '%s' '{"data":{"base":12000.5,"insuranceTypes":["pension","medical"],"month":"2024-03","note":"补缴 €"},"id":"0190c4a2-7b1e-7000-8000-000000000001","metadata":{"actor":{"id":"hr-1","role":"hr_specialist"},"causationId":"c-1","correlationId":"c-1","effectiveDate":"2024-03-01","prevHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","recordedAt":"2024-05-10T08:00:00.000Z","source":"api"},"prevHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","schemaVersion":1,"type":"ContributionRecorded"}' | sha256sum
 *   50818ba4d0d8b229f0ab9b1f509a2da8219749304026e3b0d50b08aab6c87487  -
 */
const KNOWN_HASH = '50818ba4d0d8b229f0ab9b1f509a2da8219749304026e3b0d50b08aab6c87487';

// Keys deliberately out of canonical order, a fraction, Chinese and the euro sign: the canonical form must sort and encode them.
const envelope = {
  type: 'ContributionRecorded',
  schemaVersion: 1,
  id: '0190c4a2-7b1e-7000-8000-000000000001',
  data: { month: '2024-03', note: '补缴 €', base: 12000.5, insuranceTypes: ['pension', 'medical'] },
  metadata: {
    source: 'api',
    recordedAt: '2024-05-10T08:00:00.000Z',
    actor: { role: 'hr_specialist', id: 'hr-1' },
    effectiveDate: '2024-03-01',
    correlationId: 'c-1',
    causationId: 'c-1',
    prevHash: 'a'.repeat(64),
    hash: 'not covered: the hash cannot cover itself',
  },
};

describe('hash chain known answer', () => {
  it('hashes a fixed envelope to the SHA-256 computed independently', () => {
    expect(hashEvent(envelope)).toBe(KNOWN_HASH);
  });

  it('does not depend on the stored hash field', () => {
    expect(hashEvent({ ...envelope, metadata: { ...envelope.metadata, hash: 'x' } })).toBe(KNOWN_HASH);
  });
});
