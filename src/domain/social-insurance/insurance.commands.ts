import { IsoDate, IsoMonth } from '../shared/calendar';
import { InsuranceType } from '../shared/vocabulary';

/**
 * Commands to a social-insurance account, `{ type, data }` like the events.
 * Facts owned by other aggregates (the hire date, the offboarding case) are
 * read by the application from their streams and passed in as fields.
 */

export interface EnrollInSocialInsurance {
  type: 'EnrollInSocialInsurance';
  data: { employeeId: string; startMonth: IsoMonth; insuranceTypes: InsuranceType[]; contributionBase: number; hireDate: IsoDate };
}

export interface RecordContribution {
  type: 'RecordContribution';
  /** `insuranceTypes` defaults to every type of the enrolment period the month falls in. */
  data: { month: IsoMonth; insuranceTypes?: InsuranceType[]; base: number; correction: boolean };
}

export interface AdjustContributionBase {
  type: 'AdjustContributionBase';
  data: { fromMonth: IsoMonth; contributionBase: number };
}

/** Sent by the process manager when an offboarding case completes its si_transfer_out step. */
export interface CloseForTransferOut {
  type: 'CloseForTransferOut';
  data: { caseId: string; lastPaidMonth: IsoMonth };
}

export type InsuranceCommand = EnrollInSocialInsurance | RecordContribution | AdjustContributionBase | CloseForTransferOut;
