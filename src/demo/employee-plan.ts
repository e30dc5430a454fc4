import { v5 as uuidv5 } from 'uuid';
import { EmployeeCommand } from '../domain/employee/employee.commands';
import { CancelCase, PerformStep } from '../domain/offboarding/offboarding.commands';
import { Region } from '../domain/policy/default-policies';
import { stepsFor, WorkflowPolicy } from '../domain/policy/policy';
import {
  addDays,
  addMonths,
  dayInMonth,
  dayOfMonth,
  earliest,
  firstDayOf,
  IsoDate,
  IsoMonth,
  monthOf,
  monthsBetween,
} from '../domain/shared/calendar';
import { InsuranceCommand } from '../domain/social-insurance/insurance.commands';
import { Actor, ContractType, EmployeeCategory, INSURANCE_TYPES, SeparationReason } from '../domain/shared/vocabulary';
import { CaseScenario, scenarioFor } from './case-scenarios';
import { caseOps, DatedCase, datedCase } from './case-plan';
import { averageWage, categoryFor, contributionBase, EMPLOYERS, kindOf } from './organisation';
import { beijingTime, laterOf, officeTime, plusMinutes, workday } from './office-hours';
import { address, Gender, person, phone } from './people';
import { Random } from './random';
import { businessDate } from '../infrastructure/business-day';
import { SeparationFacts } from '../domain/offboarding/separation-facts';
import { separationFactsFor } from './separation-facts';

export interface PlanContext {
  seed: number;
  /** The demo's present: nothing is recorded on or after this day (Beijing time). */
  asOf: IsoDate;
  /** The workflow policy in force for a region and category on a date, as its stream says. */
  policyInForce(region: string, category: EmployeeCategory, date: IsoDate): WorkflowPolicy | null;
}

/** A command without its `today`: the runner adds the business day of the action's recorded time, as the API takes it from the request's. */
export type Undated<C> = C extends { type: infer T; data: infer D } ? { type: T; data: Omit<D, 'today'> } : never;

/** A command as the service would receive it, for one stream (see run-demo.ts for how each kind is carried out). */
export type DemoCommand =
  | { kind: 'employee'; command: Undated<EmployeeCommand>; effectiveDate?: IsoDate }
  | { kind: 'insurance'; command: Undated<InsuranceCommand>; effectiveDate: IsoDate }
  | { kind: 'open-case'; caseId: string; reason: SeparationReason; lastWorkingDay: IsoDate; facts: SeparationFacts }
  /** `attempt`: a mistake the decider refuses; only its refusal is recorded. */
  | { kind: 'step' | 'attempt'; caseId: string; command: Undated<PerformStep> }
  | { kind: 'cancel'; caseId: string; command: CancelCase };

export type PlannedAction = DemoCommand & {
  employeeId: string;
  /** Unique in the demo: the command's idempotency key and correlation id. */
  key: string;
  recordedAt: Date;
  actor: Actor;
  /** Break ties in recordedAt: the employee's index, then the order planned (which respects causes). */
  index: number;
  seq: number;
};

export interface EmployeePlan {
  employeeId: string;
  caseId: string | null;
  actions: PlannedAction[];
}

const FIRST_HIRE = '2012-01-04';
const LAST_HIRE = '2025-12-31';
const CASE_ID_NAMESPACE = 'b7d6c5a4-2f1e-4d3c-8b9a-0e1f2a3b4c5d';

const employeeIdOf = (index: number) => `E${10001 + index}`;

/** The same shape as the service's case ids (C + 16 hex), derived from the employee: one case per person in the demo. */
const demoCaseIdOf = (employeeId: string) => `C${uuidv5(`demo-case|${employeeId}`, CASE_ID_NAMESPACE).replace(/-/g, '').slice(0, 16)}`;

const demoKey = (seed: number, employeeId: string, what: string) => `demo:${seed}:${employeeId}:${what}`;

interface Leaving {
  reason: SeparationReason;
  lastWorkingDay: IsoDate;
  caseId: string;
  dated: DatedCase;
  /** The employee stays (the case was cancelled). */
  stays: boolean;
}

/**
 * Everything that happens to employee `index`, from hire to the demo's present:
 * archive, contracts, promotions, social insurance month by month, and at most
 * one offboarding case. Pure: the same seed, index and present give the same
 * plan, whatever the number of employees.
 */
export function planEmployee(index: number, context: PlanContext): EmployeePlan {
  const rng = Random.for(context.seed, 'employee', index);
  const scenario = scenarioFor(context.seed, index);
  const employeeId = employeeIdOf(index);
  const cutoff = beijingTime(context.asOf, 0);

  const kind = scenario?.category ? kindOf(scenario.category) : null;
  const employer = rng.weighted(EMPLOYERS.filter((e) => !kind || e.kind === kind).map((e) => [e, e.weight] as const));
  const category = scenario?.category ?? categoryFor(rng, employer.kind);
  const region = employer.region;
  const specialist = rng.pick(employer.specialists);
  let unit = rng.pick(employer.units);
  let rung = rng.chance(0.3) ? Math.min(1, unit.ladder.length - 1) : 0;

  // Leavers need a year of service before their case; everyone needs some history before the present.
  const hireDate = hireDay(rng, FIRST_HIRE, earliest(LAST_HIRE, addDays(context.asOf, scenario ? -420 : -45)));
  const hireAt = officeTime(rng, addDays(hireDate, -rng.int(0, 6)));
  const terms = contractTerms(rng, category, hireDate, addDays(context.asOf, 30));
  const leaving = scenario ? planCase(rng, scenario, { context, employeeId, region, category, hireDate, hireAt, terms }) : null;

  const gender: Gender = rng.chance(0.52) ? 'male' : 'female';
  const birthDate =
    leaving?.reason === 'retirement'
      ? // Retiring at the statutory age in the month of the last working day: 60 for men, 55 for women in these jobs.
        dayInMonth(
          `${Number(leaving.lastWorkingDay.slice(0, 4)) - (gender === 'male' ? 60 : 55)}${leaving.lastWorkingDay.slice(4, 7)}`,
          rng.int(1, 28),
        )
      : addDays(
          hireDate,
          -Math.round(
            365.25 *
              rng.weighted([
                [rng.int(21, 25), 3],
                [rng.int(26, 32), 4],
                [rng.int(33, 40), 2],
                [rng.int(41, 50), 1],
              ] as const),
          ) - rng.int(0, 364),
        );
  const who = person(rng, region, gender, birthDate);

  const actions: PlannedAction[] = [];
  const add = (command: DemoCommand, what: string, recordedAt: Date, actor: Actor = specialist) =>
    actions.push({ ...command, employeeId, key: demoKey(context.seed, employeeId, what), recordedAt, actor, index, seq: actions.length });
  // The archive and the base are not changed while a case is open (after 退工 the archive is closed for good).
  const archiveWritable = (at: Date) =>
    at > hireAt && at < cutoff && (!leaving || at < leaving.dated.openedAt || (leaving.stays && at > leaving.dated.cancelledAt!));
  const orgUnit = () => `${employer.short}/${unit.name}`;

  const wage = Math.round((averageWage(region, Number(hireDate.slice(0, 4))) * (0.7 + rng.next() * 0.9 + rung * 0.3)) / 100) * 100;
  add(
    {
      kind: 'employee',
      effectiveDate: hireDate,
      command: {
        type: 'HireEmployee',
        data: {
          employeeId,
          name: who.name,
          idNumber: who.idNumber,
          orgUnit: orgUnit(),
          category,
          region,
          hireDate,
          monthlyWage: wage,
          position: unit.ladder[rung],
          contact: who.contact,
        },
      },
    },
    'hire',
    hireAt,
  );

  const lastDay = leaving && !leaving.stays ? leaving.lastWorkingDay : context.asOf;
  let signedAt = plusMinutes(hireAt, rng.int(10, 90));
  for (const [n, term] of terms.entries()) {
    if (n > 0) signedAt = officeTime(rng, addDays(term.startDate, -rng.int(5, 30)));
    if (term.startDate > lastDay || !archiveWritable(signedAt)) break;
    add(
      {
        kind: 'employee',
        effectiveDate: term.startDate,
        command: { type: 'SignContract', data: { contractId: `${employeeId}-C${n + 1}`, ...term } },
      },
      `contract:${n + 1}`,
      signedAt,
    );
  }

  for (let year = Number(hireDate.slice(0, 4)) + rng.int(2, 4); year <= Number(context.asOf.slice(0, 4)); year += rng.int(2, 5)) {
    const effectiveDate = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    const at = officeTime(rng, addDays(effectiveDate, -rng.int(0, 10)));
    if (effectiveDate <= hireDate || effectiveDate > lastDay || !archiveWritable(at) || !rng.chance(0.55)) continue;
    // Now and then a move to another unit of the same employer at the same level; otherwise a promotion.
    if (rng.chance(0.12)) unit = rng.pick(employer.units);
    else if (rung + 1 < unit.ladder.length) rung += 1;
    else continue;
    rung = Math.min(rung, unit.ladder.length - 1);
    add(
      {
        kind: 'employee',
        effectiveDate,
        command: { type: 'ChangePosition', data: { position: unit.ladder[rung], orgUnit: orgUnit(), effectiveDate } },
      },
      `position:${effectiveDate}`,
      at,
    );
  }

  if (rng.chance(0.1)) {
    // A move: the whole contact block is replaced.
    const at = officeTime(rng, addDays(hireDate, rng.int(365, 3650)));
    const contact = { phone: rng.chance(0.3) ? phone(rng) : who.contact.phone, address: address(rng, region) };
    if (archiveWritable(at)) add({ kind: 'employee', command: { type: 'UpdatePersonalData', data: { contact } } }, 'personal-data:1', at);
  }

  planInsurance(rng, { employeeId, add, archiveWritable, cutoff, region, hireDate, hireAt, wage, asOf: context.asOf, leaving });

  if (leaving) {
    const actor = (by: 'specialist' | 'manager') => (by === 'manager' ? employer.manager : specialist);
    for (const op of leaving.dated.ops) {
      const what = `case:${op.key}`;
      if (op.kind === 'open') {
        add(
          {
            kind: 'open-case',
            caseId: leaving.caseId,
            reason: leaving.reason,
            lastWorkingDay: leaving.lastWorkingDay,
            facts: separationFactsFor(
              context.seed,
              employeeId,
              leaving.reason,
              leaving.lastWorkingDay,
              businessDate(leaving.dated.openedAt),
            ),
          },
          what,
          op.recordedAt,
          actor(op.by),
        );
      } else if (op.kind === 'cancel') {
        add(
          { kind: 'cancel', caseId: leaving.caseId, command: { type: 'CancelCase', data: { note: op.note!, actor: actor(op.by) } } },
          what,
          op.recordedAt,
          actor(op.by),
        );
      } else {
        const command: Undated<PerformStep> = {
          type: 'PerformStep',
          data: {
            step: op.step!,
            action: op.action!,
            effectiveDate: op.effectiveDate,
            ...(op.note ? { note: op.note } : {}),
            ...(op.lastPaidMonth ? { data: { lastPaidMonth: op.lastPaidMonth } } : {}),
            ...(op.override ? { override: { reason: op.override } } : {}),
            actor: actor(op.by),
          },
        };
        add({ kind: op.kind, caseId: leaving.caseId, command }, what, op.recordedAt, actor(op.by));
      }
    }
  }
  return { employeeId, caseId: leaving?.caseId ?? null, actions };
}

/** A hire date, more of them in later years (the organisation grows), on a working day, often the first of a month. */
function hireDay(rng: Random, from: IsoDate, to: IsoDate): IsoDate {
  const span = Math.max(0, daysFrom(from, to));
  let day = addDays(from, Math.floor(span * Math.pow(rng.next(), 0.75)));
  if (rng.chance(0.3)) day = `${monthOf(day)}-01`;
  day = workday(day);
  return day < from ? from : day;
}

const daysFrom = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const addYears = (date: IsoDate, years: number) => dayInMonth(addMonths(monthOf(date), 12 * years), dayOfMonth(date));

interface Term {
  contractType: ContractType;
  startDate: IsoDate;
  endDate?: IsoDate;
}

/**
 * Contract terms from the hire date: companies sign two fixed terms and then an
 * open-ended one (LCL art. 14), contract staff renew one or two years at a time;
 * schools appoint for three-year terms (聘期), 编制内 staff open-ended after three terms.
 */
function contractTerms(rng: Random, category: EmployeeCategory, hireDate: IsoDate, until: IsoDate): Term[] {
  const terms: Term[] = [];
  for (let start = hireDate; start <= until;) {
    const n = terms.length;
    const openEnded = (category === 'enterprise_regular' && n >= 2) || (category === 'school_establishment' && n >= 3);
    if (openEnded) {
      terms.push({ contractType: 'open_ended', startDate: start });
      break;
    }
    const years = category === 'enterprise_regular' ? 3 : category === 'school_establishment' ? 3 : rng.int(1, 2);
    const endDate = addDays(addYears(start, years), -1);
    terms.push({ contractType: 'fixed_term', startDate: start, endDate });
    start = addDays(endDate, 1);
  }
  return terms;
}

/** The last working day of a month (a Friday when the month ends on a weekend). */
function lastWorkdayOf(month: IsoMonth): IsoDate {
  let day = dayInMonth(month, 31);
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, -1);
  return day;
}

interface CaseInput {
  context: PlanContext;
  employeeId: string;
  region: Region;
  category: EmployeeCategory;
  hireDate: IsoDate;
  hireAt: Date;
  terms: Term[];
}

function reasonFor(rng: Random, category: EmployeeCategory, scenario: CaseScenario): SeparationReason {
  const closed = !scenario.target.startsWith('open_') && scenario.target !== 'cancelled';
  return rng.weighted<SeparationReason>([
    ['resignation', 55],
    ['mutual_agreement', 12],
    ['dismissal', kindOf(category) === 'company' ? 8 : 2],
    ['contract_expiry', closed ? (category === 'enterprise_contract' || category === 'school_non_establishment' ? 35 : 15) : 0],
    ['retirement', closed ? 5 : 0],
  ]);
}

/** The case of a leaver (or of one who stays after cancelling): reason, last working day, and its ops on the calendar. */
function planCase(rng: Random, scenario: CaseScenario, input: CaseInput): Leaving {
  const { context } = input;
  let reason = reasonFor(rng, input.category, scenario);
  let lastWorkingDay: IsoDate | null = null;
  if (!scenario.target.startsWith('open_')) {
    const from = addDays(input.hireDate, 300);
    const latest = addDays(context.asOf, -60);
    // Retirement ages rise gradually from 2025; the demo keeps its retirements before that.
    const retirementBy = earliest(latest, '2024-12-31');
    if (reason === 'retirement' && retirementBy < from) reason = 'resignation';
    const expiring = input.terms.filter((t) => t.endDate && t.endDate >= from && t.endDate <= latest);
    if (reason === 'contract_expiry' && expiring.length === 0) reason = 'resignation';
    if (reason === 'contract_expiry') lastWorkingDay = rng.pick(expiring).endDate!;
    else {
      const to = reason === 'retirement' ? retirementBy : latest;
      const day = addDays(from, rng.int(0, daysFrom(from, to)));
      // Most people leave at the end of a month.
      const monthEnd = lastWorkdayOf(monthOf(day));
      lastWorkingDay =
        (reason === 'retirement' || rng.chance(0.7)) && monthEnd >= from && monthEnd <= to ? monthEnd : workdayOnOrBefore(day);
    }
  }
  const policyDay = lastWorkingDay ? addDays(lastWorkingDay, -20) : addDays(context.asOf, -30);
  const policy = context.policyInForce(input.region, input.category, policyDay);
  if (!policy) throw new Error(`No workflow policy is in force for ${input.region} / ${input.category} on ${policyDay}`);
  const ops = caseOps(rng, scenario, stepsFor(policy, reason));
  // An open case is planned backwards from the present: it has just reached the step it waits on. Its last
  // op may be recorded up to five days after its planned day (a weekend, an answer entered the next day).
  lastWorkingDay ??= workdayOnOrBefore(addDays(context.asOf, -(ops[ops.length - 1].day + rng.int(6, 11))));
  const dated = datedCase(rng, ops, lastWorkingDay, policy, input.hireAt);
  if (dated.ops[dated.ops.length - 1].recordedAt >= beijingTime(context.asOf, 0)) {
    throw new Error(`The case of ${input.employeeId} was planned beyond the present (${context.asOf})`);
  }
  return { reason, lastWorkingDay, caseId: demoCaseIdOf(input.employeeId), dated, stays: scenario.target === 'cancelled' };
}

function workdayOnOrBefore(day: IsoDate): IsoDate {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 6 ? addDays(day, -1) : weekday === 0 ? addDays(day, -2) : day;
}

interface InsuranceInput {
  employeeId: string;
  add(command: DemoCommand, what: string, recordedAt: Date): void;
  archiveWritable(at: Date): boolean;
  cutoff: Date;
  region: Region;
  hireDate: IsoDate;
  hireAt: Date;
  wage: number;
  asOf: IsoDate;
  leaving: Leaving | null;
}

interface Base {
  fromMonth: IsoMonth;
  base: number;
  recordedAt: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (instant: Date): IsoDate => businessDate(instant);
/** The base in force for a month: the latest of `bases` (in month order) starting on or before it. */
const baseIn = (bases: Base[], month: IsoMonth): Base => bases.filter((b) => b.fromMonth <= month).at(-1) ?? bases[0];

/**
 * Enrolment within days of the hire (now and then late, back-dated to the hire
 * month), a contribution every month recorded with that month's payroll, the
 * base adjusted each July to the risen wage. Gaps: a month missed and back-paid
 * (补缴) a few months later, now and then a month never paid. Corrections: a July
 * paid on the old base when the adjustment came late, and the odd mistyped base,
 * each corrected weeks later. A leaver's contributions stop at the bureau's last
 * paid month (or the one the pending filing predicts) and never go beyond it.
 */
function planInsurance(rng: Random, input: InsuranceInput): void {
  const { add, cutoff, region, hireDate, leaving, employeeId } = input;
  const startMonth = dayOfMonth(hireDate) <= 20 ? monthOf(hireDate) : addMonths(monthOf(hireDate), 1);
  const enrolAt = laterOf(
    officeTime(rng, addDays(hireDate, rng.chance(0.04) ? rng.int(35, 70) : rng.int(1, 12))),
    plusMinutes(input.hireAt, 30),
  );
  if (!input.archiveWritable(enrolAt)) return;
  const startYear = Number(startMonth.slice(0, 4));
  const bases: Base[] = [{ fromMonth: startMonth, base: contributionBase(region, startYear, input.wage), recordedAt: enrolAt }];
  add(
    {
      kind: 'insurance',
      effectiveDate: firstDayOf(startMonth),
      command: {
        type: 'EnrollInSocialInsurance',
        data: { employeeId, startMonth, insuranceTypes: [...INSURANCE_TYPES], contributionBase: bases[0].base, hireDate },
      },
    },
    'enrol',
    enrolAt,
  );

  const departing = leaving && !leaving.stays ? leaving : null;
  const lastMonth = departing
    ? (departing.dated.lastPaidMonth ?? departing.dated.predictedLastMonth ?? monthOf(departing.lastWorkingDay))
    : monthOf(input.asOf);
  let wage = input.wage;
  for (let year = startYear; `${year}-07` <= lastMonth; year++) {
    wage = Math.round((wage * (1.02 + rng.next() * 0.07)) / 10) * 10;
    const fromMonth = `${year}-07`;
    const at = rng.chance(0.1)
      ? officeTime(rng, `${year}-08-${pad(rng.int(3, 15))}`)
      : officeTime(rng, `${year}-07-${pad(rng.int(1, 12))}`);
    const base = contributionBase(region, year, wage);
    if (fromMonth <= startMonth || !input.archiveWritable(at) || at <= enrolAt || base === bases.at(-1)!.base) continue;
    bases.push({ fromMonth, base, recordedAt: at });
    add(
      {
        kind: 'insurance',
        effectiveDate: firstDayOf(fromMonth),
        command: { type: 'AdjustContributionBase', data: { fromMonth, contributionBase: base } },
      },
      `base:${fromMonth}`,
      at,
    );
  }

  const months = monthsBetween(startMonth, lastMonth);
  const neverPaid = months > 8 && rng.chance(0.05) ? addMonths(startMonth, rng.int(3, months - 4)) : null;
  for (let month = startMonth; month <= lastMonth; month = addMonths(month, 1)) {
    if (month === neverPaid) continue;
    const backPaid = month !== startMonth && rng.chance(0.01);
    const paidIn = backPaid ? addMonths(month, rng.int(1, 3)) : month;
    const at = laterOf(officeTime(rng, `${paidIn}-${pad(rng.int(8, 22))}`), plusMinutes(enrolAt, rng.int(60, 600)));
    if (at >= cutoff) continue;
    const right = baseIn(bases, month);
    const known = baseIn(
      bases.filter((b) => b.recordedAt <= at),
      month,
    ).base;
    const mistyped = known === right.base && !backPaid && rng.chance(1 / 150);
    const base = mistyped ? Math.round(right.base * 0.9) : known;
    add(
      {
        kind: 'insurance',
        effectiveDate: firstDayOf(month),
        command: { type: 'RecordContribution', data: { month, base, correction: false } },
      },
      `contribution:${month}`,
      at,
    );
    if (base === right.base) continue;
    // Noticed weeks later, or just after the late adjustment was entered.
    const noticed = mistyped ? addDays(dayOf(at), rng.int(20, 60)) : addDays(dayOf(right.recordedAt), rng.int(1, 5));
    const correctedAt = laterOf(officeTime(rng, noticed), plusMinutes(at, 60));
    if (correctedAt >= cutoff) continue;
    add(
      {
        kind: 'insurance',
        effectiveDate: firstDayOf(month),
        command: { type: 'RecordContribution', data: { month, base: right.base, correction: true } },
      },
      `correction:${month}`,
      correctedAt,
    );
  }
}
