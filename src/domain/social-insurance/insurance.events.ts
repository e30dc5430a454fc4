import { DomainEvent } from '../decider';
import { IsoDate, IsoMonth } from '../shared/calendar';
import { InsuranceType } from '../shared/vocabulary';

/**
 * Facts of a social-insurance account (社保账户), stream `insurance-<employeeId>`.
 * Money is CNY with two decimals; months are 'YYYY-MM'.
 */

/** Enrolment (参保/增员), also a re-enrolment after a transfer-out (a new period). */
export type SocialInsuranceEnrolled = DomainEvent<
  'SocialInsuranceEnrolled',
  {
    employeeId: string;
    startMonth: IsoMonth;
    insuranceTypes: InsuranceType[];
    contributionBase: number;
    /** The hire date the enrolment was checked against, kept so a report can flag late enrolment (docs/LAW.md §1.3: 30 days) from this stream alone. */
    hireDate: IsoDate;
  }
>;

export type ContributionRecorded = DomainEvent<'ContributionRecorded', { month: IsoMonth; insuranceTypes: InsuranceType[]; base: number }>;

/** A change to an already recorded month; the original ContributionRecorded stays. One event per previous base, so `previousBase` is exact for every type named. */
export type ContributionCorrected = DomainEvent<
  'ContributionCorrected',
  { month: IsoMonth; insuranceTypes: InsuranceType[]; base: number; previousBase: number }
>;

/** The base in force from `fromMonth` on (until a later adjustment); `previousBase` was in force for that month before. */
export type ContributionBaseAdjusted = DomainEvent<
  'ContributionBaseAdjusted',
  { fromMonth: IsoMonth; contributionBase: number; previousBase: number }
>;

/**
 * A completed transfer-out (社保转出/减员) reported by the offboarding case's process manager.
 * The bureau's `lastPaidMonth` wins over our records: months recorded after it are kept
 * but listed, so a report can flag them.
 */
export type SocialInsuranceTransferredOut = DomainEvent<
  'SocialInsuranceTransferredOut',
  { caseId: string; lastPaidMonth: IsoMonth; contributionsAfterLastPaidMonth: IsoMonth[] }
>;

export type InsuranceEvent =
  SocialInsuranceEnrolled | ContributionRecorded | ContributionCorrected | ContributionBaseAdjusted | SocialInsuranceTransferredOut;
