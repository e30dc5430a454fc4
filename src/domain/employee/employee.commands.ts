import { IsoDate, IsoMonth } from '../shared/calendar';
import { ContractType, EmployeeCategory, SeparationReason } from '../shared/vocabulary';
import { PriorTransfer } from './employee.events';
import { Contact } from './personal-data';

/**
 * Commands to an employee archive (`employee-<id>`). Everything the decider
 * needs, dates included, comes in the command; the stream says whose archive.
 */
export type HireEmployee = {
  type: 'HireEmployee';
  data: {
    employeeId: string;
    name: string;
    idNumber: string;
    orgUnit: string;
    category: EmployeeCategory;
    region: string;
    hireDate: IsoDate;
    monthlyWage: number;
    position?: string;
    contact?: Contact;
    priorTransfer?: PriorTransfer;
    /** The business day of the request (the domain reads no clock): a hire date may be a plan up to PLAN_HORIZON_DAYS ahead. */
    today: IsoDate;
  };
};

/** Fields left out keep their value; `contact`, when given, replaces the whole contact block. */
export type UpdatePersonalData = {
  type: 'UpdatePersonalData';
  data: { name?: string; idNumber?: string; contact?: Contact };
};

/** Crypto-shredding (admin): `today` is the application's date, for the retention period. */
export type ErasePersonalData = {
  type: 'ErasePersonalData';
  data: { today: IsoDate };
};

export type SignContract = {
  type: 'SignContract';
  /** `today`: the business day of the request; the start may be a plan up to PLAN_HORIZON_DAYS ahead (the end is the term, not bounded). */
  data: { contractId: string; contractType: ContractType; startDate: IsoDate; endDate?: IsoDate; today: IsoDate };
};

export type ChangePosition = {
  type: 'ChangePosition';
  /** `today`: the business day of the request; the change may be planned up to PLAN_HORIZON_DAYS ahead. */
  data: { position: string; orgUnit?: string; effectiveDate: IsoDate; today: IsoDate };
};

/** A change of the contractual monthly wage (调薪) from `effectiveDate` on. */
export type ChangeWage = {
  type: 'ChangeWage';
  data: {
    monthlyWage: number;
    effectiveDate: IsoDate;
    note?: string;
    /** The business day of the request: a raise agreed ahead may take effect up to PLAN_HORIZON_DAYS later. */
    today: IsoDate;
  };
};

/** What payroll says was owed for one month (应得工资); a second record for the month corrects the first. */
export type RecordMonthlyPay = {
  type: 'RecordMonthlyPay';
  data: {
    month: IsoMonth;
    amount: number;
    note?: string;
    /** The business day of the request: pay is owed for a month that has begun, so the current month at the latest. */
    today: IsoDate;
  };
};

/** From the process manager when an offboarding case registers labour termination (退工). */
export type RecordSeparation = {
  type: 'RecordSeparation';
  data: { caseId: string; terminationDate: IsoDate; reason: SeparationReason };
};

/** Taken before an offboarding case is opened: the archive is the lock for one open case per person. */
export type ReserveOffboarding = {
  type: 'ReserveOffboarding';
  data: { caseId: string; reason: SeparationReason; lastWorkingDay: IsoDate };
};

/** From the process manager when the case completes or is cancelled. */
export type ReleaseOffboarding = {
  type: 'ReleaseOffboarding';
  data: { caseId: string; outcome: 'completed' | 'cancelled' };
};

export type EmployeeCommand =
  | HireEmployee
  | UpdatePersonalData
  | ErasePersonalData
  | SignContract
  | ChangePosition
  | ChangeWage
  | RecordMonthlyPay
  | RecordSeparation
  | ReserveOffboarding
  | ReleaseOffboarding;
