import { maxBenefitMonths, unemploymentBenefit } from '../../../src/domain/continuity/unemployment-benefit';

describe('unemployment benefit (失业保险金)', () => {
  describe('how long (SIL art. 46)', () => {
    it.each([
      [11, 0],
      [12, 12],
      [59, 12],
      [60, 18],
      [119, 18],
      [120, 24],
      [300, 24],
    ])('SIL art. 46: %i contribution months give at most %i benefit months', (months, max) => {
      expect(maxBenefitMonths(months)).toBe(max);
    });
  });

  describe('who (SIL art. 45)', () => {
    it('SIL art. 45(1): 11 months of contributions are not enough, 12 are (满一年 includes the year)', () => {
      expect(unemploymentBenefit('dismissal', 11)).toMatchObject({ eligible: false, maxMonths: 0 });
      expect(unemploymentBenefit('dismissal', 12)).toMatchObject({ eligible: true, maxMonths: 12 });
    });

    it('SIL arts 45 and 46: a dismissal after 5 years (60 months) is eligible for 18 months, and says why', () => {
      expect(unemploymentBenefit('dismissal', 60)).toEqual({
        separationReason: 'dismissal',
        eligible: true,
        contributionMonths: 60,
        maxMonths: 18,
        why:
          'SIL art. 45(1): 60 months of unemployment-insurance contributions, at least 12. ' +
          'SIL art. 45(2): a dismissal by the employer is involuntary (Order 13 art. 13(2), (4): LCL arts 39-41). ' +
          'SIL art. 46: at most 18 months of benefit. Registration as unemployed and seeking work (art. 45(3)) remain for the employee to do.',
      });
    });

    it('SIL art. 45(2): a resignation is of the employee’s own will: not eligible however long they paid', () => {
      const benefit = unemploymentBenefit('resignation', 120);
      expect(benefit).toMatchObject({ eligible: false, maxMonths: 0, contributionMonths: 120 });
      expect(benefit.why).toContain("a resignation is of the employee's own will (LCL art. 37)");
    });

    it('SIL art. 45(2), Order 13 art. 13(1): a contract expiry counts, whether or not a renewal was offered or its offer recorded', () => {
      for (const renewalOffer of [undefined, 'none', 'lower_refused'] as const) {
        const benefit = unemploymentBenefit('contract_expiry', 24, { renewalOffer });
        expect(benefit).toMatchObject({ eligible: true, maxMonths: 12 });
        expect(benefit.why).not.toContain('may refuse');
      }
    });

    it('Order 13 art. 13(1) has no exception for a refused renewal on the same or better terms: eligible, with the bureau’s possible refusal named', () => {
      const benefit = unemploymentBenefit('contract_expiry', 24, { renewalOffer: 'same_or_better_refused' });
      expect(benefit).toMatchObject({ eligible: true, maxMonths: 12 });
      expect(benefit.why).toContain('the bureau may refuse');
    });

    it('Order 13 art. 13(3): a mutual agreement the employer proposed counts; one the employee proposed does not', () => {
      expect(unemploymentBenefit('mutual_agreement', 120, { proposedBy: 'employer' })).toMatchObject({ eligible: true, maxMonths: 24 });
      const own = unemploymentBenefit('mutual_agreement', 120, { proposedBy: 'employee' });
      expect(own).toMatchObject({ eligible: false, maxMonths: 0 });
      expect(own.why).toContain("of the employee's own will");
    });

    it('a mutual agreement without the proposer recorded is not decided: eligible and maxMonths null, why says to record proposedBy', () => {
      const benefit = unemploymentBenefit('mutual_agreement', 120);
      expect(benefit).toMatchObject({ eligible: null, maxMonths: null, contributionMonths: 120 });
      expect(benefit.why).toContain('record proposedBy');
      expect(benefit.why).toContain('at most 24 months');
    });

    it('SIL art. 45(1) still refuses an undecided mutual agreement with fewer than 12 months: eligible false, not null', () => {
      expect(unemploymentBenefit('mutual_agreement', 11)).toMatchObject({ eligible: false, maxMonths: 0 });
      expect(unemploymentBenefit('mutual_agreement', 12)).toMatchObject({ eligible: null, maxMonths: null });
    });

    it('SIL art. 51(3): a retirement is not eligible: the pension takes the benefit’s place', () => {
      expect(unemploymentBenefit('retirement', 200)).toMatchObject({ eligible: false, maxMonths: 0 });
    });

    it('SIL art. 45(2): without a separation reason nothing can be judged', () => {
      const benefit = unemploymentBenefit(null, 30);
      expect(benefit).toMatchObject({ separationReason: null, eligible: false, maxMonths: 0 });
      expect(benefit.why).toContain('no separation to judge');
    });

    it('SIL art. 45(1) and (2): both failures are named', () => {
      expect(unemploymentBenefit('resignation', 3).why).toBe(
        'SIL art. 45(1): 3 months of unemployment-insurance contributions, fewer than 12. ' +
          "SIL art. 45(2): a resignation is of the employee's own will (LCL art. 37); one for the employer's fault (LCL art. 38) would count (Order 13 art. 13(5)) but the reason code does not tell them apart. " +
          'Not eligible.',
      );
    });
  });
});
