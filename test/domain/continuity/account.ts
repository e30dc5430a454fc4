import { addMonths, IsoMonth } from '../../../src/domain/shared/calendar';
import { InsuranceType } from '../../../src/domain/shared/vocabulary';
import { insuranceDecider, InsuranceState } from '../../../src/domain/social-insurance/insurance.decider';
import { InsuranceEvent } from '../../../src/domain/social-insurance/insurance.events';

/** Builders of social-insurance events, folded with the decider's own evolve. */
export const enrolled = (startMonth: IsoMonth, insuranceTypes: InsuranceType[] = ['pension', 'unemployment']): InsuranceEvent => ({
  type: 'SocialInsuranceEnrolled',
  data: { employeeId: 'E1', startMonth, insuranceTypes, contributionBase: 10000, hireDate: `${startMonth}-01` },
});

export const paid = (month: IsoMonth, insuranceTypes: InsuranceType[] = ['pension', 'unemployment']): InsuranceEvent => ({
  type: 'ContributionRecorded',
  data: { month, insuranceTypes, base: 10000 },
});

export const corrected = (month: IsoMonth, insuranceTypes: InsuranceType[] = ['pension']): InsuranceEvent => ({
  type: 'ContributionCorrected',
  data: { month, insuranceTypes, base: 11000, previousBase: 10000 },
});

export const transferredOut = (lastPaidMonth: IsoMonth, contributionsAfterLastPaidMonth: IsoMonth[] = []): InsuranceEvent => ({
  type: 'SocialInsuranceTransferredOut',
  data: { caseId: 'C1', lastPaidMonth, contributionsAfterLastPaidMonth },
});

/** One ContributionRecorded per month from `from` to `to`, both included. */
export function paidFromTo(from: IsoMonth, to: IsoMonth, insuranceTypes?: InsuranceType[]): InsuranceEvent[] {
  const events: InsuranceEvent[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) events.push(paid(m, insuranceTypes));
  return events;
}

export const account = (events: InsuranceEvent[]): InsuranceState => events.reduce(insuranceDecider.evolve, insuranceDecider.initialState);
