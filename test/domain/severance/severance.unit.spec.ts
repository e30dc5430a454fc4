import { DomainError } from '../../../src/domain/decider';
import { calculateSeverance, SeveranceInput } from '../../../src/domain/severance/severance';

/**
 * Worked by hand with round figures: regional average Y = 10,000 (so 3Y = 30,000),
 * minimum wage 2,690. Service 2009-10-01..2024-09-30 is 180 months (15 years).
 */
const input = (over: Partial<SeveranceInput> = {}): SeveranceInput => ({
  hireDate: '2020-01-06',
  terminationDate: '2024-09-30',
  reason: 'contract_expiry',
  averageMonthlyWage: 12000,
  previousMonthWage: 12000,
  regionalAverageMonthlyWage: { year: 2023, amount: 10000, effectiveFrom: '2024-07-01', source: 'test' },
  regionalAverageYearNeeded: { year: 2023, why: 'prior_year' },
  minimumMonthlyWage: { amount: 2690, effectiveFrom: '2023-07-01', source: 'test' },
  withoutNotice: false,
  unlawful: false,
  // The default reason is an expiry: recorded as one without a renewal offer, so that compensation is owed.
  renewalOffer: 'none',
  ...over,
});
const fifteenYears = { hireDate: '2009-10-01', terminationDate: '2024-09-30' };
const severance = (over: Partial<SeveranceInput> = {}) => calculateSeverance(input(over));
const basisOf = (over: Partial<SeveranceInput> = {}) => severance(over).basis.join('\n');

describe('calculateSeverance', () => {
  describe('years of service (LCL art. 47 para. 1)', () => {
    it('art. 47 para. 1: 5 months 29 days is a remainder under six months → half a month (5,000 at 10,000)', () => {
      expect(severance({ hireDate: '2024-01-01', terminationDate: '2024-06-29', averageMonthlyWage: 10000 })).toMatchObject({
        serviceMonths: 5,
        compensationMonths: 0.5,
        amount: 5000,
      });
    });

    it('art. 47 para. 1 and Civil Code art. 1259: exactly six months (六个月以上 includes six) counts as a year → 10,000', () => {
      expect(severance({ hireDate: '2024-01-01', terminationDate: '2024-06-30', averageMonthlyWage: 10000 })).toMatchObject({
        serviceMonths: 6,
        compensationMonths: 1,
        amount: 10000,
      });
    });

    it('art. 47 paras. 1 and 3, Regs art. 27: 9 months worked, wage averaged over them (9,000) → one month; 3 months → half a month', () => {
      expect(severance({ hireDate: '2024-01-01', terminationDate: '2024-09-30', averageMonthlyWage: 9000 })).toMatchObject({
        serviceMonths: 9,
        compensationMonths: 1,
        amount: 9000,
      });
      expect(severance({ hireDate: '2024-07-01', terminationDate: '2024-09-30', averageMonthlyWage: 9000 })).toMatchObject({
        serviceMonths: 3,
        compensationMonths: 0.5,
        amount: 4500,
      });
    });

    it('art. 47 para. 1: 4 years 8 months (2020-01-06..2024-09-30, 56 months) → 5 months × 12,000 = 60,000', () => {
      expect(severance()).toMatchObject({
        serviceMonths: 56,
        compensationMonths: 5,
        monthlyWageUsed: 12000,
        capApplied: false,
        economicCompensation: 60000,
        amount: 60000,
        manualReview: false,
      });
    });
  });

  describe('the minimum-wage floor (Regs art. 27)', () => {
    it('Regs art. 27: an average of 2,000 below the minimum of 2,690 is raised to it: 2 years → 2 × 2,690 = 5,380', () => {
      const result = severance({ hireDate: '2022-10-01', terminationDate: '2024-09-30', averageMonthlyWage: 2000 });
      expect(result).toMatchObject({ serviceMonths: 24, compensationMonths: 2, monthlyWageUsed: 2690, amount: 5380 });
      expect(result.basis.join('\n')).toMatch(/Regs art\. 27/);
    });

    it('Regs art. 27: an average equal to the minimum wage is used as it is', () => {
      expect(severance({ hireDate: '2022-10-01', terminationDate: '2024-09-30', averageMonthlyWage: 2690 })).toMatchObject({
        monthlyWageUsed: 2690,
        amount: 5380,
      });
    });
  });

  describe('the high-earner cap (LCL art. 47 para. 2), 3 × 10,000 = 30,000, 15 years of service', () => {
    it('art. 47 para. 2: 29,999.99 is below three times the average → no cap, 15 × 29,999.99 = 449,999.85', () => {
      expect(severance({ ...fifteenYears, averageMonthlyWage: 29999.99 })).toMatchObject({
        compensationMonths: 15,
        monthlyWageUsed: 29999.99,
        capApplied: false,
        amount: 449999.85,
      });
    });

    it('art. 47 para. 2 and Civil Code art. 1259: exactly 30,000 is not “above” (高于 excludes the number, like 超过) → no cap, 15 × 30,000 = 450,000', () => {
      const result = severance({ ...fifteenYears, averageMonthlyWage: 30000 });
      expect(result).toMatchObject({ compensationMonths: 15, monthlyWageUsed: 30000, capApplied: false, amount: 450000 });
      expect(result.basis.join('\n')).toMatch(/Civil Code art\. 1259/);
    });

    it('art. 47 para. 2: 30,000.01 is above → wage capped at 30,000 and years at 12: 12 × 30,000 = 360,000', () => {
      const result = severance({ ...fifteenYears, averageMonthlyWage: 30000.01 });
      expect(result).toMatchObject({
        serviceMonths: 180,
        compensationMonths: 12,
        monthlyWageUsed: 30000,
        capApplied: true,
        amount: 360000,
      });
      expect(result.basis.join('\n')).toMatch(/capped at 30000\.00 and the years at 12/);
    });

    it('art. 47 para. 2: a high earner (50,000) with 15 years gets 12 × 30,000 = 360,000; a normal earner (12,000) with 15 years gets all 15: 180,000', () => {
      expect(severance({ ...fifteenYears, averageMonthlyWage: 50000 })).toMatchObject({
        compensationMonths: 12,
        capApplied: true,
        amount: 360000,
      });
      expect(severance({ ...fifteenYears, averageMonthlyWage: 12000 })).toMatchObject({
        compensationMonths: 15,
        capApplied: false,
        amount: 180000,
      });
    });

    it('art. 47 para. 2: a high earner with 10 years keeps the 10 (the 12-year limit does not bite): 10 × 30,000 = 300,000', () => {
      expect(severance({ hireDate: '2014-10-01', terminationDate: '2024-09-30', averageMonthlyWage: 50000 })).toMatchObject({
        compensationMonths: 10,
        capApplied: true,
        amount: 300000,
      });
    });

    it('art. 47 para. 2: the basis names the year needed and the figure used', () => {
      const basis = basisOf({ ...fifteenYears, averageMonthlyWage: 50000 });
      expect(basis).toMatch(/year before the termination year \(2024\): the 2023 regional average monthly wage is needed/);
      expect(basis).toMatch(/regional average monthly wage of 2023 \(10000\.00, public from 2024-07-01\)/);
    });

    it('art. 47 para. 2: a figure not yet published on the date → the previous year’s, in force, is used without review, and the basis says why', () => {
      const result = severance({
        ...fifteenYears,
        averageMonthlyWage: 50000,
        regionalAverageMonthlyWage: { year: 2022, amount: 9000, effectiveFrom: '2023-07-01', source: 'test' },
        regionalAverageYearNeeded: { year: 2022, why: 'prior_year_not_yet_published', publishedFrom: '2024-10-15' },
      });
      expect(result).toMatchObject({
        compensationMonths: 12,
        monthlyWageUsed: 27000,
        capApplied: true,
        amount: 324000,
        manualReview: false,
      });
      expect(result.basis.join('\n')).toMatch(
        /“previous year” is 2023, but its figure was not yet public on 2024-09-30 \(public from 2024-10-15/,
      );
    });
  });

  /**
   * The cap with a stale figure: 2023 needed, only the 2022 figure of 10,000 known (k = 1).
   * The true 2023 figure lies in [10,000 × 0.95, 10,000 × 1.15] = [9,500, 11,500]; three times: [28,500, 34,500].
   */
  describe('the cap with a stale regional average (regional-average.ts: −5% / +15% a year)', () => {
    const stale = (over: Partial<SeveranceInput> = {}) =>
      severance({
        ...fifteenYears,
        regionalAverageMonthlyWage: { year: 2022, amount: 10000, effectiveFrom: '2023-07-01', source: 'test' },
        ...over,
      });

    it('exactly three times the lowest plausible average (28,500) → the cap cannot apply: 15 × 28,500 = 427,500, flagged as not changing the result', () => {
      const result = stale({ averageMonthlyWage: 28500 });
      expect(result).toMatchObject({
        compensationMonths: 15,
        monthlyWageUsed: 28500,
        capApplied: false,
        amount: 427500,
        manualReview: true,
      });
      const reasons = result.reviewReasons.join('\n');
      expect(reasons).toMatch(/needs the 2023 regional average monthly wage; the newest the policy has public on 2024-09-30 is of 2022/);
      expect(reasons).toMatch(/between 9500\.00 and 11500\.00/);
      expect(reasons).toMatch(/the figure does not change the result/);
    });

    it('a fen below (28,499.99) → computed: 15 × 28,499.99 = 427,499.85', () => {
      expect(stale({ averageMonthlyWage: 28499.99 })).toMatchObject({ compensationMonths: 15, amount: 427499.85, manualReview: true });
    });

    it('a fen above (28,500.01) → the figure decides: no amount, no wage, and N open because 15 > 12', () => {
      const result = stale({ averageMonthlyWage: 28500.01 });
      expect(result).toMatchObject({
        compensationMonths: null,
        monthlyWageUsed: null,
        economicCompensation: null,
        amount: null,
        capApplied: false,
        manualReview: true,
      });
      expect(result.reviewReasons.join('\n')).toMatch(/may or may not be above three times it/);
    });

    it('undecided cap with 10 years: the 12-year limit cannot change N, so N = 10 is given, the amount is not', () => {
      expect(stale({ hireDate: '2014-10-01', averageMonthlyWage: 30000 })).toMatchObject({ compensationMonths: 10, amount: null });
    });

    it('exactly three times the highest plausible average (34,500) is still undecided; a fen above it the cap is certain: N = 12, amount still unknown', () => {
      expect(stale({ averageMonthlyWage: 34500 })).toMatchObject({ compensationMonths: null, capApplied: false, amount: null });
      const above = stale({ averageMonthlyWage: 34500.01 });
      expect(above).toMatchObject({ compensationMonths: 12, capApplied: true, monthlyWageUsed: null, amount: null, manualReview: true });
      expect(above.reviewReasons.join('\n')).toMatch(
        /the cap applies and the years are limited to 12, but the capped wage \(3Y\) is unknown/,
      );
    });

    it('two years stale (k = 2): the interval widens to [9,000, 13,225], so 27,000 is computed and 27,000.01 is not', () => {
      const older = { regionalAverageMonthlyWage: { year: 2021, amount: 10000, effectiveFrom: '2022-07-01', source: 'test' } };
      expect(stale({ ...older, averageMonthlyWage: 27000 })).toMatchObject({ amount: 405000, manualReview: true });
      expect(stale({ ...older, averageMonthlyWage: 27000.01 })).toMatchObject({ amount: null });
      expect(stale({ ...older, averageMonthlyWage: 27000.01 }).reviewReasons.join('\n')).toMatch(/between 9000\.00 and 13225\.00/);
    });

    it('a resignation owes nothing whatever the figure: 0, not null', () => {
      expect(stale({ averageMonthlyWage: 50000, reason: 'resignation' })).toMatchObject({ compensationMonths: 0, amount: 0 });
    });

    it('art. 87 doubles nothing it cannot compute: null', () => {
      expect(stale({ averageMonthlyWage: 50000, reason: 'dismissal', unlawful: true })).toMatchObject({ amount: null });
    });
  });

  /** No figure at all: the true average is at least 3 × the minimum wage of 2,690 = 8,070; three times that is 24,210. */
  describe('the cap without any regional average (regional-average.ts: at least 3 × the minimum wage)', () => {
    const none = (over: Partial<SeveranceInput> = {}) => severance({ ...fifteenYears, regionalAverageMonthlyWage: null, ...over });

    it('24,210 (exactly 9 × the minimum wage) → the cap cannot apply: 15 × 24,210 = 363,150, flagged', () => {
      const result = none({ averageMonthlyWage: 24210 });
      expect(result).toMatchObject({ compensationMonths: 15, capApplied: false, amount: 363150, manualReview: true });
      expect(result.reviewReasons.join('\n')).toMatch(
        /needs the 2023 regional average monthly wage; the policy has none public on 2024-09-30; at no less than three times the minimum wage, it is at least 8070\.00/,
      );
    });

    it('a fen below → computed; a fen above → no amount and, with 15 years, no N (no upper bound is known)', () => {
      expect(none({ averageMonthlyWage: 24209.99 })).toMatchObject({ amount: 363149.85 });
      expect(none({ averageMonthlyWage: 24210.01 })).toMatchObject({
        compensationMonths: null,
        capApplied: false,
        amount: null,
        manualReview: true,
      });
    });

    it('50,000, the old uncapped 750,000 → now no amount', () => {
      expect(none({ averageMonthlyWage: 50000 })).toMatchObject({ amount: null, economicCompensation: null, manualReview: true });
    });

    it('without a minimum wage either, nothing bounds the average: no amount even at 12,000', () => {
      const result = none({ averageMonthlyWage: 12000, minimumMonthlyWage: null });
      expect(result).toMatchObject({ amount: null, manualReview: true });
      expect(result.reviewReasons.join('\n')).toMatch(/nor a minimum wage to bound it from below/);
    });

    it('a figure newer than the year needed cannot stand for it: treated as none', () => {
      const result = none({
        averageMonthlyWage: 50000,
        regionalAverageMonthlyWage: { year: 2024, amount: 10000, effectiveFrom: '2024-01-01', source: 'test' },
      });
      expect(result).toMatchObject({ amount: null });
      expect(result.reviewReasons.join('\n')).toMatch(/only the newer 2024 figure/);
    });
  });

  describe('the minimum-wage check', () => {
    it('Regs art. 27: without a minimum wage in force the floor cannot be checked → manual review', () => {
      expect(severance({ minimumMonthlyWage: null })).toMatchObject({ amount: 60000, manualReview: true });
    });
  });

  describe('the month in lieu of notice (LCL art. 40, Regs art. 20)', () => {
    it('art. 40, Regs art. 20: a dismissal without notice adds the previous month’s wage: 60,000 + 12,500 = 72,500', () => {
      const result = severance({ reason: 'dismissal', withoutNotice: true, previousMonthWage: 12500 });
      expect(result).toMatchObject({ economicCompensation: 60000, inLieuOfNotice: 12500, amount: 72500 });
      expect(result.basis.join('\n')).toMatch(/Regs art\. 20/);
    });

    it('art. 40: the +1 belongs to a dismissal only; contract expiry without notice adds nothing', () => {
      expect(severance({ reason: 'contract_expiry', withoutNotice: true })).toMatchObject({ inLieuOfNotice: 0, amount: 60000 });
    });
  });

  describe('unlawful termination (LCL art. 87, Regs art. 25)', () => {
    it('art. 87: twice the art. 47 amount, 2 × 60,000 = 120,000, and Regs art. 25: no +1 besides', () => {
      const result = severance({ reason: 'dismissal', unlawful: true, withoutNotice: true });
      expect(result).toMatchObject({ compensationMonths: 5, economicCompensation: 60000, inLieuOfNotice: 0, amount: 120000 });
      expect(result.basis.join('\n')).toMatch(/art\. 87/);
    });

    it('art. 87: the art. 47 standard keeps its cap: 2 × 12 × 30,000 = 720,000', () => {
      expect(severance({ ...fifteenYears, averageMonthlyWage: 50000, reason: 'dismissal', unlawful: true })).toMatchObject({
        capApplied: true,
        amount: 720000,
      });
    });

    it('art. 87: an unlawful termination on retirement grounds owes damages although retirement owes no compensation: 120,000', () => {
      expect(severance({ reason: 'retirement', unlawful: true })).toMatchObject({ amount: 120000 });
    });

    it('art. 87: a resignation is not a termination by the employer → 0, and the contradiction goes to manual review', () => {
      expect(severance({ reason: 'resignation', unlawful: true })).toMatchObject({ amount: 0, manualReview: true });
    });
  });

  describe('reasons (LCL art. 46)', () => {
    it('art. 37: an ordinary resignation owes nothing → 0, with the reason', () => {
      const result = severance({ reason: 'resignation', withoutNotice: true });
      expect(result).toMatchObject({
        serviceMonths: 56,
        compensationMonths: 0,
        economicCompensation: 0,
        inLieuOfNotice: 0,
        amount: 0,
        manualReview: false,
      });
      expect(result.basis.join('\n')).toMatch(/LCL art\. 37/);
    });

    it('art. 44(2): retirement owes nothing → 0', () => {
      expect(severance({ reason: 'retirement' })).toMatchObject({ compensationMonths: 0, amount: 0 });
    });

    it('arts. 39–41, 46(3)–(4): a dismissal is computed as owed but goes to manual review (art. 39 owes nothing)', () => {
      const result = severance({ reason: 'dismissal' });
      expect(result).toMatchObject({ amount: 60000, manualReview: true });
      expect(result.reviewReasons.join('\n')).toMatch(/art\. 39/);
    });

    it('art. 46(5): an expiry owes compensation when no renewal was offered, or one on lower terms was refused', () => {
      expect(severance({ renewalOffer: 'none' })).toMatchObject({ compensationMonths: 5, amount: 60000, manualReview: false });
      expect(severance({ renewalOffer: 'lower_refused' })).toMatchObject({ compensationMonths: 5, amount: 60000, manualReview: false });
      expect(basisOf({ renewalOffer: 'lower_refused' })).toMatch(/art\. 46\(5\)/);
    });

    it('art. 46(5): nothing is owed when the employee refused a renewal on the same or better terms', () => {
      expect(severance({ renewalOffer: 'same_or_better_refused' })).toMatchObject({
        compensationMonths: 0,
        amount: 0,
        manualReview: false,
      });
      expect(basisOf({ renewalOffer: 'same_or_better_refused' })).toMatch(/same or better terms and the employee refused/);
    });

    it('art. 46(5): an expiry without the renewal offer recorded is left to a person: amount null, record renewalOffer', () => {
      for (const renewalOffer of [undefined, null]) {
        const result = severance({ renewalOffer });
        expect(result).toMatchObject({ compensationMonths: null, economicCompensation: null, amount: null, manualReview: true });
        expect(result.reviewReasons.join('\n')).toMatch(/record renewalOffer/);
      }
    });

    it('art. 46(2), art. 36: a mutual agreement is owed when the employer proposed it, not when the employee did, and left to a person when unrecorded', () => {
      expect(severance({ reason: 'mutual_agreement', proposedBy: 'employer' })).toMatchObject({ amount: 60000, manualReview: false });
      expect(severance({ reason: 'mutual_agreement', proposedBy: 'employee' })).toMatchObject({
        compensationMonths: 0,
        amount: 0,
        manualReview: false,
      });
      const unknown = severance({ reason: 'mutual_agreement' });
      expect(unknown).toMatchObject({ compensationMonths: null, amount: null, manualReview: true });
      expect(unknown.reviewReasons.join('\n')).toMatch(/record proposedBy/);
    });

    it('art. 87: unlawful termination damages do not wait for the art. 46 facts (2 × 60,000)', () => {
      expect(severance({ reason: 'mutual_agreement', unlawful: true })).toMatchObject({ amount: 120000 });
    });
  });

  describe('service before the Labour Contract Law (LCL art. 97)', () => {
    it('art. 97 para. 3: service from 2007-12-31 goes to manual review and is not computed', () => {
      const result = severance({ hireDate: '2007-12-31' });
      expect(result).toMatchObject({ compensationMonths: null, economicCompensation: null, amount: null, manualReview: true });
      expect(result.reviewReasons.join('\n')).toMatch(/art\. 97/);
    });

    it('art. 97 para. 3: service from 2008-01-01 is computed (16 years 9 months, 17 × 12,000 = 204,000)', () => {
      expect(severance({ hireDate: '2008-01-01' })).toMatchObject({
        serviceMonths: 201,
        compensationMonths: 17,
        amount: 204000,
        manualReview: false,
      });
    });
  });

  describe('money', () => {
    it('art. 47 para. 1: half a month of 12,345.67 is 6,172.835, rounded half up only at the end → 6,172.84; doubled under art. 87 before rounding → 12,345.67', () => {
      const half = { hireDate: '2024-07-01', terminationDate: '2024-09-30', averageMonthlyWage: 12345.67 };
      expect(severance(half)).toMatchObject({ compensationMonths: 0.5, amount: 6172.84 });
      expect(severance({ ...half, unlawful: true })).toMatchObject({ amount: 12345.67 });
      expect(basisOf(half)).toMatch(/6172\.835/);
    });

    it('refuses a termination date before the hire date', () => {
      expect(() => severance({ terminationDate: '2019-12-31' })).toThrow(DomainError);
    });
  });
});
