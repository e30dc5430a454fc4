import { DomainEvent } from '../../src/domain/decider';
import { eventSchemas, UnknownEventError } from '../../src/domain/stored-event';

type Paid = DomainEvent<'Paid', { amountInFen: number }>;
type Noted = DomainEvent<'Noted', { text: string }>;

/** Paid went through two shapes: v1 { yuan: '12.34' }, v2 { yuan: 12.34 }, v3 (current) { amountInFen: 1234 }. */
const ledger = eventSchemas<Paid | Noted>('ledger', {
  Paid: {
    current: 3,
    upcasters: {
      1: (v1: { yuan: string }) => ({ yuan: Number(v1.yuan) }),
      2: (v2: { yuan: number }) => ({ amountInFen: Math.round(v2.yuan * 100) }),
    },
  },
  Noted: { current: 1 },
});

const thrown = (read: () => unknown): UnknownEventError => {
  try {
    read();
  } catch (error) {
    if (error instanceof UnknownEventError) return error;
    throw error;
  }
  throw new Error('expected an UnknownEventError');
};

describe('the event seam of an aggregate', () => {
  it('writes each type at its current version', () => {
    expect(ledger.versionOf('Paid')).toBe(3);
    expect(ledger.versionOf('Noted')).toBe(1);
  });

  it('refuses to name a version for a type the aggregate does not declare', () => {
    expect(thrown(() => ledger.versionOf('Refunded'))).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
      aggregate: 'ledger',
      eventType: 'Refunded',
    });
  });

  it('passes an event at the current version through unchanged', () => {
    expect(ledger.read({ type: 'Paid', schemaVersion: 3, data: { amountInFen: 1234 } })).toEqual({
      type: 'Paid',
      data: { amountInFen: 1234 },
    });
  });

  it('upcasts an older version step by step to the current shape', () => {
    expect(ledger.read({ type: 'Paid', schemaVersion: 1, data: { yuan: '12.34' } })).toEqual({ type: 'Paid', data: { amountInFen: 1234 } });
    expect(ledger.read({ type: 'Paid', schemaVersion: 2, data: { yuan: 12.34 } })).toEqual({ type: 'Paid', data: { amountInFen: 1234 } });
  });

  it('leaves the stored data as it was', () => {
    const stored = { type: 'Paid', schemaVersion: 1, data: Object.freeze({ yuan: '1.00' }) };
    ledger.read(stored);
    expect(stored.data).toEqual({ yuan: '1.00' });
  });

  it('fails loudly on a type the aggregate does not declare', () => {
    expect(thrown(() => ledger.read({ type: 'Refunded', schemaVersion: 1, data: {} }))).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
      eventType: 'Refunded',
      schemaVersion: 1,
    });
  });

  it('fails loudly on a version newer than the current one (a newer writer), rather than misread it', () => {
    expect(thrown(() => ledger.read({ type: 'Noted', schemaVersion: 2, data: { text: 'x' } }))).toMatchObject({
      code: 'UNKNOWN_SCHEMA_VERSION',
      eventType: 'Noted',
      schemaVersion: 2,
    });
  });

  it('fails loudly on a version that is no version at all', () => {
    for (const schemaVersion of [0, -1, 1.5, Number.NaN]) {
      expect(thrown(() => ledger.read({ type: 'Paid', schemaVersion, data: {} })).code).toBe('UNKNOWN_SCHEMA_VERSION');
    }
  });

  it('fails loudly when no upcaster leads from an old version to the current one', () => {
    const gap = eventSchemas<Paid>('ledger', {
      Paid: { current: 3, upcasters: { 2: (v2: { yuan: number }) => ({ amountInFen: v2.yuan * 100 }) } },
    });
    expect(thrown(() => gap.read({ type: 'Paid', schemaVersion: 1, data: { yuan: '1' } })).code).toBe('UNKNOWN_SCHEMA_VERSION');
  });

  it('does not take an inherited property for a declared type', () => {
    expect(thrown(() => ledger.read({ type: 'toString', schemaVersion: 1, data: {} })).code).toBe('UNKNOWN_EVENT_TYPE');
  });
});
