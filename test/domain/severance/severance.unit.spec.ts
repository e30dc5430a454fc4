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
      expect(severance({ hireDate: '2024-01-01', terminationDate: '2024-06-29', averageMonthlyWage: 10000 })).toMatchObject({ serviceMonths: 5, compensationMonths: 0.5, amount: 5000 });
    });

    it('art. 47 para. 1 and Civil Code art. 1259: exactly six months (六个月以上 includes six) counts as a year → 10,000', () => {
      expect(severance({ hireDate: '2024-01-01', terminationDate: '2024-06-30', averageMonthlyWage: 10000 })).toMatchObject({ serviceMonths: 6, compensationMonths: 1, amount: 10000 });
    });

    it('art. 47 paras. 1 and 3, Regs art. 27: 9 months worked, wage averaged over them (9,000) → one month; 3 months → half a month', () => {
      expect(severance({ hireDate: '2024-01-01', terminationDate: '2024-09-30', averageMonthlyWage: 9000 })).toMatchObject({ serviceMonths: 9, compensationMonths: 1, amount: 9000 });
      expect(severance({ hireDate: '2024-07-01', terminationDate: '2024-09-30', averageMonthlyWage: 9000 })).toMatchObject({ serviceMonths: 3, compensationMonths: 0.5, amount: 4500 });
    });

    it('art. 47 para. 1: 4 years 8 months (2020-01-06..2024-09-30, 56 months) → 5 months × 12,000 = 60,000', () => {
      expect(severance()).toMatchObject({ serviceMonths: 56, compensationMonths: 5, monthlyWageUsed: 12000, capApplied: false, economicCompensation: 60000, amount: 60000, manualReview: false });
    });
  });

  describe('the minimum-wage floor (Regs art. 27)', () => {
    it('Regs art. 27: an average of 2,000 below the minimum of 2,690 is raised to it: 2 years → 2 × 2,690 = 5,380', () => {
      const result = severance({ hireDate: '2022-10-01', terminationDate: '2024-09-30', averageMonthlyWage: 2000 });
      expect(result).toMatchObject({ serviceMonths: 24, compensationMonths: 2, monthlyWageUsed: 2690, amount: 5380 });
      expect(result.basis.join('\n')).toMatch(/Regs art\. 27/);
    });

    it('Regs art. 27: an average equal to the minimum wage is used as it is', () => {
      expect(severance({ hireDate: '2022-10-01', terminationDate: '2024-09-30', averageMonthlyWage: 2690 })).toMatchObject({ monthlyWageUsed: 2690, amount: 5380 });
    });
  });

  describe('the high-earner cap (LCL art. 47 para. 2), 3 × 10,000 = 30,000, 15 years of service', () => {
    it('art. 47 para. 2: 29,999.99 is below three times the average → no cap, 15 × 29,999.99 = 449,999.85', () => {
      expect(severance({ ...fifteenYears, averageMonthlyWage: 29999.99 })).toMatchObject({ compensationMonths: 15, monthlyWageUsed: 29999.99, capApplied: false, amount: 449999.85 });
    });

    it('art. 47 para. 2 and Civil Code art. 1259: exactly 30,000 is not “above” (高于 excludes the number, like 超过) → no cap, 15 × 30,000 = 450,000', () => {
      const result = severance({ ...fifteenYears, averageMonthlyWage: 30000 });
      expect(result).toMatchObject({ compensationMonths: 15, monthlyWageUsed: 30000, capApplied: false, amount: 450000 });
      expect(result.basis.join('\n')).toMatch(/Civil Code art\. 1259/);
    });

    it('art. 47 para. 2: 30,000.01 is above → wage capped at 30,000 and years at 12: 12 × 30,000 = 360,000', () => {
      const result = severance({ ...fifteenYears, averageMonthlyWage: 30000.01 });
      expect(result).toMatchObject({ serviceMonths: 180, compensationMonths: 12, monthlyWageUsed: 30000, capApplied: true, amount: 360000 });
      expect(result.basis.join('\n')).toMatch(/capped at 30000\.00 and the years at 12/);
    });

    it('art. 47 para. 2: a high earner (50,000) with 15 years gets 12 × 30,000 = 360,000; a normal earner (12,000) with 15 years gets all 15: 180,000', () => {
      expect(severance({ ...fifteenYears, averageMonthlyWage: 50000 })).toMatchObject({ compensationMonths: 12, capApplied: true, amount: 360000 });
      expect(severance({ ...fifteenYears, averageMonthlyWage: 12000 })).toMatchObject({ compensationMonths: 15, capApplied: false, amount: 180000 });
    });

    it('art. 47 para. 2: a high earner with 10 years keeps the 10 (the 12-year limit does not bite): 10 × 30,000 = 300,000', () => {
      expect(severance({ hireDate: '2014-10-01', terminationDate: '2024-09-30', averageMonthlyWage: 50000 })).toMatchObject({ compensationMonths: 10, capApplied: true, amount: 300000 });
    });

    it('art. 47 para. 2: without a regional average in force the cap cannot be checked → computed uncapped (15 × 50,000 = 750,000), manual review', () => {
      const result = severance({ ...fifteenYears, averageMonthlyWage: 50000, regionalAverageMonthlyWage: null });
      expect(result).toMatchObject({ compensationMonths: 15, capApplied: false, amount: 750000, manualReview: true });
      expect(result.reviewReasons.join('\n')).toMatch(/cap cannot be checked/);
    });

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
      expect(severance({ ...fifteenYears, averageMonthlyWage: 50000, reason: 'dismissal', unlawful: true })).toMatchObject({ capApplied: true, amount: 720000 });
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
      expect(result).toMatchObject({ serviceMonths: 56, compensationMonths: 0, economicCompensation: 0, inLieuOfNotice: 0, amount: 0, manualReview: false });
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
      expect(severance({ renewalOffer: 'same_or_better_refused' })).toMatchObject({ compensationMonths: 0, amount: 0, manualReview: false });
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
      expect(severance({ reason: 'mutual_agreement', proposedBy: 'employee' })).toMatchObject({ compensationMonths: 0, amount: 0, manualReview: false });
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
      expect(severance({ hireDate: '2008-01-01' })).toMatchObject({ serviceMonths: 201, compensationMonths: 17, amount: 204000, manualReview: false });
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
