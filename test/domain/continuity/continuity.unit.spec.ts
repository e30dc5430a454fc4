import {
  accountContinuity,
  defaultThrough,
  firstGapMonth,
  firstGapMonthAfter,
  isTransferredOut,
} from '../../../src/domain/continuity/continuity';
import { addMonths } from '../../../src/domain/shared/calendar';
import { insuranceDecider, InsuranceState } from '../../../src/domain/social-insurance/insurance.decider';
import { InsuranceEvent } from '../../../src/domain/social-insurance/insurance.events';
import { account, corrected, enrolled, paid, paidFromTo, transferredOut } from './account';

const pension = (state: InsuranceState, through: string) => accountContinuity(state, through).pension;

describe('continuity of contributions per insurance type (docs/LAW.md §1.4)', () => {
  it('counts covered months, the gap between two contributions and both streaks (docs/API.md example)', () => {
    // 2020-01..2024-12 is 60 months; 2023-04 and 2023-05 unpaid: 58 covered.
    // Longest run 2020-01..2023-03 = 36 + 3 = 39; current run 2023-06..2024-12 = 7 + 12 = 19.
    const state = account([
      enrolled('2020-01', ['pension']),
      ...paidFromTo('2020-01', '2023-03', ['pension']),
      ...paidFromTo('2023-06', '2024-12', ['pension']),
    ]);
    expect(accountContinuity(state, '2024-12')).toEqual({
      pension: {
        startMonth: '2020-01',
        coveredMonths: 58,
        lastPaidMonth: '2024-12',
        gaps: [{ from: '2023-04', to: '2023-05', months: 2 }],
        currentStreak: 19,
        longestStreak: 39,
        corrections: 0,
      },
    });
  });

  it('counts the months after the last contribution up to `through` as a gap while the account is open', () => {
    const state = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-03')]);
    expect(pension(state, '2024-06')).toMatchObject({
      coveredMonths: 3,
      lastPaidMonth: '2024-03',
      gaps: [{ from: '2024-04', to: '2024-06', months: 3 }],
      currentStreak: 0,
      longestStreak: 3,
    });
  });

  it('counts months due from the enrolment month on: unpaid months before the first contribution are a gap', () => {
    const state = account([enrolled('2024-01'), ...paidFromTo('2024-03', '2024-04')]);
    expect(pension(state, '2024-04')).toMatchObject({
      startMonth: '2024-01',
      coveredMonths: 2,
      gaps: [{ from: '2024-01', to: '2024-02', months: 2 }],
      currentStreak: 2,
    });
  });

  it('answers for a far `through` without walking the calendar', () => {
    const state = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-12')]);
    // 2025-01..9999-12: (9999 - 2025 + 1) × 12 = 7,975 × 12 = 95,700 months.
    expect(pension(state, '9999-12')!.gaps).toEqual([{ from: '2025-01', to: '9999-12', months: 95_700 }]);
  });

  it('ignores contributions after `through` and answers for a `through` before the start', () => {
    const state = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-06')]);
    expect(pension(state, '2024-02')).toMatchObject({
      coveredMonths: 2,
      lastPaidMonth: '2024-02',
      gaps: [],
      currentStreak: 2,
      longestStreak: 2,
    });
    expect(pension(state, '2023-12')).toEqual({
      startMonth: '2024-01',
      coveredMonths: 0,
      lastPaidMonth: null,
      gaps: [],
      currentStreak: 0,
      longestStreak: 0,
      corrections: 0,
    });
  });

  describe('after a completed transfer-out (社保转出)', () => {
    const state = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-07'), transferredOut('2024-06', ['2024-07'])]);

    it('counts no gap after its lastPaidMonth, and not the months recorded after it (the bureau’s record wins)', () => {
      expect(pension(state, '2024-12')).toMatchObject({
        coveredMonths: 6,
        lastPaidMonth: '2024-06',
        gaps: [],
        currentStreak: 0,
        longestStreak: 6,
      });
    });

    it('defaults `through` to the lastPaidMonth, where the current streak ends', () => {
      expect(isTransferredOut(state)).toBe(true);
      expect(defaultThrough(state, '2025-03')).toBe('2024-06');
      expect(pension(state, defaultThrough(state, '2025-03'))).toMatchObject({ currentStreak: 6 });
    });

    it('still shows a month up to lastPaidMonth that has no recorded contribution', () => {
      const missingMay = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-04'), paid('2024-06'), transferredOut('2024-06')]);
      expect(pension(missingMay, '2024-12')!.gaps).toEqual([{ from: '2024-05', to: '2024-05', months: 1 }]);
    });
  });

  describe('a re-enrolment after a transfer-out', () => {
    // Period 1: 2023-01..2023-06, transferred out. Period 2 from 2023-10 with pension only.
    const state = account([
      enrolled('2023-01', ['pension']),
      ...paidFromTo('2023-01', '2023-06', ['pension']),
      transferredOut('2023-06'),
      enrolled('2023-10', ['pension', 'unemployment']),
      ...paidFromTo('2023-10', '2023-12'),
    ]);

    it('SIL arts 19, 32: sums both periods (累计计算), counts no gap between them, and starts a new run', () => {
      expect(pension(state, '2023-12')).toEqual({
        startMonth: '2023-01',
        coveredMonths: 9,
        lastPaidMonth: '2023-12',
        gaps: [],
        currentStreak: 3,
        longestStreak: 6,
        corrections: 0,
      });
    });

    it('joins an unpaid last month of one period and an unpaid first month of the next into one gap', () => {
      const unpaidAtTheSeam = account([
        enrolled('2024-01'),
        ...paidFromTo('2024-01', '2024-02'),
        transferredOut('2024-03'),
        enrolled('2024-04'),
        paid('2024-05'),
      ]);
      expect(pension(unpaidAtTheSeam, '2024-05')!.gaps).toEqual([{ from: '2024-03', to: '2024-04', months: 2 }]);
    });

    it('starts a type added on re-enrolment with the period that added it', () => {
      expect(accountContinuity(state, '2023-12').unemployment).toMatchObject({ startMonth: '2023-10', coveredMonths: 3, gaps: [] });
      expect(isTransferredOut(state)).toBe(false);
      expect(defaultThrough(state, '2025-03')).toBe('2025-02');
    });
  });

  it('counts corrections of covered months per type', () => {
    const state = account([
      enrolled('2024-01'),
      ...paidFromTo('2024-01', '2024-03'),
      corrected('2024-02'),
      corrected('2024-02'),
      corrected('2024-03', ['pension', 'unemployment']),
    ]);
    const all = accountContinuity(state, '2024-03');
    expect([all.pension!.corrections, all.unemployment!.corrections]).toEqual([3, 1]);
  });

  it('lists no type for an account never enrolled', () => {
    expect(accountContinuity(account([]), '2024-12')).toEqual({});
    expect(firstGapMonth(account([]))).toBeNull();
  });

  describe('firstGapMonth, the report’s indexed value', () => {
    const states: Record<string, InsuranceState> = {
      'open, paid up to 2024-06': account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-06')]),
      'internal gap in unemployment only': account([
        enrolled('2024-01'),
        ...paidFromTo('2024-01', '2024-06', ['pension']),
        ...paidFromTo('2024-01', '2024-02', ['unemployment']),
        ...paidFromTo('2024-04', '2024-06', ['unemployment']),
      ]),
      'transferred out, complete': account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-03'), transferredOut('2024-03')]),
      'transferred out, then re-enrolled and unpaid': account([
        enrolled('2024-01'),
        ...paidFromTo('2024-01', '2024-03'),
        transferredOut('2024-03'),
        enrolled('2024-08'),
      ]),
    };

    it('is the earliest gap month of any type, or null when there is none whatever `through`', () => {
      expect(Object.fromEntries(Object.entries(states).map(([name, s]) => [name, firstGapMonth(s)]))).toEqual({
        'open, paid up to 2024-06': '2024-07',
        'internal gap in unemployment only': '2024-03',
        'transferred out, complete': null,
        'transferred out, then re-enrolled and unpaid': '2024-08',
      });
    });

    it('is on or before `through` exactly when some type has a gap up to `through`', () => {
      for (const state of Object.values(states)) {
        for (let through = '2023-11'; through <= '2025-01'; through = addMonths(through, 1)) {
          const hasGap = Object.values(accountContinuity(state, through)).some((t) => t!.gaps.length > 0);
          const first = firstGapMonth(state);
          expect([through, first !== null && first <= through]).toEqual([through, hasGap]);
        }
      }
    });
  });

  describe('firstGapMonthAfter, the projection’s step from one event to the next', () => {
    const adjusted = (fromMonth: string): InsuranceEvent => ({
      type: 'ContributionBaseAdjusted',
      data: { fromMonth, contributionBase: 12000, previousBase: 10000 },
    });
    const histories: Record<string, InsuranceEvent[]> = {
      'paid in order': [enrolled('2024-01'), ...paidFromTo('2024-01', '2024-06')],
      'a month filled late, then the gap after it': [
        enrolled('2024-01'),
        paid('2024-01'),
        paid('2024-03'),
        paid('2024-04'),
        paid('2024-02'),
        adjusted('2024-05'),
        paid('2024-05'),
      ],
      'one type behind the other': [
        enrolled('2024-01'),
        ...paidFromTo('2024-01', '2024-04', ['pension']),
        paid('2024-01', ['unemployment']),
        paid('2024-02', ['unemployment']),
      ],
      'transfer-out, back-payment, re-enrolment': [
        enrolled('2024-01'),
        paid('2024-01'),
        paid('2024-03'),
        transferredOut('2024-03'),
        paid('2024-02'),
        enrolled('2024-06', ['pension', 'medical']),
        corrected('2024-01'),
        paid('2024-07', ['pension', 'medical']),
        paid('2024-06', ['pension', 'medical']),
      ],
      'transferred out fully paid, then re-enrolled': [
        enrolled('2024-01'),
        ...paidFromTo('2024-01', '2024-03'),
        transferredOut('2024-03'),
        enrolled('2024-06'),
        paid('2024-06'),
      ],
      'a contribution before any enrolment': [paid('2023-12'), enrolled('2024-01'), paid('2024-01')],
    };

    it.each(Object.keys(histories))('equals firstGapMonth of the whole account after every event: %s', (name) => {
      let state = insuranceDecider.initialState;
      let first: string | null = null;
      const steps: Array<[number, string | null]> = [];
      const expected: Array<[number, string | null]> = [];
      histories[name].forEach((e, i) => {
        state = insuranceDecider.evolve(state, e);
        first = firstGapMonthAfter(first, e, state);
        steps.push([i, first]);
        expected.push([i, firstGapMonth(state)]);
      });
      expect(steps).toEqual(expected);
    });

    it('resumes the search where the first gap stood instead of at the enrolment', () => {
      // 2024-02 is unpaid but, told that nothing before 2024-04 is a gap, the search does not look there.
      const state = account([enrolled('2024-01'), paid('2024-01'), ...paidFromTo('2024-03', '2024-05')]);
      expect([firstGapMonth(state), firstGapMonth(state, '2024-04')]).toEqual(['2024-02', '2024-06']);
    });
  });
});
