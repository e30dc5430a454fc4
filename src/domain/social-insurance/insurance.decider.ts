import { Decider, DomainError } from '../decider';
import { addMonths, IsoDate, IsoMonth, isIsoDate, isIsoMonth, monthOf } from '../shared/calendar';
import { outOfOrder, requireMonthWithinPlanHorizon, requireNotFutureMonth } from '../shared/effective-dates';
import { INSURANCE_TYPES, InsuranceType } from '../shared/vocabulary';
import {
  AdjustContributionBase,
  CloseForTransferOut,
  EnrollInSocialInsurance,
  InsuranceCommand,
  RecordContribution,
} from './insurance.commands';
import { InsuranceEvent } from './insurance.events';
import { insuranceEvents } from './insurance.schemas';

/**
 * The account is a list of enrolment periods. A re-hire after a transfer-out opens
 * a new period that starts after the previous lastPaidMonth; old periods stay as
 * they were (closed), and paid months are kept per type across all periods,
 * because contribution years are summed (累计计算, SIL arts 19 and 32).
 * Periods never overlap, so a month belongs to at most one.
 */
export interface InsuranceState {
  employeeId: string | null;
  /** Oldest first; the last one is the current period. */
  periods: EnrolmentPeriod[];
  /** Per type, per month: the base in force after any corrections, and how many corrections there were. */
  paid: Partial<Record<InsuranceType, Record<IsoMonth, PaidMonth>>>;
}

export interface EnrolmentPeriod {
  startMonth: IsoMonth;
  insuranceTypes: InsuranceType[];
  /** The base from each month on, ordered by month; the first entry is the enrolment base. */
  bases: Array<{ fromMonth: IsoMonth; contributionBase: number }>;
  /** Set when the period was closed by a completed transfer-out. */
  transferOut: TransferOut | null;
  /** The hire date the enrolment was checked against (SocialInsuranceEnrolled keeps it). */
  hireDate: IsoDate;
}

export interface TransferOut {
  caseId: string;
  lastPaidMonth: IsoMonth;
  contributionsAfterLastPaidMonth: IsoMonth[];
}

export interface PaidMonth {
  base: number;
  corrections: number;
}

const initialState: InsuranceState = { employeeId: null, periods: [], paid: {} };

// ---- Queries reused by read models ------------------------------------------------

/** Months with a recorded contribution for the type, in order, across all enrolment periods. */
export const paidMonths = (state: InsuranceState, type: InsuranceType): IsoMonth[] => Object.keys(state.paid[type] ?? {}).sort();

export const lastPaidMonth = (state: InsuranceState, type: InsuranceType): IsoMonth | null => paidMonths(state, type).at(-1) ?? null;

/** The enrolment period a month falls in: the latest one starting on or before it (it may have ended before the month). */
export const periodOf = (state: InsuranceState, month: IsoMonth): EnrolmentPeriod | undefined =>
  state.periods.filter((p) => p.startMonth <= month).at(-1);

/** The contribution base in force for a month of a period (the latest adjustment from that month or earlier). */
export const contributionBaseIn = (period: EnrolmentPeriod, month: IsoMonth): number =>
  (period.bases.filter((b) => b.fromMonth <= month).at(-1) ?? period.bases[0]).contributionBase;

// ---- Decisions --------------------------------------------------------------------

function enrol({ data }: EnrollInSocialInsurance, state: InsuranceState): InsuranceEvent[] {
  const current = state.periods.at(-1);
  if (current && !current.transferOut) throw refuse.alreadyEnrolled(current.startMonth);
  requireMonth(data.startMonth, 'startMonth');
  if (!isIsoDate(data.hireDate))
    throw new DomainError('INVALID_DATE', `hireDate 不是有效日期 / hireDate is not a valid date (YYYY-MM-DD): ${String(data.hireDate)}`, {
      field: 'hireDate',
    });
  requireTypes(data.insuranceTypes, { knownOnly: true });
  requireAmount(data.contributionBase, 'contributionBase');
  // 增员 filed after the month's cut-off starts next month: one month ahead, no more.
  requireNotFutureMonth('startMonth', data.startMonth, data.today, 1);
  const hireMonth = monthOf(data.hireDate);
  if (data.startMonth < hireMonth) {
    throw new DomainError(
      'ENROLMENT_BEFORE_HIRE',
      `参保起始月 ${data.startMonth} 早于入职月 ${hireMonth} / enrolment cannot start (${data.startMonth}) before the month of hire (${hireMonth}); start it in ${hireMonth} or later`,
      { startMonth: data.startMonth, hireDate: data.hireDate },
    );
  }
  if (current?.transferOut && data.startMonth <= current.transferOut.lastPaidMonth) {
    throw refuse.overlapsPreviousPeriod(data.startMonth, current.transferOut.lastPaidMonth);
  }
  const { employeeId, startMonth, insuranceTypes, contributionBase, hireDate } = data;
  return [
    { type: 'SocialInsuranceEnrolled', data: { employeeId, startMonth, insuranceTypes: [...insuranceTypes], contributionBase, hireDate } },
  ];
}

/**
 * Back-payment (补缴): after a transfer-out, months up to and including its
 * lastPaidMonth can still be recorded or corrected. The bureau says this employer
 * paid them, so recording them late completes the record; only months after it are
 * refused. The same holds for the months of an earlier period after a re-enrolment.
 */
function recordContribution({ data }: RecordContribution, state: InsuranceState): InsuranceEvent[] {
  if (state.periods.length === 0) throw refuse.notEnrolled();
  const { month, base, correction } = data;
  requireMonth(month, 'month');
  requireAmount(base, 'base');
  requireNotFutureMonth('month', month, data.today);
  const period = periodOf(state, month);
  beforeHire(month, period ?? state.periods[0]);
  if (!period) throw refuse.beforeEnrolment(month, state.periods[0].startMonth);
  if (period.transferOut && month > period.transferOut.lastPaidMonth) {
    const next = state.periods.find((p) => p.startMonth > month)?.startMonth ?? null;
    const { caseId, lastPaidMonth } = period.transferOut;
    throw new DomainError(
      'CONTRIBUTION_AFTER_TRANSFER_OUT',
      `社保已转出，最后缴费月为 ${lastPaidMonth}，不能记录 ${month} 的缴费 / the account was transferred out with last paid month ${lastPaidMonth}; ${month} cannot be recorded` +
        (next ? ` (the re-enrolment starts in ${next})` : '; re-enrol the employee first if they came back'),
      { month, lastPaidMonth, caseId, nextStartMonth: next },
    );
  }
  const types = data.insuranceTypes ?? period.insuranceTypes;
  requireTypes(types, { knownOnly: false });
  const notEnrolled = types.filter((t) => !period.insuranceTypes.includes(t));
  if (notEnrolled.length > 0) {
    throw new DomainError(
      'CONTRIBUTION_OUTSIDE_ENROLMENT',
      `${month} 未参加${zh(notEnrolled)} / not enrolled in ${en(notEnrolled)} for ${month}; enrolled types are ${en(period.insuranceTypes)}`,
      { month, insuranceTypes: notEnrolled },
    );
  }

  const paidFor = (t: InsuranceType) => state.paid[t]?.[month];
  if (!correction) {
    const alreadyPaid = types.filter(paidFor);
    if (alreadyPaid.length > 0) {
      throw new DomainError(
        'DUPLICATE_CONTRIBUTION',
        `${month} 的${zh(alreadyPaid)}已缴 / ${en(alreadyPaid)} for ${month} ${alreadyPaid.length > 1 ? 'are' : 'is'} already recorded; mark it as a correction to change it`,
        { month, insuranceTypes: alreadyPaid },
      );
    }
    return [{ type: 'ContributionRecorded', data: { month, insuranceTypes: [...types], base } }];
  }

  const unpaid = types.filter((t) => !paidFor(t));
  if (unpaid.length > 0) {
    throw new DomainError(
      'NOTHING_TO_CORRECT',
      `${month} 的${zh(unpaid)}尚无缴费记录，无可更正 / ${en(unpaid)} for ${month} ${unpaid.length > 1 ? 'have' : 'has'} no recorded contribution to correct; record it without the correction mark`,
      { month, insuranceTypes: unpaid },
    );
  }
  // One event per previous base, so every event's previousBase is true for all its types.
  const byPreviousBase = new Map<number, InsuranceType[]>();
  for (const t of types) {
    const previous = paidFor(t)!.base;
    byPreviousBase.set(previous, [...(byPreviousBase.get(previous) ?? []), t]);
  }
  return [...byPreviousBase].map(([previousBase, insuranceTypes]) => ({
    type: 'ContributionCorrected' as const,
    data: { month, insuranceTypes, base, previousBase },
  }));
}

/**
 * A month paid before the person was hired by this employer contradicts the
 * archive, whatever the enrolment says: named as such (DATE_OUT_OF_ORDER, with the
 * hire date) before the enrolment check, which would only say "before enrolment".
 * The hire date is the one of the period the month falls in, or of the first
 * period for a month before every enrolment.
 */
function beforeHire(month: IsoMonth, period: EnrolmentPeriod): void {
  const hireMonth = monthOf(period.hireDate);
  if (month < hireMonth) {
    throw outOfOrder(
      'month',
      month,
      { zh: `入职月（入职日期 ${period.hireDate}）`, en: `the month of hire (hired ${period.hireDate})` },
      {
        event: 'SocialInsuranceEnrolled',
        field: 'hireDate',
        effectiveDate: period.hireDate,
      },
    );
  }
}

function adjustContributionBase({ data }: AdjustContributionBase, state: InsuranceState): InsuranceEvent[] {
  const current = state.periods.at(-1);
  if (!current) throw refuse.notEnrolled();
  if (current.transferOut) throw refuse.alreadyTransferredOut(current.transferOut);
  requireMonth(data.fromMonth, 'fromMonth');
  requireAmount(data.contributionBase, 'contributionBase');
  requireMonthWithinPlanHorizon('fromMonth', data.fromMonth, data.today);
  if (data.fromMonth < current.startMonth) throw refuse.beforeEnrolment(data.fromMonth, current.startMonth);
  const previousBase = contributionBaseIn(current, data.fromMonth);
  return [{ type: 'ContributionBaseAdjusted', data: { fromMonth: data.fromMonth, contributionBase: data.contributionBase, previousBase } }];
}

function closeForTransferOut({ data }: CloseForTransferOut, state: InsuranceState): InsuranceEvent[] {
  // Idempotent for a redelivered process-manager command, also after a re-enrolment; the first lastPaidMonth stands.
  if (state.periods.some((p) => p.transferOut?.caseId === data.caseId)) return [];
  const current = state.periods.at(-1);
  if (!current) throw refuse.notEnrolled();
  if (current.transferOut) throw refuse.alreadyTransferredOut(current.transferOut);
  requireMonth(data.lastPaidMonth, 'lastPaidMonth');
  if (data.lastPaidMonth < current.startMonth) throw refuse.beforeEnrolment(data.lastPaidMonth, current.startMonth);
  const after = new Set(INSURANCE_TYPES.flatMap((t) => paidMonths(state, t)).filter((m) => m > data.lastPaidMonth));
  return [
    {
      type: 'SocialInsuranceTransferredOut',
      data: { caseId: data.caseId, lastPaidMonth: data.lastPaidMonth, contributionsAfterLastPaidMonth: [...after].sort() },
    },
  ];
}

// ---- Folding ----------------------------------------------------------------------

function evolve(state: InsuranceState, event: InsuranceEvent): InsuranceState {
  switch (event.type) {
    case 'SocialInsuranceEnrolled': {
      const { employeeId, startMonth, insuranceTypes, contributionBase, hireDate } = event.data;
      const period: EnrolmentPeriod = {
        startMonth,
        insuranceTypes,
        bases: [{ fromMonth: startMonth, contributionBase }],
        transferOut: null,
        hireDate,
      };
      return { ...state, employeeId, periods: [...state.periods, period] };
    }
    case 'ContributionRecorded':
      return withPaid(state, event.data.month, event.data.insuranceTypes, () => ({ base: event.data.base, corrections: 0 }));
    case 'ContributionCorrected':
      return withPaid(state, event.data.month, event.data.insuranceTypes, (previous) => ({
        base: event.data.base,
        corrections: (previous?.corrections ?? 0) + 1,
      }));
    case 'ContributionBaseAdjusted': {
      const { fromMonth, contributionBase } = event.data;
      // A second adjustment from the same month replaces the first.
      return withCurrentPeriod(state, (p) => ({
        ...p,
        bases: [...p.bases.filter((b) => b.fromMonth !== fromMonth), { fromMonth, contributionBase }].sort((a, b) =>
          a.fromMonth.localeCompare(b.fromMonth),
        ),
      }));
    }
    case 'SocialInsuranceTransferredOut':
      return withCurrentPeriod(state, (p) => ({ ...p, transferOut: { ...event.data } }));
  }
}

function withPaid(
  state: InsuranceState,
  month: IsoMonth,
  types: InsuranceType[],
  next: (previous: PaidMonth | undefined) => PaidMonth,
): InsuranceState {
  const paid = { ...state.paid };
  for (const t of types) paid[t] = { ...paid[t], [month]: next(paid[t]?.[month]) };
  return { ...state, paid };
}

function withCurrentPeriod(state: InsuranceState, change: (period: EnrolmentPeriod) => EnrolmentPeriod): InsuranceState {
  const current = state.periods.at(-1);
  return current ? { ...state, periods: [...state.periods.slice(0, -1), change(current)] } : state;
}

export const insuranceDecider: Decider<InsuranceCommand, InsuranceState, InsuranceEvent> = {
  initialState,
  decide(command, state) {
    switch (command.type) {
      case 'EnrollInSocialInsurance':
        return enrol(command, state);
      case 'RecordContribution':
        return recordContribution(command, state);
      case 'AdjustContributionBase':
        return adjustContributionBase(command, state);
      case 'CloseForTransferOut':
        return closeForTransferOut(command, state);
    }
  },
  evolve,
  events: insuranceEvents,
};

// ---- Validation and messages (Chinese / English, for the operator) ----------------

const TYPE_NAMES_ZH: Record<InsuranceType, string> = {
  pension: '养老保险',
  medical: '医疗保险',
  unemployment: '失业保险',
  work_injury: '工伤保险',
  maternity: '生育保险',
};
const isInsuranceType = (value: unknown): value is InsuranceType => (INSURANCE_TYPES as readonly unknown[]).includes(value);
const zh = (types: readonly string[]) => types.map((t) => (isInsuranceType(t) ? TYPE_NAMES_ZH[t] : t)).join('、');
const en = (types: readonly string[]) => types.map((t) => t.replace('_', ' ')).join(', ');

function requireMonth(value: IsoMonth, field: string): void {
  if (!isIsoMonth(value))
    throw new DomainError('INVALID_MONTH', `${field} 不是有效月份 / ${field} is not a valid month (YYYY-MM): ${String(value)}`, { field });
}

/** CNY with at most two decimals (分), strictly positive. */
function requireAmount(value: number, field: string): void {
  if (!(Number.isFinite(value) && value > 0 && Math.round(value * 100) / 100 === value)) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `${field} 须为大于 0、最多两位小数的金额 / ${field} must be an amount above 0 with at most two decimals: ${String(value)}`,
      {
        field,
      },
    );
  }
}

/** Non-empty and without repeats; on enrolment also only known types (a contribution names unknown ones as not enrolled). */
function requireTypes(types: readonly string[], { knownOnly }: { knownOnly: boolean }): void {
  const repeated = types.filter((t, i) => types.indexOf(t) !== i);
  const unknown = knownOnly ? types.filter((t) => !isInsuranceType(t)) : [];
  if (types.length === 0 || repeated.length > 0 || unknown.length > 0) {
    throw new DomainError(
      'INVALID_INSURANCE_TYPES',
      `险种须至少一项、不重复且为 ${INSURANCE_TYPES.join('/')} 之一 / insurance types must be at least one of ${INSURANCE_TYPES.join(', ')}, each once` +
        (repeated.length ? `; repeated: ${repeated.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
      { repeated, unknown },
    );
  }
}

const refuse = {
  notEnrolled: () => new DomainError('NOT_ENROLLED', '该员工尚未参保 / the employee is not enrolled in social insurance; enrol them first'),
  alreadyEnrolled: (startMonth: IsoMonth) =>
    new DomainError('ALREADY_ENROLLED', `该员工已自 ${startMonth} 起参保 / the employee is already enrolled since ${startMonth}`, {
      startMonth,
    }),
  overlapsPreviousPeriod: (startMonth: IsoMonth, lastPaidMonth: IsoMonth) =>
    new DomainError(
      'ALREADY_ENROLLED',
      `上次参保已缴至 ${lastPaidMonth}，重新参保须从 ${addMonths(lastPaidMonth, 1)} 起 / the previous enrolment was paid through ${lastPaidMonth}; a re-enrolment must start in ${addMonths(lastPaidMonth, 1)} or later`,
      { startMonth, lastPaidMonth },
    ),
  beforeEnrolment: (month: IsoMonth, startMonth: IsoMonth) =>
    new DomainError(
      'CONTRIBUTION_OUTSIDE_ENROLMENT',
      `${month} 早于参保起始月 ${startMonth} / ${month} is before the enrolment start ${startMonth}`,
      {
        month,
        startMonth,
      },
    ),
  alreadyTransferredOut: ({ caseId, lastPaidMonth }: TransferOut) =>
    new DomainError(
      'ALREADY_TRANSFERRED_OUT',
      `社保已于离职案件 ${caseId} 转出（最后缴费月 ${lastPaidMonth}） / the account was already transferred out by case ${caseId} (last paid month ${lastPaidMonth}); re-enrol the employee first if they came back`,
      { caseId, lastPaidMonth },
    ),
};
