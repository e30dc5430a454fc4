/**
 * Writes employees' histories straight into a data directory, as the service
 * would have written them over the years: every command goes through its
 * decider and toEnvelopes (hash chains, idempotency ids), personal data is
 * sealed by the same SealingEventStore, and the offboarding process manager's
 * follow-up commands carry the ids the real one derives, so that rebuilding it
 * finds them done. What differs is only the batching: a stream's commands of
 * one year go in one append, and employees are interleaved year by year within
 * blocks.
 *
 * The calendar follows the run's clock (historyCalendar): the histories end
 * (`through`) enough months before the run's business month that the latency
 * probes' contributions, one new month each, all fall on or before the month
 * before it (a month after the current one is refused, 409 DATE_IN_FUTURE). It is
 * fixed once per run, and every date is placed relative to `through`, so that the
 * histories have the same shape and size whatever day the benchmark runs on.
 *
 * Per employee (hired 51..40 months before `through`, contributions through it):
 * the hire and personal data, a contract, ~46 monthly contributions; every 5th a
 * position change, every 10th a base adjustment, every 20th a correction, every
 * 12th a two-month gap, and every 20th leaves in the month after `through`
 * through a complete offboarding case. About 51 events each.
 * (The shape is that of a run on 2026-11: hires 2022-07..2023-06, contributions through 2026-10.)
 */
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Decider, DomainError, DomainEvent } from '../../src/domain/decider';
import { employeeDecider, EmployeeState } from '../../src/domain/employee/employee.decider';
import { checkCharOf } from '../../src/domain/employee/resident-id';
import { offboardingDecider, OffboardingState } from '../../src/domain/offboarding/offboarding.decider';
import { DEFAULT_POLICIES, REGIONS } from '../../src/domain/policy/default-policies';
import { addDays, addMonths, firstDayOf, IsoDate, IsoMonth } from '../../src/domain/shared/calendar';
import { EMPLOYEE_CATEGORIES, INSURANCE_TYPES, SeparationReason, StepKey } from '../../src/domain/shared/vocabulary';
import { insuranceDecider, InsuranceState } from '../../src/domain/social-insurance/insurance.decider';
import { CommandContext, EmittedEvent, EventMetadata, toEnvelopes } from '../../src/event-sourcing/envelope';
import { EventToAppend } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { SqliteKeyStore } from '../../src/infrastructure/key-store/sqlite/sqlite-key-store';
import { SealingEventStore } from '../../src/personal-data/sealing-event-store';
import { businessDate, businessMonth } from '../../src/infrastructure/business-day';
import { employeeStream, insuranceStream, offboardingStream } from '../../src/domain/shared/streams';

/** The business day of a recorded instant: the `today` a command gets from the application. */
const on = (recordedAt: string): IsoDate => businessDate(new Date(recordedAt));

/** Where a run's histories sit in time: one per run, from its clock (historyCalendar). */
export interface HistoryCalendar {
  /** The last month with contributions. */
  through: IsoMonth;
  /** The first month the latency probes record contributions for: the one after the histories. */
  firstFreeMonth: IsoMonth;
}

/**
 * The calendar of a run started at `now` whose probes each record up to
 * `freeMonths` new months: those months end with the month before the business
 * month of `now` (the offboarding cases, dated in the first free month, are then
 * in the past too), so no command of the run asks for a month in the future.
 */
export function historyCalendar(now: Date, freeMonths: number): HistoryCalendar {
  if (!Number.isInteger(freeMonths) || freeMonths < 1) throw new RangeError(`freeMonths must be a positive whole number: ${freeMonths}`);
  const through = addMonths(businessMonth(now), -(freeMonths + 1));
  return { through, firstFreeMonth: addMonths(through, 1) };
}

/** Months, counted from `through` (the offsets of the original shape, which ended in 2026-10). */
const OFFSETS = { firstHire: -51, positionChange: -31, baseAdjustment: -27, gap: -31, correction: -17 };
const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄志强'];
const REASONS: SeparationReason[] = ['resignation', 'dismissal', 'contract_expiry', 'mutual_agreement'];

export const employeeIdOf = (i: number) => `E${String(i).padStart(7, '0')}`;
/** Every 20th employee leaves (and can take no more contributions). */
export const leaves = (i: number) => i % 20 === 0;

interface Cursor {
  stream: string;
  revision: bigint | null;
  /** The hash the next event chains to. */
  hash: string | null;
  pending: EventToAppend[];
}

interface Person {
  i: number;
  calendar: Calendar;
  id: string;
  region: string;
  category: (typeof EMPLOYEE_CATEGORIES)[number];
  hireDate: IsoDate;
  wage: number;
  employee: EmployeeState;
  insurance: InsuranceState;
  emp: Cursor;
  ins: Cursor;
}

const cursor = (stream: string): Cursor => ({ stream, revision: null, hash: null, pending: [] });

/** The months and years every history is written against, from a run's HistoryCalendar. */
interface Calendar {
  through: IsoMonth;
  firstHire: IsoMonth;
  years: number[];
  positionChange: IsoMonth;
  baseAdjustment: IsoMonth;
  gaps: IsoMonth[];
  correction: IsoMonth;
}

function calendarOf({ through }: HistoryCalendar): Calendar {
  const firstHire = addMonths(through, OFFSETS.firstHire);
  const [first, last] = [firstHire, through].map((month) => Number(month.slice(0, 4)));
  return {
    through,
    firstHire,
    years: Array.from({ length: last - first + 1 }, (_, k) => first + k),
    positionChange: addMonths(through, OFFSETS.positionChange),
    baseAdjustment: addMonths(through, OFFSETS.baseAdjustment),
    gaps: [addMonths(through, OFFSETS.gap), addMonths(through, OFFSETS.gap + 1)],
    correction: addMonths(through, OFFSETS.correction),
  };
}

export class HistoryWriter {
  private readonly raw: SqliteEventStore;
  private readonly store: SealingEventStore;
  private readonly calendar: Calendar;

  constructor(dataDir: string, calendar: HistoryCalendar) {
    this.calendar = calendarOf(calendar);
    this.raw = new SqliteEventStore({ file: join(dataDir, 'events.db') });
    const keys = new SqliteKeyStore(join(dataDir, 'keys.db'));
    // Seeding only: no fsync per append here (the generator's speed is not a figure). The service reopens both files with its own settings.
    this.raw['db'].pragma('synchronous = NORMAL');
    keys['db'].pragma('synchronous = OFF');
    this.store = new SealingEventStore(this.raw, keys);
  }

  head(): Promise<bigint> {
    return this.raw.headPosition();
  }

  /** Employees first..first+count-1, their years interleaved. */
  async write(first: number, count: number): Promise<void> {
    const people = Array.from({ length: count }, (_, k) => person(first + k, this.calendar));
    for (const year of this.calendar.years) {
      for (const p of people) await this.year(p, year);
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async year(p: Person, year: number): Promise<void> {
    const { through, positionChange, baseAdjustment, gaps, correction } = p.calendar;
    const hireMonth = p.hireDate.slice(0, 7);
    if (Number(p.hireDate.slice(0, 4)) === year) {
      p.employee = this.decide(
        employeeDecider,
        p.employee,
        p.emp,
        hiredCommand(p, on(`${p.hireDate}T02:00:00Z`)),
        context(p, `${p.hireDate}T02:00:00Z`),
      );
      const end = addDays(`${year + 3}${p.hireDate.slice(4)}`, -1);
      p.employee = this.decide(
        employeeDecider,
        p.employee,
        p.emp,
        {
          type: 'SignContract',
          data: {
            contractId: `${p.id}-1`,
            contractType: 'fixed_term',
            startDate: p.hireDate,
            endDate: end,
            today: on(`${p.hireDate}T03:00:00Z`),
          },
        },
        context(p, `${p.hireDate}T03:00:00Z`),
      );
      const enrol = {
        type: 'EnrollInSocialInsurance' as const,
        data: {
          employeeId: p.id,
          startMonth: hireMonth,
          insuranceTypes: [...INSURANCE_TYPES],
          contributionBase: p.wage,
          hireDate: p.hireDate,
          today: on(`${p.hireDate}T04:00:00Z`),
        },
      };
      p.insurance = this.decide(insuranceDecider, p.insurance, p.ins, enrol, context(p, `${p.hireDate}T04:00:00Z`, firstDayOf(hireMonth)));
    }
    // Recorded on the 20th of the month before it takes effect.
    const positionRecorded = `${addMonths(positionChange, -1)}-20T02:00:00Z`;
    if (positionRecorded.startsWith(String(year)) && p.i % 5 === 1) {
      const command = {
        type: 'ChangePosition' as const,
        data: { position: 'Senior Specialist', effectiveDate: firstDayOf(positionChange), today: on(positionRecorded) },
      };
      p.employee = this.decide(employeeDecider, p.employee, p.emp, command, context(p, positionRecorded));
    }
    for (let month = later(hireMonth, `${year}-01`); month <= through && month.startsWith(String(year)); month = following(month)) {
      const recorded = `${firstDayOf(addMonths(month, 1)).slice(0, 8)}10T01:${String(p.i % 60).padStart(2, '0')}:00Z`;
      if (p.i % 10 === 3 && month === baseAdjustment) {
        const command = {
          type: 'AdjustContributionBase' as const,
          data: { fromMonth: month, contributionBase: p.wage + 500, today: on(recorded) },
        };
        p.insurance = this.decide(insuranceDecider, p.insurance, p.ins, command, context(p, recorded, firstDayOf(month)));
      }
      if (p.i % 12 === 7 && gaps.includes(month)) continue;
      const base = month >= baseAdjustment && p.i % 10 === 3 ? p.wage + 500 : p.wage;
      p.insurance = this.decide(
        insuranceDecider,
        p.insurance,
        p.ins,
        { type: 'RecordContribution', data: { month, base, correction: false, today: on(recorded) } },
        context(p, recorded, firstDayOf(month)),
      );
      if (p.i % 20 === 11 && month === correction) {
        const correction = {
          type: 'RecordContribution' as const,
          data: { month, base: base + 100, correction: true, today: on(recorded.replace('T01', 'T05')) },
        };
        p.insurance = this.decide(
          insuranceDecider,
          p.insurance,
          p.ins,
          correction,
          context(p, recorded.replace('T01', 'T05'), firstDayOf(month)),
        );
      }
    }
    await this.flush(p.emp);
    await this.flush(p.ins);
    if (year === Number(through.slice(0, 4)) && leaves(p.i)) await this.offboard(p);
  }

  /** A complete case opened on the 2nd of the month after the history (the last working day ends it), then what the process manager does after it. */
  private async offboard(p: Person): Promise<void> {
    const { through } = p.calendar;
    const caseId = `C${uuidv7().replace(/-/g, '')}`;
    const reason = REASONS[(p.i / 20) % REASONS.length];
    const lastWorkingDay = addDays(firstDayOf(addMonths(through, 1)), -1);
    const openedAt = `${addMonths(through, 1)}-02`;
    p.employee = this.decide(
      employeeDecider,
      p.employee,
      p.emp,
      { type: 'ReserveOffboarding', data: { caseId, reason, lastWorkingDay } },
      context(p, `${openedAt}T02:00:00Z`, openedAt),
    );
    await this.flush(p.emp);

    const policy = DEFAULT_POLICIES.find((x) => x.region === p.region && x.category === p.category)!;
    const case_ = cursor(offboardingStream(caseId));
    const open = {
      type: 'OpenCase' as const,
      data: { caseId, employeeId: p.id, reason, lastWorkingDay, policy, openedAt, hireDate: p.hireDate, today: openedAt },
    };
    let state: OffboardingState = this.decide(offboardingDecider, offboardingDecider.initialState, case_, open, {
      ...context(p, `${openedAt}T02:00:01Z`, openedAt),
      idempotencyKey: `open-case:${caseId}`,
    });
    let day = 3;
    const act = (step: StepKey, action: 'complete' | 'request', data?: { lastPaidMonth: IsoMonth }) => {
      const effectiveDate = `${addMonths(through, 1)}-${String(day).padStart(2, '0')}`;
      const role = step === 'approval' ? 'hr_manager' : 'hr_specialist';
      const command = {
        type: 'PerformStep' as const,
        data: {
          step,
          action,
          effectiveDate,
          data,
          actor: { id: `hr-${p.i % 20}`, role: role as 'hr_manager' | 'hr_specialist' },
          today: on(`${effectiveDate}T03:00:00Z`),
        },
      };
      state = this.decide(offboardingDecider, state, case_, command, context(p, `${effectiveDate}T03:00:00Z`, undefined, role));
      day++;
    };
    // The policy's steps in order; a step whose prerequisites are not done yet waits for the next pass.
    let remaining = state.status === 'open' ? state.policy.steps.map((s) => s.key) : [];
    while (remaining.length > 0) {
      const before = remaining.length;
      remaining = remaining.filter((key) => {
        try {
          if (key === 'si_transfer_out') {
            act(key, 'request');
            act(key, 'complete', { lastPaidMonth: through });
          } else {
            act(key, 'complete');
          }
          return false;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'STEP_LOCKED') return true;
          throw error;
        }
      });
      if (remaining.length === before) throw new Error(`case of ${p.id} is stuck at ${remaining.join(', ')}`);
    }
    const caused = case_.pending;
    await this.flush(case_);

    for (const cause of caused) {
      const metadata = cause.metadata as unknown as EventMetadata;
      const pm: CommandContext = {
        actor: { id: 'offboarding-process-manager', role: 'system' },
        recordedAt: new Date(Date.parse(metadata.recordedAt) + 1000),
        effectiveDate: metadata.effectiveDate,
        correlationId: metadata.correlationId,
        causationId: cause.id,
        source: 'process-manager',
        idempotencyKey: `process-manager:${cause.id}`,
      };
      if (cause.type === 'SocialInsuranceTransferOutCompleted') {
        p.insurance = this.decide(
          insuranceDecider,
          p.insurance,
          p.ins,
          { type: 'CloseForTransferOut', data: { caseId, lastPaidMonth: through } },
          pm,
        );
        await this.flush(p.ins);
      } else if (cause.type === 'LaborTerminationRegistered') {
        const terminationDate = (cause.data as { terminationDate: IsoDate }).terminationDate;
        p.employee = this.decide(
          employeeDecider,
          p.employee,
          p.emp,
          { type: 'RecordSeparation', data: { caseId, terminationDate, reason } },
          pm,
        );
        await this.flush(p.emp);
      } else if (cause.type === 'OffboardingCaseCompleted') {
        p.employee = this.decide(
          employeeDecider,
          p.employee,
          p.emp,
          { type: 'ReleaseOffboarding', data: { caseId, outcome: 'completed' } },
          pm,
        );
        await this.flush(p.emp);
      }
    }
  }

  /** Decides one command on the state, queues its envelopes on the stream, returns the new state. */
  private decide<C, S, E extends DomainEvent>(decider: Decider<C, S, E>, state: S, at: Cursor, command: C, ctx: CommandContext): S {
    const events = decider.decide(command, state);
    const envelopes = toEnvelopes(at.stream, events as EmittedEvent[], ctx, at.hash, decider.events.versionOf);
    if (envelopes.length > 0) at.hash = (envelopes[envelopes.length - 1].metadata as unknown as EventMetadata).hash;
    at.pending.push(...envelopes);
    return events.reduce((s, e) => decider.evolve(s, e), state);
  }

  private async flush(at: Cursor): Promise<void> {
    if (at.pending.length === 0) return;
    const sealed = at.pending.some((e) => e.type === 'PersonalDataRecorded');
    const result = await this.store.appendToStream(at.stream, at.revision ?? 'no_stream', at.pending);
    at.revision = result.nextExpectedRevision;
    at.pending = [];
    // Sealing re-hashes the batch over the stored form: chain on to what was stored, as the command handler does.
    if (sealed)
      at.hash = (
        (await this.raw.readStream(at.stream, { direction: 'backwards', maxCount: 1 }))[0].metadata as unknown as EventMetadata
      ).hash;
  }
}

function person(i: number, calendar: Calendar): Person {
  const id = employeeIdOf(i);
  return {
    i,
    calendar,
    id,
    region: REGIONS[i % REGIONS.length],
    category: EMPLOYEE_CATEGORIES[Math.floor(i / REGIONS.length) % EMPLOYEE_CATEGORIES.length],
    hireDate: `${addMonths(calendar.firstHire, i % 12)}-0${1 + (i % 9)}`,
    wage: 8_000 + (i % 20) * 1_000,
    employee: employeeDecider.initialState,
    insurance: insuranceDecider.initialState,
    emp: cursor(employeeStream(id)),
    ins: cursor(insuranceStream(id)),
  };
}

function hiredCommand(p: Person, today: IsoDate) {
  const first17 = `310104${1970 + (p.i % 30)}0${1 + (p.i % 9)}1${p.i % 10}${String(p.i % 1000).padStart(3, '0')}`;
  return {
    type: 'HireEmployee' as const,
    data: {
      employeeId: p.id,
      name: NAMES[p.i % NAMES.length],
      idNumber: first17 + checkCharOf(first17),
      orgUnit: `Dept-${p.i % 50}`,
      category: p.category,
      region: p.region,
      hireDate: p.hireDate,
      monthlyWage: p.wage,
      position: 'Specialist',
      today,
    },
  };
}

function context(p: Person, recordedAt: string, effectiveDate?: IsoDate, role = 'hr_specialist'): CommandContext {
  const correlationId = uuidv7();
  return { actor: { id: `hr-${p.i % 20}`, role }, recordedAt: new Date(recordedAt), effectiveDate, correlationId, source: 'api' };
}

const later = (a: IsoMonth, b: IsoMonth) => (a > b ? a : b);

/** The next month, by string arithmetic (date-fns' addMonths showed up in the generator's profile). */
function following(month: IsoMonth): IsoMonth {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
