import { Decider, DomainError } from '../decider';
import { addDays, addMonths, dayInMonth, dayOfMonth, firstDayOf, IsoDate, isIsoDate, isIsoMonth, monthOf } from '../shared/calendar';
import { EmployeeCategory, isSchool, SeparationReason } from '../shared/vocabulary';
import { requireNotFutureMonth, requireWithinPlanHorizon } from '../shared/effective-dates';
import { contractDatesProblem, ContractTerms, findOverlap } from './contract-terms';
import {
  ChangePosition,
  ChangeWage,
  EmployeeCommand,
  ErasePersonalData,
  HireEmployee,
  RecordMonthlyPay,
  RecordSeparation,
  ReleaseOffboarding,
  ReserveOffboarding,
  SignContract,
  UpdatePersonalData,
} from './employee.commands';
import { employeeEvents } from './employee.schemas';
import { StoredEvent } from '../stored-event';
import { ContractKind, EmployeeEvent, EmployeeHired, EmployeeRehired, PriorTransfer } from './employee.events';
import { PersonalData, samePersonalData } from './personal-data';
import { normalizeResidentId, validateResidentId } from './resident-id';
import { isYuanAmount, MonthlyPay, wageOn, WageEntry, withWage } from './wage-history';

export type SignedContract = ContractTerms & { kind: ContractKind };

export interface EmployeeArchive {
  employeeId: string;
  category: EmployeeCategory;
  region: string;
  hireDate: IsoDate;
  /** The wage of the latest entry of `wages` (by effective date): the contractual wage as last agreed. */
  monthlyWage: number;
  /** The contractual wage over time, the hire wage first (see wage-history.ts). */
  wages: WageEntry[];
  /** Payroll's amount owed per month, corrections applied. */
  monthlyPay: MonthlyPay;
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
  /** Employment periods ended before the current one (a rehire starts a new period); absent until the first rehire. */
  previousPeriods?: EmploymentPeriod[];
  /** Service moved from an earlier employer not of the employee's own will (Regs art. 10), for the current period. */
  priorTransfer?: PriorTransfer;
}

/** One employment period on this archive: from a (re)hire to its termination, with the case that registered it. */
export interface EmploymentPeriod {
  hireDate: IsoDate;
  terminationDate?: IsoDate;
  caseId?: string;
}

export interface Separation {
  caseId: string;
  terminationDate: IsoDate;
  reason: SeparationReason;
}

export type EmployeeState =
  { status: 'none' } | (EmployeeArchive & { status: 'employed' }) | (EmployeeArchive & { status: 'separated'; separation: Separation });

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
  if (date < hireDate)
    throw new DomainError('INVALID_DATE', `${field} (${date}) is before the hire date (${hireDate}).`, { field, hireDate });
}

/** Checks and normalizes an ID number; the error names the rule broken, never the number. */
function residentId(idNumber: string): string {
  const check = validateResidentId(idNumber);
  if (!check.ok)
    throw new DomainError('INVALID_ID_NUMBER', `The ID number is not a valid resident ID number: ${check.reason}.`, {
      reason: check.reason,
    });
  return normalizeResidentId(idNumber);
}

/** Every employment period of the archive, oldest first; the last is the current one (open while employed). */
export function employmentPeriods(archive: OnRecord): EmploymentPeriod[] {
  const current: EmploymentPeriod =
    archive.status === 'separated'
      ? { hireDate: archive.hireDate, terminationDate: archive.separation.terminationDate, caseId: archive.separation.caseId }
      : { hireDate: archive.hireDate };
  return [...(archive.previousPeriods ?? []), current];
}

function hire(command: HireEmployee, state: EmployeeState): EmployeeEvent[] {
  const { data } = command;
  // A separated person hired again keeps the archive: a new employment period (rehire).
  if (state.status === 'separated') return rehire(command, state);
  if (state.status !== 'none')
    throw new DomainError('EMPLOYEE_EXISTS', `Employee ${data.employeeId} is already on record.`, { employeeId: data.employeeId });
  if (!isIsoDate(data.hireDate)) throw invalidDate('hireDate');
  requireWithinPlanHorizon('hireDate', data.hireDate, data.today);
  const idNumber = residentId(data.idNumber);
  requireWage(data.monthlyWage);
  requirePriorTransfer(data.priorTransfer, data.hireDate);
  const { employeeId, orgUnit, category, region, hireDate, monthlyWage } = data;
  return [
    {
      type: 'EmployeeHired',
      data: { employeeId, orgUnit, category, region, hireDate, monthlyWage, position: data.position ?? null, ...priorTransferOf(data) },
      effectiveDate: hireDate,
    },
    { type: 'PersonalDataRecorded', data: { employeeId, name: data.name, idNumber, contact: data.contact ?? {} } },
  ];
}

function requireWage(monthlyWage: number): void {
  if (!Number.isFinite(monthlyWage) || monthlyWage < 0) {
    throw new DomainError('INVALID_WAGE', 'monthlyWage must be a finite amount in yuan, zero or more.', { field: 'monthlyWage' });
  }
}

const priorTransferOf = (data: HireEmployee['data']) => (data.priorTransfer === undefined ? {} : { priorTransfer: data.priorTransfer });

/** Regs art. 10 applies only to a move not of the employee's own will, and the earlier service must start before this hire. */
function requirePriorTransfer(transfer: PriorTransfer | undefined, hireDate: IsoDate): void {
  if (transfer === undefined) return;
  const invalid = (field: string, message: string) =>
    new DomainError('INVALID_PRIOR_TRANSFER', message, { field: `priorTransfer.${field}` });
  if (transfer.notOfOwnWill !== true) {
    throw invalid(
      'notOfOwnWill',
      'priorTransfer is only for a move not of the employee’s own will (Regs art. 10); a move by their own choice carries no earlier years.',
    );
  }
  if (!isIsoDate(transfer.since)) throw invalid('since', 'priorTransfer.since must be a real date (YYYY-MM-DD).');
  if (transfer.since >= hireDate)
    throw invalid('since', `priorTransfer.since (${transfer.since}) must be before the hire date (${hireDate}).`);
  if (typeof transfer.fromEmployer !== 'string' || transfer.fromEmployer.trim() === '')
    throw invalid('fromEmployer', 'priorTransfer.fromEmployer must name the earlier employer.');
}

/**
 * A separated person hired again on the same archive. Decisions:
 * - the new period starts after the last one ended (a hire date on or before the
 *   termination date would overlap the period closed by 退工);
 * - the ID number identifies the person: when one is on record it must match, or
 *   the employee id was reused for someone else (or mistyped); when none is
 *   readable (altered in the store) the one sent is recorded;
 * - personal data is recorded again only when it differs from the record;
 * - an archive whose personal data was erased is not reopened: the person is hired
 *   on a new archive, as nothing can be recorded about them here any more;
 * - an offboarding case of the previous period still open (steps after 退工) keeps
 *   its lock until it completes: a new case waits for it.
 */
function rehire({ data }: HireEmployee, archive: Extract<EmployeeState, { status: 'separated' }>): EmployeeEvent[] {
  if (archive.personalDataErased) {
    throw new DomainError(
      'PERSONAL_DATA_ERASED',
      '该员工的个人信息已删除，不能在此档案上再次入职，请以新的员工编号入职 / The personal data of this employee was erased; the archive cannot be reopened: hire the person under a new employee id.',
    );
  }
  if (!isIsoDate(data.hireDate)) throw invalidDate('hireDate');
  const lastTerminationDate = archive.separation.terminationDate;
  if (data.hireDate <= lastTerminationDate) {
    throw new DomainError(
      'REHIRE_BEFORE_TERMINATION',
      `再次入职日期 ${data.hireDate} 须晚于上一段劳动关系的终止日 ${lastTerminationDate} / The rehire date ${data.hireDate} must be after the end of the previous employment (${lastTerminationDate}).`,
      { hireDate: data.hireDate, lastTerminationDate },
    );
  }
  const idNumber = residentId(data.idNumber);
  const current = archive.personalData;
  if (current && current.idNumber !== idNumber) {
    throw new DomainError(
      'ID_NUMBER_MISMATCH',
      '身份证号与档案记录不符：同一员工编号只能再次录用同一人 / The ID number does not match the one on record: only the same person can be rehired under this employee id.',
      { field: 'idNumber' },
    );
  }
  requireWage(data.monthlyWage);
  requirePriorTransfer(data.priorTransfer, data.hireDate);
  const { orgUnit, category, region, hireDate, monthlyWage } = data;
  const employeeId = archive.employeeId;
  const personal = { name: data.name, idNumber, contact: data.contact ?? current?.contact ?? {} };
  const unchanged =
    current !== null && current.name === personal.name && JSON.stringify(current.contact) === JSON.stringify(personal.contact);
  return [
    {
      type: 'EmployeeRehired',
      data: { employeeId, hireDate, orgUnit, category, region, monthlyWage, position: data.position ?? null, ...priorTransferOf(data) },
      effectiveDate: hireDate,
    },
    ...(unchanged ? [] : [{ type: 'PersonalDataRecorded' as const, data: { employeeId, ...personal } }]),
  ];
}

function updatePersonalData({ data }: UpdatePersonalData, state: EmployeeState): EmployeeEvent[] {
  // Still allowed after separation: records must stay correct while they are kept.
  const archive = onRecord(state);
  if (archive.personalDataErased) {
    throw new DomainError(
      'PERSONAL_DATA_ERASED',
      '该员工的个人信息已删除，不能再记录 / The personal data of this employee was erased; it cannot be recorded again.',
    );
  }
  const current = archive.personalData;
  const name = data.name ?? current?.name;
  const idNumber = data.idNumber === undefined ? current?.idNumber : residentId(data.idNumber);
  if (name === undefined || idNumber === undefined) {
    throw new DomainError('PERSONAL_DATA_INCOMPLETE', 'No personal data is on record for this employee; send name and idNumber together.');
  }
  const next = { name, idNumber, contact: data.contact ?? current?.contact ?? {} };
  // A correction that changes nothing writes nothing (the answer is the current revision): an event
  // would add a "personal data changed" line to timelines and the audit trail where nothing changed.
  if (current && samePersonalData(current, next)) return [];
  return [{ type: 'PersonalDataRecorded', data: { employeeId: archive.employeeId, ...next } }];
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
  // Contracts of an earlier employment period ended with it, whatever their end date said.
  const overlap = findOverlap(
    archive.contracts.filter((c) => c.startDate >= archive.hireDate),
    terms,
  );
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
      data: {
        employeeId: archive.employeeId,
        contractId: data.contractId,
        contractType: data.contractType,
        kind: contractKind(archive.category),
        ...terms,
      },
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

/** A wage is a positive yuan amount with at most two decimals; zero would be no agreed wage at all. */
function requirePositiveYuan(field: string, amount: number): void {
  if (typeof amount !== 'number' || !isYuanAmount(amount) || amount <= 0) {
    throw new DomainError(
      'INVALID_WAGE',
      `${field} 须为大于 0、最多两位小数的人民币金额 / ${field} must be an amount in yuan, more than 0, with at most two decimals.`,
      { field },
    );
  }
}

/**
 * 调薪: the contractual wage from a date on. Dated on or after the hire date; a
 * change on a date that already has one corrects it (withWage), and the same
 * wage on the same date again changes nothing, so a retried request is harmless.
 */
function changeWage({ data }: ChangeWage, state: EmployeeState): EmployeeEvent[] {
  const archive = employed(state, { zh: '不能再调整工资', en: 'the wage can no longer be changed' });
  requireDateFromHire('effectiveDate', data.effectiveDate, archive.hireDate);
  requireWithinPlanHorizon('effectiveDate', data.effectiveDate, data.today);
  requirePositiveYuan('monthlyWage', data.monthlyWage);
  const { monthlyWage, effectiveDate, note } = data;
  if (archive.wages.some((e) => e.effectiveDate === effectiveDate && e.monthlyWage === monthlyWage)) return [];
  const previousWage = wageOn(archive.wages, effectiveDate);
  return [
    {
      type: 'WageChanged',
      data: {
        employeeId: archive.employeeId,
        monthlyWage,
        effectiveDate,
        ...(previousWage === null ? {} : { previousWage }),
        ...(note === undefined ? {} : { note }),
      },
      effectiveDate,
    },
  ];
}

/**
 * Payroll's amount owed for a month (应得工资). From the hire month on; still
 * accepted after separation up to the termination month, because the last
 * month's payroll is usually run after 退工 is registered. Zero is refused: a
 * month with nothing owed (unpaid leave) is a case for a person, and without a
 * record the severance answer asks for review. The same amount again changes
 * nothing; another amount corrects the month (the latest wins).
 */
function recordMonthlyPay({ data }: RecordMonthlyPay, state: EmployeeState): EmployeeEvent[] {
  const archive = onRecord(state);
  const { month, amount, note } = data;
  if (!isIsoMonth(month)) throw new DomainError('INVALID_MONTH', 'month must be a month as YYYY-MM.', { field: 'month' });
  const hireMonth = monthOf(archive.hireDate);
  if (month < hireMonth) {
    throw new DomainError(
      'INVALID_MONTH',
      `工资月份 ${month} 早于入职月份 ${hireMonth} / month (${month}) is before the hire month (${hireMonth}).`,
      { field: 'month', hireDate: archive.hireDate },
    );
  }
  requireNotFutureMonth('month', month, data.today);
  if (archive.status === 'separated' && month > monthOf(archive.separation.terminationDate)) {
    throw separatedError(archive.separation, {
      zh: `不能记录其后月份（${month}）的工资`,
      en: `no pay can be recorded for a later month (${month})`,
    });
  }
  requirePositiveYuan('amount', amount);
  const previousAmount = archive.monthlyPay[month] ?? null;
  if (previousAmount === amount) return [];
  return [
    {
      type: 'MonthlyPayRecorded',
      data: { employeeId: archive.employeeId, month, amount, previousAmount, ...(note === undefined ? {} : { note }) },
      // The business date of a month's pay is the month it is owed for, as for a contribution.
      effectiveDate: firstDayOf(month),
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
  // A late or repeated message of the case that ended an earlier period (before a rehire) changes nothing.
  if (archive.previousPeriods?.some((p) => p.caseId === data.caseId)) return [];
  if (archive.status === 'separated') {
    if (archive.separation.caseId === data.caseId) return [];
    throw separatedError(archive.separation, { zh: '不能再次登记退工', en: 'a second separation cannot be recorded' });
  }
  requireDateFromHire('terminationDate', data.terminationDate, archive.hireDate);
  const { caseId, terminationDate, reason } = data;
  return [
    {
      type: 'EmployeeSeparated',
      data: { employeeId: archive.employeeId, caseId, terminationDate, reason },
      effectiveDate: terminationDate,
    },
  ];
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
    case 'ChangeWage':
      return changeWage(command, state);
    case 'RecordMonthlyPay':
      return recordMonthlyPay(command, state);
    case 'RecordSeparation':
      return recordSeparation(command, state);
    case 'ReserveOffboarding':
      return reserveOffboarding(command, state);
    case 'ReleaseOffboarding':
      return releaseOffboarding(command, state);
  }
}

/** The new period of a rehire: the archive's contracts, cases and personal data stay; the closed period joins the previous ones. */
function rehired(state: OnRecord, { data }: EmployeeRehired): EmployeeState {
  if (state.status !== 'separated') return state;
  const { separation, priorTransfer: _previousTransfer, ...archive } = state;
  const { hireDate, orgUnit, category, region, monthlyWage, position, priorTransfer } = data;
  const closed: EmploymentPeriod = { hireDate: state.hireDate, terminationDate: separation.terminationDate, caseId: separation.caseId };
  return {
    ...archive,
    status: 'employed',
    hireDate,
    orgUnit,
    category,
    region,
    monthlyWage,
    // The wage agreed at the rehire starts a new entry; months before it belong to the earlier period.
    wages: withWage(state.wages, { effectiveDate: hireDate, monthlyWage }),
    position,
    previousPeriods: [...(state.previousPeriods ?? []), closed],
    ...(priorTransfer === undefined ? {} : { priorTransfer }),
  };
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
    wages: [{ effectiveDate: hireDate, monthlyWage }],
    monthlyPay: {},
    orgUnit,
    position,
    contracts: [],
    openCaseId: null,
    closedCaseIds: [],
    personalData: null,
    personalDataErased: false,
    ...(data.priorTransfer === undefined ? {} : { priorTransfer: data.priorTransfer }),
  };
}

function evolve(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  if (event.type === 'EmployeeHired') return hired(event);
  // Every other event follows EmployeeHired in the same stream.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'EmployeeRehired':
      return rehired(state, event);
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
    case 'WageChanged': {
      const { effectiveDate, monthlyWage } = event.data;
      const wages = withWage(state.wages, { effectiveDate, monthlyWage });
      return { ...state, wages, monthlyWage: wages[wages.length - 1].monthlyWage };
    }
    case 'MonthlyPayRecorded':
      return { ...state, monthlyPay: { ...state.monthlyPay, [event.data.month]: event.data.amount } };
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

/**
 * Every case ever reserved in the archive, once each, in order: the cases an
 * as-of read or an evidence export follows to their own streams. Only the
 * reservations are read, so an event of another type cannot stop an export.
 */
export function reservedCaseIds(archive: StoredEvent[]): string[] {
  const reserved = archive.filter((e) => e.type === 'OffboardingCaseReserved').map(employeeEvents.read);
  return [...new Set(reserved.flatMap((e) => (e.type === 'OffboardingCaseReserved' ? [e.data.caseId] : [])))];
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeState, EmployeeEvent> = {
  initialState: { status: 'none' },
  decide,
  evolve,
  events: employeeEvents,
};
