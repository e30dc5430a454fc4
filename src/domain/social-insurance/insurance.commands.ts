import { IsoDate, IsoMonth } from '../shared/calendar';
import { InsuranceType } from '../shared/vocabulary';

/**
 * Commands to a social-insurance account, `{ type, data }` like the events.
 * Facts owned by other aggregates (the hire date, the offboarding case) are
 * read by the application from their streams and passed in as fields.
 */

export interface EnrollInSocialInsurance {
  type: 'EnrollInSocialInsurance';
  /** `today`: the business day of the request; an enrolment is a filing made by today; filed after the month's cut-off it starts next month, no later. */
  data: {
    employeeId: string;
    startMonth: IsoMonth;
    insuranceTypes: InsuranceType[];
    contributionBase: number;
    hireDate: IsoDate;
    today: IsoDate;
  };
}

export interface RecordContribution {
  type: 'RecordContribution';
  /** `insuranceTypes` defaults to every type of the enrolment period the month falls in. `today`: the business day of the request; a month paid is the current one at the latest. */
  data: { month: IsoMonth; insuranceTypes?: InsuranceType[]; base: number; correction: boolean; today: IsoDate };
}

export interface AdjustContributionBase {
  type: 'AdjustContributionBase';
  /** `today`: the business day of the request; a base may be set ahead for a month PLAN_HORIZON_DAYS away at most. */
  data: { fromMonth: IsoMonth; contributionBase: number; today: IsoDate };
}

/** Sent by the process manager when an offboarding case completes its si_transfer_out step. */
export interface CloseForTransferOut {
  type: 'CloseForTransferOut';
  data: { caseId: string; lastPaidMonth: IsoMonth };
}

export type InsuranceCommand = EnrollInSocialInsurance | RecordContribution | AdjustContributionBase | CloseForTransferOut;
