import { Decider, DomainError } from '../decider';
import { addDays, addMonths, dayInMonth, dayOfMonth, IsoDate, isIsoDate, monthOf } from '../shared/calendar';
import { EmployeeCategory, isSchool, SeparationReason } from '../shared/vocabulary';
import { requireWithinPlanHorizon } from '../shared/effective-dates';
import { contractDatesProblem, ContractTerms, findOverlap } from './contract-terms';
import {
  ChangePosition,
  EmployeeCommand,
  ErasePersonalData,
  HireEmployee,
  RecordSeparation,
  ReleaseOffboarding,
  ReserveOffboarding,
  SignContract,
  UpdatePersonalData,
} from './employee.commands';
import { ContractKind, EmployeeEvent, EmployeeHired } from './employee.events';
import { PersonalData } from './personal-data';
import { normalizeResidentId, validateResidentId } from './resident-id';

/** The employee archive (员工档案) lives in one stream per person. */
export const employeeStream = (employeeId: string) => `employee-${employeeId}`;

export type SignedContract = ContractTerms & { kind: ContractKind };

export interface EmployeeArchive {
  employeeId: string;
  category: EmployeeCategory;
  region: string;
  hireDate: IsoDate;
  monthlyWage: number;
  /** Current unit and position (after the latest PositionChanged). */
  orgUnit: string;
  position: string | null;
  contracts: SignedContract[];
  /** The offboarding case holding the lock; at most one per person. */
  openCaseId: string | null;
  /** Released cases, so that a late retry of their reservation does not lock the person again. */
  closedCaseIds: string[];
  /**
   * Only to fill in the fields a partial UpdatePersonalData leaves out; no rule
   * reads it. Null until recorded, once erased, or when the stored form was altered.
   */
  personalData: PersonalData | null;
  /** Erased by crypto-shredding: no personal data can be recorded again. */
  personalDataErased: boolean;
}

export interface Separation {
  caseId: string;
  terminationDate: IsoDate;
  reason: SeparationReason;
}

export type EmployeeState =
  | { status: 'none' }
  | (EmployeeArchive & { status: 'employed' })
  | (EmployeeArchive & { status: 'separated'; separation: Separation });

type OnRecord = Exclude<EmployeeState, { status: 'none' }>;
type Employed = Extract<EmployeeState, { status: 'employed' }>;

const contractKind = (category: EmployeeCategory): ContractKind => (isSchool(category) ? 'appointment' : 'labour');

function onRecord(state: EmployeeState): OnRecord {
  if (state.status === 'none') throw new DomainError('NOT_FOUND', 'No archive exists for this employee; hire the employee first.');
  return state;
}

/** What a separated archive refuses, in both languages, for the operator's message. */
interface Refused {
  zh: string;
  en: string;
}

/** After separation the archive is closed to change (only personal data may still be corrected). */
function employed(state: EmployeeState, refused: Refused): Employed {
  const archive = onRecord(state);
  if (archive.status === 'separated') throw separatedError(archive.separation, refused);
  return archive;
}

function separatedError(separation: Separation, refused: Refused): DomainError {
  const { terminationDate, caseId } = separation;
  return new DomainError(
    'EMPLOYEE_SEPARATED',
    `该员工已于 ${terminationDate} 离职，${refused.zh} / The employee separated on ${terminationDate}; ${refused.en}.`,
    { terminationDate, caseId },
  );
}

function invalidDate(field: string): DomainError {
  return new DomainError('INVALID_DATE', `${field} must be a real date (YYYY-MM-DD).`, { field });
}

/** A business date of the archive must be a real date on or after the hire date. */
function requireDateFromHire(field: string, date: IsoDate, hireDate: IsoDate): void {
  if (!isIsoDate(date)) throw invalidDate(field);
  if (date < hireDate) throw new DomainError('INVALID_DATE', `${field} (${date}) is before the hire date (${hireDate}).`, { field, hireDate });
}

/** Checks and normalizes an ID number; the error names the rule broken, never the number. */
function residentId(idNumber: string): string {
  const check = validateResidentId(idNumber);
  if (!check.ok) throw new DomainError('INVALID_ID_NUMBER', `The ID number is not a valid resident ID number: ${check.reason}.`, { reason: check.reason });
  return normalizeResidentId(idNumber);
}

function hire({ data }: HireEmployee, state: EmployeeState): EmployeeEvent[] {
  if (state.status !== 'none') throw new DomainError('EMPLOYEE_EXISTS', `Employee ${data.employeeId} is already on record.`, { employeeId: data.employeeId });
  if (!isIsoDate(data.hireDate)) throw invalidDate('hireDate');
  requireWithinPlanHorizon('hireDate', data.hireDate, data.today);
  const idNumber = residentId(data.idNumber);
  if (!Number.isFinite(data.monthlyWage) || data.monthlyWage < 0) {
    throw new DomainError('INVALID_WAGE', 'monthlyWage must be a finite amount in yuan, zero or more.', { field: 'monthlyWage' });
  }
  const { employeeId, orgUnit, category, region, hireDate, monthlyWage } = data;
  return [
    {
      type: 'EmployeeHired',
      data: { employeeId, orgUnit, category, region, hireDate, monthlyWage, position: data.position ?? null },
      effectiveDate: hireDate,
    },
    { type: 'PersonalDataRecorded', data: { employeeId, name: data.name, idNumber, contact: data.contact ?? {} } },
  ];
}

function updatePersonalData({ data }: UpdatePersonalData, state: EmployeeState): EmployeeEvent[] {
  // Still allowed after separation: records must stay correct while they are kept.
  const archive = onRecord(state);
  if (archive.personalDataErased) {
    throw new DomainError('PERSONAL_DATA_ERASED', '该员工的个人信息已删除，不能再记录 / The personal data of this employee was erased; it cannot be recorded again.');
  }
  const current = archive.personalData;
  const name = data.name ?? current?.name;
  const idNumber = data.idNumber === undefined ? current?.idNumber : residentId(data.idNumber);
  if (name === undefined || idNumber === undefined) {
    throw new DomainError('PERSONAL_DATA_INCOMPLETE', 'No personal data is on record for this employee; send name and idNumber together.');
  }
  return [{ type: 'PersonalDataRecorded', data: { employeeId: archive.employeeId, name, idNumber, contact: data.contact ?? current?.contact ?? {} } }];
}

/**
 * The last day personal data must be kept: LCL art. 50 keeps terminated
 * contracts "至少保存二年" (at least two years) from the termination.
 * Civil Code art. 201: the day the period starts from is not counted, counting
 * begins the next day; art. 202: a period in years ends on the corresponding
 * day of the last year, or on the month's last day when there is none. So a
 * termination on 2024-06-30 is kept through 2026-06-30 (until 24:00, art. 203)
 * and may be erased from 2026-07-01; one on 2024-02-29 through 2026-02-28.
 * Art. 203's extension when the last day is a public holiday is not applied: it
 * moves deadlines for doing an act, and keeping records is no such act (nor does
 * the domain hold a holiday calendar).
 */
export function retentionEnds(terminationDate: IsoDate): IsoDate {
  return dayInMonth(addMonths(monthOf(terminationDate), 24), dayOfMonth(terminationDate));
}

/**
 * Crypto-shredding of the archive's personal data. Only for a separated
 * employee, and only after the retention period; erasing again changes nothing,
 * so that a request whose key destruction failed can be repeated to finish it.
 */
function erasePersonalData({ data }: ErasePersonalData, state: EmployeeState): EmployeeEvent[] {
  const archive = onRecord(state);
  if (archive.personalDataErased) return [];
  if (archive.status === 'employed') {
    throw new DomainError(
      'EMPLOYEE_EMPLOYED',
      '在职员工的个人信息不能删除，请先办理离职 / Personal data of an employee still employed cannot be erased; offboard the employee first.',
    );
  }
  if (!isIsoDate(data.today)) throw invalidDate('today');
  const retainUntil = retentionEnds(archive.separation.terminationDate);
  if (data.today <= retainUntil) {
    const erasableFrom = addDays(retainUntil, 1);
    throw new DomainError(
      'RETENTION_PERIOD',
      `离职员工的劳动合同须保存至 ${retainUntil}（《劳动合同法》第五十条），${erasableFrom} 起方可删除个人信息 / ` +
        `Records of a terminated contract must be kept until ${retainUntil} (Labour Contract Law art. 50); the personal data can be erased from ${erasableFrom}.`,
      { retainUntil },
    );
  }
  return [{ type: 'PersonalDataErased', data: { employeeId: archive.employeeId } }];
}

function signContract({ data }: SignContract, state: EmployeeState): EmployeeEvent[] {
  const archive = employed(state, { zh: '不能再签订合同', en: 'no contract can be signed' });
  if (archive.contracts.some((c) => c.contractId === data.contractId)) {
    throw new DomainError('CONTRACT_EXISTS', `Contract ${data.contractId} is already on record.`, { contractId: data.contractId });
  }
  const problem = contractDatesProblem(data, archive.hireDate);
  if (problem) throw new DomainError('CONTRACT_DATES_INVALID', problem.message, { field: problem.field });
  requireWithinPlanHorizon('startDate', data.startDate, data.today);

  const terms = { startDate: data.startDate, endDate: data.endDate ?? null };
  const overlap = findOverlap(archive.contracts, terms);
  if (overlap) {
    const { contractId, startDate, endDate } = overlap;
    throw new DomainError(
      'CONTRACT_OVERLAP',
      `合同期限与已有合同 ${contractId}（${startDate} 至 ${endDate ?? '无固定期限'}，含当日）重叠 / ` +
        `The contract overlaps contract ${contractId} (${startDate} to ${endDate ?? 'open-ended'}, end date inclusive).`,
      { overlappingContract: { contractId, startDate, endDate } },
    );
  }
  return [
    {
      type: 'ContractSigned',
      data: { employeeId: archive.employeeId, contractId: data.contractId, contractType: data.contractType, kind: contractKind(archive.category), ...terms },
    },
  ];
}

function changePosition({ data }: ChangePosition, state: EmployeeState): EmployeeEvent[] {
  const archive = employed(state, { zh: '不能再调整岗位', en: 'the position can no longer be changed' });
  requireDateFromHire('effectiveDate', data.effectiveDate, archive.hireDate);
  requireWithinPlanHorizon('effectiveDate', data.effectiveDate, data.today);
  const { position, effectiveDate } = data;
  return [
    {
      type: 'PositionChanged',
      data: { employeeId: archive.employeeId, position, orgUnit: data.orgUnit ?? archive.orgUnit, effectiveDate },
      effectiveDate,
    },
  ];
}

/**
 * The separation is a fact already registered by the offboarding case (退工), so
 * it is recorded whether or not that case holds the lock; only a second
 * separation from another case is refused, as it points to a mistake upstream.
 */
function recordSeparation({ data }: RecordSeparation, state: EmployeeState): EmployeeEvent[] {
  const archive = onRecord(state);
  if (archive.status === 'separated') {
    if (archive.separation.caseId === data.caseId) return [];
    throw separatedError(archive.separation, { zh: '不能再次登记退工', en: 'a second separation cannot be recorded' });
  }
  requireDateFromHire('terminationDate', data.terminationDate, archive.hireDate);
  const { caseId, terminationDate, reason } = data;
  return [{ type: 'EmployeeSeparated', data: { employeeId: archive.employeeId, caseId, terminationDate, reason }, effectiveDate: terminationDate }];
}

function reserveOffboarding({ data }: ReserveOffboarding, state: EmployeeState): EmployeeEvent[] {
  const archive = onRecord(state);
  // A retry of a reservation that already took effect (even of a case since closed) changes nothing.
  if (archive.openCaseId === data.caseId || archive.closedCaseIds.includes(data.caseId)) return [];
  const active = employed(archive, { zh: '不能再发起离职流程', en: 'no offboarding case can be opened' });
  if (active.openCaseId !== null) {
    const openCaseId = active.openCaseId;
    throw new DomainError(
      'OPEN_CASE_EXISTS',
      `该员工已有进行中的离职流程 (case ${openCaseId})，请先完成或撤销 / The employee already has an open offboarding case (${openCaseId}); complete or cancel it first.`,
      { openCaseId },
    );
  }
  requireDateFromHire('lastWorkingDay', data.lastWorkingDay, active.hireDate);
  const { caseId, reason, lastWorkingDay } = data;
  return [{ type: 'OffboardingCaseReserved', data: { employeeId: active.employeeId, caseId, reason, lastWorkingDay } }];
}

function releaseOffboarding({ data }: ReleaseOffboarding, state: EmployeeState): EmployeeEvent[] {
  const archive = onRecord(state);
  // Only the open case holds the lock; a repeated or stray release changes nothing.
  if (archive.openCaseId !== data.caseId) return [];
  return [{ type: 'OffboardingCaseReleased', data: { employeeId: archive.employeeId, caseId: data.caseId, outcome: data.outcome } }];
}

function decide(command: EmployeeCommand, state: EmployeeState): EmployeeEvent[] {
  switch (command.type) {
    case 'HireEmployee':
      return hire(command, state);
    case 'UpdatePersonalData':
      return updatePersonalData(command, state);
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    case 'SignContract':
      return signContract(command, state);
    case 'ChangePosition':
      return changePosition(command, state);
    case 'RecordSeparation':
      return recordSeparation(command, state);
    case 'ReserveOffboarding':
      return reserveOffboarding(command, state);
    case 'ReleaseOffboarding':
      return releaseOffboarding(command, state);
  }
}

function hired({ data }: EmployeeHired): EmployeeState {
  const { employeeId, category, region, hireDate, monthlyWage, orgUnit, position } = data;
  return {
    status: 'employed',
    employeeId,
    category,
    region,
    hireDate,
    monthlyWage,
    orgUnit,
    position,
    contracts: [],
    openCaseId: null,
    closedCaseIds: [],
    personalData: null,
    personalDataErased: false,
  };
}

function evolve(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  if (event.type === 'EmployeeHired') return hired(event);
  // Every other event follows EmployeeHired in the same stream.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'PersonalDataRecorded': {
      const { name, idNumber, contact } = event.data;
      // Erased or altered in the store: nothing readable is on record.
      return { ...state, personalData: name === null ? null : { name, idNumber, contact } };
    }
    case 'PersonalDataErased':
      return { ...state, personalData: null, personalDataErased: true };
    case 'ContractSigned': {
      const { contractId, contractType, kind, startDate, endDate } = event.data;
      return { ...state, contracts: [...state.contracts, { contractId, contractType, kind, startDate, endDate }] };
    }
    case 'PositionChanged':
      return { ...state, position: event.data.position, orgUnit: event.data.orgUnit };
    case 'EmployeeSeparated': {
      const { caseId, terminationDate, reason } = event.data;
      return { ...state, status: 'separated', separation: { caseId, terminationDate, reason } };
    }
    case 'OffboardingCaseReserved':
      return { ...state, openCaseId: event.data.caseId };
    case 'OffboardingCaseReleased':
      return { ...state, openCaseId: null, closedCaseIds: [...state.closedCaseIds, event.data.caseId] };
  }
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeState, EmployeeEvent> = {
  initialState: { status: 'none' },
  decide,
  evolve,
};
