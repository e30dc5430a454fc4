import { IsoMonth } from '../shared/calendar';
import { INSURANCE_TYPES, InsuranceType } from '../shared/vocabulary';
import { InsuranceState } from '../social-insurance/insurance.decider';
import { InsuranceEvent } from '../social-insurance/insurance.events';

/**
 * Continuity of a social-insurance account per insurance type (docs/LAW.md §1.4).
 *
 * A month is *due* for a type when it lies in an enrolment period that includes
 * the type: from the period's start month (enrolment, 增员, declares the person
 * insured from that month) to the lastPaidMonth of its completed transfer-out, or
 * without end while the period is open. A *gap* (断缴) is a due month up to
 * `through` without a recorded contribution; so months between two contributions
 * and months after the last one while not transferred out are gaps, and months
 * after a transfer-out's lastPaidMonth (until a re-enrolment) are not: the person
 * left, and another employer may have paid them. Decision: this is stricter than
 * docs/LAW.md's "between two contribution months": unpaid months from the enrolment
 * month to the first contribution are gaps too, as the employer owed them.
 *
 * A month is *covered* when it is due and paid. Contributions recorded after the
 * bureau's lastPaidMonth (listed on the transfer-out event) do not count: the
 * bureau's record wins. Cumulative months (累计缴费, SIL arts 16, 19, 32) are the
 * covered months; a gap does not erase them but breaks a streak. Streaks count
 * consecutive calendar months, so the months between a transfer-out and a
 * re-enrolment, though no gap, end a run too.
 */
export interface TypeContinuity {
  startMonth: IsoMonth;
  coveredMonths: number;
  lastPaidMonth: IsoMonth | null;
  gaps: Gap[];
  /** Consecutive covered months ending at `through` (0 when `through` is not covered). */
  currentStreak: number;
  longestStreak: number;
  /** Corrections recorded on the covered months. */
  corrections: number;
}

export interface Gap {
  from: IsoMonth;
  to: IsoMonth;
  months: number;
}

/** Every type the account was ever enrolled in, in the vocabulary's order. */
function enrolledTypes(state: InsuranceState): InsuranceType[] {
  return INSURANCE_TYPES.filter((t) => state.periods.some((p) => p.insuranceTypes.includes(t)));
}

export function accountContinuity(state: InsuranceState, through: IsoMonth): Partial<Record<InsuranceType, TypeContinuity>> {
  return Object.fromEntries(enrolledTypes(state).map((t) => [t, typeContinuity(state, t, through)]));
}

function typeContinuity(state: InsuranceState, type: InsuranceType, through: IsoMonth): TypeContinuity {
  const end = toIndex(through);
  const ranges = dueRanges(state, type);
  const paid = state.paid[type] ?? {};
  const paidMonths = Object.keys(paid).sort().map(toIndex);
  const covered: number[] = [];
  const gaps: Range[] = [];
  // Walks the paid months, not the calendar: a far `through` costs nothing.
  for (const range of ranges) {
    const last = Math.min(range.to, end);
    let next = range.from;
    for (const m of paidMonths.filter((p) => p >= range.from && p <= last)) {
      if (m > next) gaps.push({ from: next, to: m - 1 });
      covered.push(m);
      next = m + 1;
    }
    if (next <= last) gaps.push({ from: next, to: last });
  }
  const runs = consecutiveRuns(covered);
  const current = runs.at(-1);
  return {
    startMonth: toMonth(ranges[0].from),
    coveredMonths: covered.length,
    lastPaidMonth: current ? toMonth(current.to) : null,
    gaps: joinAdjacent(gaps).map((g) => ({ from: toMonth(g.from), to: toMonth(g.to), months: g.to - g.from + 1 })),
    currentStreak: current && current.to === end ? current.to - current.from + 1 : 0,
    longestStreak: Math.max(0, ...runs.map((r) => r.to - r.from + 1)),
    corrections: covered.reduce((sum, m) => sum + paid[toMonth(m)].corrections, 0),
  };
}

/**
 * What a month of one type's calendar was, from the first enrolment to `through`:
 * `paid` (covered), `corrected` (covered, with a correction recorded on it), `gap`
 * (due and unpaid: 断缴), `transferred_out` (after a completed transfer-out's
 * lastPaidMonth and before a re-enrolment with the type: not due here).
 */
export const MONTH_STATES = ['paid', 'corrected', 'gap', 'transferred_out'] as const;
export type MonthState = (typeof MONTH_STATES)[number];

/** Consecutive months in one state, inclusive. */
export interface MonthRun {
  from: IsoMonth;
  to: IsoMonth;
  state: MonthState;
}

/**
 * The months of one type from its first enrolment to `through`, as runs of one
 * state each (the console's calendar): the same months as typeContinuity's covered
 * months and gaps, with corrections and the months after a transfer-out told
 * apart. Runs, not months, and built from the paid months: a far `through` costs
 * nothing. Empty when the type's first enrolment is after `through`.
 */
export function monthCalendar(state: InsuranceState, type: InsuranceType, through: IsoMonth): MonthRun[] {
  const end = toIndex(through);
  const paid = state.paid[type] ?? {};
  const paidMonths = Object.keys(paid).sort().map(toIndex);
  const runs: Array<{ from: number; to: number; state: MonthState }> = [];
  const push = (from: number, to: number, monthState: MonthState) => {
    const last = runs.at(-1);
    if (last && last.state === monthState && last.to + 1 === from) last.to = to;
    else runs.push({ from, to, state: monthState });
  };
  let after: number | null = null;
  for (const range of dueRanges(state, type)) {
    if (range.from > end) break;
    if (after !== null && after < range.from) push(after, range.from - 1, 'transferred_out');
    const last = Math.min(range.to, end);
    let next = range.from;
    for (const m of paidMonths.filter((p) => p >= range.from && p <= last)) {
      if (m > next) push(next, m - 1, 'gap');
      push(m, m, paid[toMonth(m)].corrections > 0 ? 'corrected' : 'paid');
      next = m + 1;
    }
    if (next <= last) push(next, last, 'gap');
    after = last + 1;
  }
  if (after !== null && after <= end) push(after, end, 'transferred_out');
  return runs.map((r) => ({ from: toMonth(r.from), to: toMonth(r.to), state: r.state }));
}

/**
 * The first gap month of any type, whatever `through`: the account has a gap up
 * to `through` exactly when this month is on or before it, because the due months
 * up to `through` are the due months of an unbounded `through` cut at it. The gaps
 * report filters on this one indexed value.
 */
export function firstGapMonth(state: InsuranceState, notBefore?: IsoMonth): IsoMonth | null {
  let first = Infinity;
  // Months before `notBefore` are known to be no gap (see firstGapMonthAfter): not looked at again.
  const start = notBefore === undefined ? -Infinity : toIndex(notBefore);
  for (const type of enrolledTypes(state)) {
    const paid = state.paid[type] ?? {};
    for (const range of dueRanges(state, type)) {
      // An open range ends at the first unpaid month at the latest: only finitely many months are paid.
      let m = Math.max(range.from, start);
      while (m <= range.to && m < first && paid[toMonth(m)]) m++;
      if (m <= range.to && m < first) first = m;
    }
  }
  return Number.isFinite(first) ? toMonth(first) : null;
}

/**
 * firstGapMonth after `event`, from its value before the event, without walking
 * the whole history again for every contribution. Recording or correcting a
 * contribution only marks months paid and leaves the due months as they were, so
 * no gap appears: the first gap cannot move earlier (and none stays none), and
 * the search resumes where it stood. A base adjustment changes no month.
 * Enrolment and transfer-out change the due months: searched afresh.
 */
export function firstGapMonthAfter(before: IsoMonth | null, event: InsuranceEvent, state: InsuranceState): IsoMonth | null {
  switch (event.type) {
    case 'ContributionRecorded':
    case 'ContributionCorrected':
      return before === null ? null : firstGapMonth(state, before);
    case 'ContributionBaseAdjusted':
      return before;
    default:
      return firstGapMonth(state);
  }
}

/** docs/API.md: after a completed transfer-out its lastPaidMonth, else the month before the current one. */
export function defaultThrough(state: InsuranceState, currentMonth: IsoMonth): IsoMonth {
  return state.periods.at(-1)?.transferOut?.lastPaidMonth ?? toMonth(toIndex(currentMonth) - 1);
}

/** Whether the latest enrolment period was closed by a completed transfer-out. */
export const isTransferredOut = (state: InsuranceState): boolean => Boolean(state.periods.at(-1)?.transferOut);

interface Range {
  from: number;
  to: number;
}

/** Due months of a type as month-index ranges, oldest first (periods never overlap). */
function dueRanges(state: InsuranceState, type: InsuranceType): Range[] {
  return state.periods
    .filter((p) => p.insuranceTypes.includes(type))
    .map((p) => ({ from: toIndex(p.startMonth), to: p.transferOut ? toIndex(p.transferOut.lastPaidMonth) : Infinity }));
}

/** Sorted month indexes grouped into runs of consecutive months. */
function consecutiveRuns(months: number[]): Range[] {
  return joinAdjacent(months.map((m) => ({ from: m, to: m })));
}

/** Ordered ranges with the ones that touch joined: an unpaid last month of a period and an unpaid first month of the next are one gap. */
function joinAdjacent(ranges: Range[]): Range[] {
  const joined: Range[] = [];
  for (const r of ranges) {
    const last = joined.at(-1);
    if (last && last.to + 1 === r.from) last.to = r.to;
    else joined.push({ ...r });
  }
  return joined;
}

/** Months as consecutive integers, for arithmetic without a date library. */
const toIndex = (month: IsoMonth): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const toMonth = (index: number): IsoMonth =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * A gap of an account with no `through` (the continuity-gaps report's summary):
 * the last gap of an open period runs on (`to` null) until a contribution.
 */
export interface OpenGap {
  from: IsoMonth;
  to: IsoMonth | null;
}

/**
 * Every enrolled type's gaps whatever `through`: the gaps up to any `through` are
 * these cut at it (gapsUpTo), because the due months up to `through` are those
 * of an unbounded account cut at it (as for firstGapMonth). Types in the
 * vocabulary's order, as accountContinuity gives them.
 */
export function openGaps(state: InsuranceState): Partial<Record<InsuranceType, OpenGap[]>> {
  return Object.fromEntries(enrolledTypes(state).map((type) => [type, typeOpenGaps(state, type)]));
}

function typeOpenGaps(state: InsuranceState, type: InsuranceType): OpenGap[] {
  const paid = state.paid[type] ?? {};
  const gaps: Range[] = [];
  for (const range of dueRanges(state, type)) {
    // The months of the range up to its last paid month, one by one; after it, a closed range ends in one gap and an open one runs on.
    const lastPaid = Object.keys(paid).reduce((last, month) => {
      const m = toIndex(month);
      return m >= range.from && m <= range.to && m > last ? m : last;
    }, range.from - 1);
    let start: number | null = null;
    for (let m = range.from; m <= lastPaid; m++) {
      if (paid[toMonth(m)]) {
        if (start !== null) gaps.push({ from: start, to: m - 1 });
        start = null;
      } else if (start === null) start = m;
    }
    if (start !== null) gaps.push({ from: start, to: lastPaid });
    if (lastPaid < range.to) gaps.push({ from: lastPaid + 1, to: range.to });
  }
  return joinAdjacent(gaps).map((g) => ({ from: toMonth(g.from), to: Number.isFinite(g.to) ? toMonth(g.to) : null }));
}

/** The gaps up to `through` of one type's open gaps: accountContinuity(state, through)[type].gaps, without the account. */
export function gapsUpTo(gaps: OpenGap[], through: IsoMonth): Gap[] {
  const end = toIndex(through);
  const cut: Gap[] = [];
  for (const gap of gaps) {
    const from = toIndex(gap.from);
    if (from > end) break;
    const to = gap.to === null ? end : Math.min(toIndex(gap.to), end);
    cut.push({ from: gap.from, to: toMonth(to), months: to - from + 1 });
  }
  return cut;
}

/**
 * The open gaps after `event`, from those before it, without walking the account
 * again for every contribution (as firstGapMonthAfter): recording or correcting a
 * contribution only marks its month paid, so that month leaves the gap it was in
 * for each type now paid in it. A base adjustment changes no month; enrolment and
 * transfer-out change the due months: computed afresh.
 */
export function openGapsAfter(
  before: Partial<Record<InsuranceType, OpenGap[]>>,
  event: InsuranceEvent,
  state: InsuranceState,
): Partial<Record<InsuranceType, OpenGap[]>> {
  switch (event.type) {
    case 'ContributionRecorded':
    case 'ContributionCorrected': {
      const month = event.data.month;
      const after: Partial<Record<InsuranceType, OpenGap[]>> = {};
      for (const [type, gaps] of Object.entries(before) as Array<[InsuranceType, OpenGap[]]>) {
        after[type] = state.paid[type]?.[month] ? withoutMonth(gaps, month) : gaps;
      }
      return after;
    }
    case 'ContributionBaseAdjusted':
      return before;
    default:
      return openGaps(state);
  }
}

/** The gaps with one month taken out (splitting the gap it lies in); the same array when it lies in none. */
function withoutMonth(gaps: OpenGap[], month: IsoMonth): OpenGap[] {
  const at = gaps.findIndex((g) => g.from <= month && (g.to === null || month <= g.to));
  if (at < 0) return gaps;
  const gap = gaps[at];
  const m = toIndex(month);
  const parts: OpenGap[] = [];
  if (gap.from < month) parts.push({ from: gap.from, to: toMonth(m - 1) });
  if (gap.to === null || month < gap.to) parts.push({ from: toMonth(m + 1), to: gap.to });
  return [...gaps.slice(0, at), ...parts, ...gaps.slice(at + 1)];
}
