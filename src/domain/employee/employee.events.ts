import { DomainEvent } from '../decider';
import { IsoDate, IsoMonth } from '../shared/calendar';
import { ContractType, EmployeeCategory, SeparationReason } from '../shared/vocabulary';
import { Contact } from './personal-data';

/** Companies sign labour contracts (劳动合同), schools appointment contracts (聘用合同). */
export type ContractKind = 'labour' | 'appointment';

/**
 * The business date of an event when it is not the day it was recorded; the
 * application copies it into `metadata.effectiveDate`. It is not part of `data`,
 * so `evolve` never reads it.
 */
type Dated = { effectiveDate: IsoDate };

/**
 * Service with an earlier employer that the employee was moved from not of their
 * own will (Regs art. 10: same post with a new employer of record, a group
 * assignment, a merger or split, affiliates taking turns). It counts towards
 * this employer's compensation unless that employer already paid for it; the
 * severance answer flags it for a person to decide and never computes it.
 */
export interface PriorTransfer {
  fromEmployer: string;
  /** When service with the earlier employer began. */
  since: IsoDate;
  notOfOwnWill: true;
  /** Whether the earlier employer already paid economic compensation for those years; unknown when absent. */
  compensationPaid?: boolean;
}

export type EmployeeHired = DomainEvent<
  'EmployeeHired',
  {
    employeeId: string;
    orgUnit: string;
    category: EmployeeCategory;
    region: string;
    hireDate: IsoDate;
    monthlyWage: number;
    position: string | null;
    priorTransfer?: PriorTransfer;
  }
> &
  Dated;

/**
 * A separated person hired again on the same archive: a new employment period
 * from `hireDate`; the previous periods stay on record. Personal data, when sent,
 * follows as a PersonalDataRecorded as on hire.
 */
export type EmployeeRehired = DomainEvent<
  'EmployeeRehired',
  {
    employeeId: string;
    hireDate: IsoDate;
    orgUnit: string;
    category: EmployeeCategory;
    region: string;
    monthlyWage: number;
    position: string | null;
    priorTransfer?: PriorTransfer;
  }
> &
  Dated;

/**
 * How a PersonalDataRecorded reads once its personal fields cannot be opened: the
 * employee's key was destroyed (`erased`), or the stored ciphertext was altered
 * (`tampered`). Only the store produces it; the decider never emits it.
 */
export type UnreadablePersonalData = { employeeId: string; name: null; idNumber: null; contact: null } & (
  { erased: true } | { tampered: true }
);

/** The only event with personal data in it (encrypted per employee, erased by crypto-shredding). */
export type PersonalDataRecorded = DomainEvent<
  'PersonalDataRecorded',
  { employeeId: string; name: string; idNumber: string; contact: Contact } | UnreadablePersonalData
>;

/** The one event whose personal fields are sealed in the store (crypto-shredding) and opened on read. */
export const PERSONAL_DATA_RECORDED: PersonalDataRecorded['type'] = 'PersonalDataRecorded';

/** The employee's personal data was erased: the key is destroyed and the personal fields of every PersonalDataRecorded read as erased. */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { employeeId: string }>;

export type ContractSigned = DomainEvent<
  'ContractSigned',
  {
    employeeId: string;
    contractId: string;
    contractType: ContractType;
    kind: ContractKind;
    startDate: IsoDate;
    /** Inclusive (the contract's last day); null for open-ended contracts and task-based ones without a known end. */
    endDate: IsoDate | null;
  }
>;

/** `orgUnit` is the unit after the change (the same one when only the position changed). */
export type PositionChanged = DomainEvent<
  'PositionChanged',
  { employeeId: string; position: string; orgUnit: string; effectiveDate: IsoDate }
> &
  Dated;

/**
 * The contractual monthly wage from `effectiveDate` on. `previousWage` is the wage
 * that was in force on that date before the change; `note` is free text (the
 * reason, a reference), never shown in timelines.
 */
export type WageChanged = DomainEvent<
  'WageChanged',
  { employeeId: string; monthlyWage: number; effectiveDate: IsoDate; previousWage?: number; note?: string }
> &
  Dated;

/**
 * Payroll's figure of what was owed for `month` (应得工资: time or piece wages plus
 * bonuses, allowances and subsidies, Implementing Regulations art. 27). A later
 * record for the same month is a correction: `previousAmount` is the amount it
 * replaces (null for the month's first record), and the latest record wins.
 * Version 2; version 1 named `previousAmount` `corrects` (employee.schemas.ts).
 */
export type MonthlyPayRecorded = DomainEvent<
  'MonthlyPayRecorded',
  { employeeId: string; month: IsoMonth; amount: number; previousAmount: number | null; note?: string }
> &
  Dated;

export type EmployeeSeparated = DomainEvent<
  'EmployeeSeparated',
  { employeeId: string; caseId: string; terminationDate: IsoDate; reason: SeparationReason }
> &
  Dated;

export type OffboardingCaseReserved = DomainEvent<
  'OffboardingCaseReserved',
  { employeeId: string; caseId: string; reason: SeparationReason; lastWorkingDay: IsoDate }
>;

export type OffboardingCaseReleased = DomainEvent<
  'OffboardingCaseReleased',
  { employeeId: string; caseId: string; outcome: 'completed' | 'cancelled' }
>;

export type EmployeeEvent =
  | EmployeeHired
  | EmployeeRehired
  | PersonalDataRecorded
  | PersonalDataErased
  | ContractSigned
  | PositionChanged
  | WageChanged
  | MonthlyPayRecorded
  | EmployeeSeparated
  | OffboardingCaseReserved
  | OffboardingCaseReleased;
