import fc from 'fast-check';
import { addMonths } from '../../../src/domain/shared/calendar';
import { INSURANCE_TYPES, InsuranceType } from '../../../src/domain/shared/vocabulary';
import { InsuranceState, PaidMonth } from '../../../src/domain/social-insurance/insurance.decider';
import { insuranceState, paidOf, runsOf, storedInsurance } from '../../../src/domain/social-insurance/paid-runs';

/** Paid months per type: scattered over a few years (gaps, back-payments recorded out of order), bases from a small set so that runs form and break. */
const paidArb: fc.Arbitrary<InsuranceState['paid']> = fc
  .dictionary(
    fc.constantFrom(...INSURANCE_TYPES),
    fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 60 }),
        base: fc.constantFrom(5975, 12000, 12000.5, 36549),
        corrections: fc.integer({ min: 0, max: 2 }),
      }),
      { maxLength: 40 },
    ),
  )
  .map((byType) =>
    Object.fromEntries(
      Object.entries(byType).map(([type, months]) => {
        const record: Record<string, PaidMonth> = {};
        for (const m of months) record[addMonths('2021-11', m.offset)] = { base: m.base, corrections: m.corrections };
        return [type, record];
      }),
    ),
  );

describe('paid months as runs', () => {
  it('gives back every paid month with its base and corrections, and no other month', () => {
    fc.assert(
      fc.property(paidArb, (paid) => {
        expect(paidOf(runsOf(paid))).toEqual(paid);
      }),
    );
  });

  it('makes one run of a stretch of months at one base, and breaks it at a new base, a correction or a missing month', () => {
    const month = (base: number, corrections = 0) => ({ base, corrections });
    const paid = {
      pension: {
        '2024-01': month(10000),
        '2024-03': month(10000),
        '2024-02': month(10000),
        '2024-04': month(12000),
        '2024-05': month(12000, 1),
        '2024-07': month(12000, 1),
      },
    };
    expect(runsOf(paid)).toEqual({
      pension: [
        { from: '2024-01', to: '2024-03', base: 10000, corrections: 0 },
        { from: '2024-04', to: '2024-04', base: 12000, corrections: 0 },
        { from: '2024-05', to: '2024-05', base: 12000, corrections: 1 },
        { from: '2024-07', to: '2024-07', base: 12000, corrections: 1 },
      ],
    });
  });

  it('keeps four years of monthly contributions at a yearly base in a handful of runs per type', () => {
    const types: InsuranceType[] = [...INSURANCE_TYPES];
    const paid = Object.fromEntries(
      types.map((t) => [
        t,
        Object.fromEntries(Array.from({ length: 48 }, (_, i) => [addMonths('2021-01', i), month(8000 + 1000 * Math.floor(i / 12))])),
      ]),
    );
    const runs = runsOf(paid);
    expect(Object.values(runs).map((r) => r.length)).toEqual([4, 4, 4, 4, 4]);
    expect(JSON.stringify(runs).length * 5).toBeLessThan(JSON.stringify(paid).length);
  });

  it('reads a stored account in either form: runs, or the map a generation before the runs held', () => {
    const state: InsuranceState = {
      employeeId: 'E1',
      periods: [
        {
          startMonth: '2024-01',
          insuranceTypes: ['pension'],
          bases: [{ fromMonth: '2024-01', contributionBase: 10000 }],
          transferOut: null,
          hireDate: '2024-01-02',
        },
      ],
      paid: { pension: { '2024-01': month(10000), '2024-02': month(10000) } },
    };
    const stored = storedInsurance(state);
    expect(stored).not.toHaveProperty('paid');
    // As a store gives it back: a copy, unpacked.
    expect(insuranceState(JSON.parse(JSON.stringify(stored)) as typeof stored)).toEqual(state);
    // The very object stored for it, as a projection reads it back within a batch: the state it was made from, not unpacked again.
    expect(insuranceState(stored)).toBe(state);
    expect(insuranceState(state)).toBe(state);
  });
});

function month(base: number, corrections = 0): PaidMonth {
  return { base, corrections };
}
