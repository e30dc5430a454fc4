import { eventSchemas } from '../stored-event';
import { EmployeeEvent, MonthlyPayRecorded } from './employee.events';

/**
 * MonthlyPayRecorded as written before version 2: the amount a correction
 * replaces was named `corrects`, which reads as a reference to what is
 * corrected (an event, a revision) rather than an amount in yuan.
 */
export type MonthlyPayRecordedV1 = Omit<MonthlyPayRecorded['data'], 'previousAmount'> & { corrects: number | null };

/** v1 → v2: `corrects` is `previousAmount`, as WageChanged's `previousWage` and ContributionCorrected's `previousBase`. */
export const monthlyPayRecordedV2 = ({ corrects, ...rest }: MonthlyPayRecordedV1): MonthlyPayRecorded['data'] => ({
  ...rest,
  previousAmount: corrects,
});

/** The events of an employee archive (`employee-<id>`): each type's current schema version, and the upcasters from older ones. */
export const employeeEvents = eventSchemas<EmployeeEvent>('employee', {
  EmployeeHired: { current: 1 },
  EmployeeRehired: { current: 1 },
  PersonalDataRecorded: { current: 1 },
  PersonalDataErased: { current: 1 },
  ContractSigned: { current: 1 },
  PositionChanged: { current: 1 },
  WageChanged: { current: 1 },
  MonthlyPayRecorded: { current: 2, upcasters: { 1: monthlyPayRecordedV2 } },
  EmployeeSeparated: { current: 1 },
  OffboardingCaseReserved: { current: 1 },
  OffboardingCaseReleased: { current: 1 },
});
