/**
 * fast-check arbitraries for whole histories: a few employees hired and enrolled
 * across every shipped region and category, then commands in random order
 * (steps out of order, wrong roles, overrides, retries, races, erasures,
 * contributions after the transfer-out...), mixed with scripted case runs that
 * follow the legal order with random dates, so that histories also get far.
 */
import fc from 'fast-check';
import { EMPLOYEE_CATEGORIES, INSURANCE_TYPES, Role, SEPARATION_REASONS, StepKey } from '../../src/domain/shared/vocabulary';
import { DateAnchor, DateSpec, History, HistoryCommand, MonthSpec, Sending, SingleCommand } from './history';

/** The regions with shipped policies (README, Workflow policies). */
export const REGIONS = ['shanghai', 'beijing', 'shenzhen', 'xiamen'] as const;
/** Employee slots: commands pick among them, so that they collide on the same streams; slots not hired are unknown employees. */
export const EMPLOYEE_SLOTS = 5;

const emp = fc.integer({ min: 0, max: EMPLOYEE_SLOTS - 1 });
/** Slots 0 and 1 are always hired (historyArb): scripted runs mostly pick them, so that they get far. */
const hiredEmp = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 1, arbitrary: emp });

/** Mostly HR (a wrong role is refused before any rule is reached: about one command in twenty is enough to keep the 403 path covered). */
const role: fc.Arbitrary<Role> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('hr_specialist' as const) },
  { weight: 6, arbitrary: fc.constant('hr_manager' as const) },
  { weight: 1, arbitrary: fc.constantFrom('auditor' as const, 'investigator' as const, 'admin' as const) },
);

/** Days the clock moves: mostly none or a few, sometimes weeks, rarely years (so that retention periods end). */
const wait = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: 4, max: 45 }) },
  { weight: 1, arbitrary: fc.integer({ min: 700, max: 900 }) },
);

const sending = (as: fc.Arbitrary<Role> = role): fc.Arbitrary<Sending> =>
  fc.record(
    {
      as,
      wait,
      key: fc.oneof(
        { weight: 4, arbitrary: fc.constant('own' as const) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((n) => `shared-${n}` as const) },
      ),
      retry: fc.boolean(),
      // Now and then only: most commands meet the process manager's lag, as in life.
      settle: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    },
    { requiredKeys: ['as', 'wait'] },
  );

/** Dates at the edges the law and the policies care about. */
const EDGE_DATES = [
  '2024-02-29',
  '2028-02-29',
  '2023-02-28',
  '2024-01-15',
  '2024-01-16',
  '2024-06-30',
  '2024-07-01',
  '2024-12-31',
  '2025-01-01',
  '2099-12-31',
  '2000-02-29',
  '1999-12-31',
];

const anchor = (...anchors: DateAnchor[]) => fc.constantFrom(...anchors);
const offsetDays = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: -60, max: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(-15, -16, 15, 16, -365, 365, 366, 3650) },
);
const snap = fc.option(fc.constantFrom('monthEnd' as const, 15 as const, 16 as const, 1 as const), { nil: undefined, freq: 3 });

export const dateSpec = (...anchors: DateAnchor[]): fc.Arbitrary<DateSpec> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ from: anchor(...anchors), days: offsetDays, snap }, { requiredKeys: ['from', 'days'] }) },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_DATES).map((fixed) => ({ fixed })) },
  );

const monthSpec = (...anchors: Array<DateAnchor | 'lastPaid'>): fc.Arbitrary<MonthSpec> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        from: fc.constantFrom(...anchors),
        months: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.integer({ min: -24, max: 24 })),
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom('2024-02', '2024-06', '2024-07', '2099-12', '2000-01').map((fixed) => ({ fixed })) },
  );

const money = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 2000, max: 40000 }) },
  { weight: 1, arbitrary: fc.constantFrom(2690.5, 12307, 36921) },
);
const insuranceTypes = fc.subarray([...INSURANCE_TYPES], { minLength: 1 });

/** A command's fields and how it is sent, as one value (a tuple, not a chain: fast-check shrinks both parts). */
const sent = <C extends object>(command: fc.Arbitrary<C>, as: fc.Arbitrary<Role> = role) =>
  fc.tuple(command, sending(as)).map(([c, s]) => ({ ...c, ...s }));

const hire = (slot: fc.Arbitrary<number>, as: fc.Arbitrary<Role> = role) =>
  sent(
    fc.record({
      op: fc.constant('hire' as const),
      emp: slot,
      region: fc.constantFrom(...REGIONS),
      category: fc.constantFrom(...EMPLOYEE_CATEGORIES),
      hireDate: dateSpec('today').map((d) => ('from' in d ? { ...d, days: d.days * 40 } : d)),
      wage: money,
    }),
    as,
  );

const enrol = (slot: fc.Arbitrary<number>, as: fc.Arbitrary<Role> = role) =>
  sent(
    fc.record({
      op: fc.constant('enrol' as const),
      emp: slot,
      startMonth: monthSpec('hire', 'today', 'lastPaid'),
      types: insuranceTypes,
      base: money,
    }),
    as,
  );

const contribute = sent(
  fc.record(
    {
      op: fc.constant('contribute' as const),
      emp,
      month: monthSpec('today', 'hire', 'lastPaid', 'lastWorkingDay'),
      base: money,
      correction: fc.boolean(),
      types: insuranceTypes,
    },
    { requiredKeys: ['op', 'emp', 'month', 'base', 'correction'] },
  ),
);

const adjustBase = sent(fc.record({ op: fc.constant('adjustBase' as const), emp, fromMonth: monthSpec('today', 'hire'), base: money }));

const open = (as: fc.Arbitrary<Role> = role) =>
  sent(
    fc.record(
      {
        op: fc.constant('open' as const),
        emp,
        reason: fc.constantFrom(...SEPARATION_REASONS),
        lastWorkingDay: dateSpec('today', 'hire'),
        openedAt: dateSpec('lastWorkingDay', 'today', 'hire'),
      },
      { requiredKeys: ['op', 'emp', 'reason', 'lastWorkingDay'] },
    ),
    as,
  );

const stepKey: fc.Arbitrary<StepKey> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('approval' as const) },
  { weight: 2, arbitrary: fc.constant('handover' as const) },
  { weight: 7, arbitrary: fc.constant('si_transfer_out' as const) },
  { weight: 4, arbitrary: fc.constant('labor_termination' as const) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'housing_fund_transfer' as const,
      'unemployment_filing' as const,
      'termination_certificate' as const,
      'archive_transfer' as const,
      'severance_payment' as const,
      'term_settlement' as const,
      'post_release' as const,
      'establishment_release' as const,
    ),
  },
);

const override = fc.option(fc.constantFrom('handover done by phone; signed list follows', '', '   '), { nil: undefined, freq: 2 });
const stepDates = dateSpec('today', 'opened', 'lastWorkingDay', 'transferCompleted', 'hire');

const step = sent(
  fc.record(
    {
      op: fc.constant('step' as const),
      emp,
      step: stepKey,
      action: fc.oneof(
        { weight: 4, arbitrary: fc.constant('complete' as const) },
        { weight: 2, arbitrary: fc.constant('request' as const) },
        { weight: 1, arbitrary: fc.constant('reject' as const) },
      ),
      effectiveDate: stepDates,
      lastPaidMonth: monthSpec('lastWorkingDay', 'today', 'hire'),
      terminationDate: dateSpec('lastWorkingDay', 'today'),
      override,
      note: fc.constantFrom('材料不全 / documents incomplete', '  '),
    },
    { requiredKeys: ['op', 'emp', 'step', 'action'] },
  ),
);

const cancel = sent(fc.record({ op: fc.constant('cancel' as const), emp, note: fc.constant('resignation withdrawn') }));
const erase = sent(
  fc.record({ op: fc.constant('erase' as const), emp }),
  fc.constantFrom('admin' as const, 'admin' as const, 'hr_manager' as const),
);

const single: fc.Arbitrary<SingleCommand> = fc.oneof(
  { weight: 9, arbitrary: step },
  { weight: 6, arbitrary: contribute },
  { weight: 4, arbitrary: open() },
  { weight: 1, arbitrary: adjustBase },
  { weight: 1, arbitrary: cancel },
  { weight: 1, arbitrary: erase },
  { weight: 1, arbitrary: hire(emp) },
  { weight: 1, arbitrary: enrol(emp) },
);

/** Two writers at once, on the same employee (and so the same case and account) most of the time. */
const race: fc.Arbitrary<HistoryCommand> = fc
  .tuple(fc.oneof(step, contribute, open(), cancel), fc.oneof(step, contribute, open(), cancel), fc.boolean())
  .map(([a, b, same]) => ({ op: 'race' as const, a, b: same ? { ...b, emp: a.emp } : b, as: a.as, wait: a.wait }));

/**
 * One case run in the legal order, entered after the fact: a case opened back
 * then (openedAt before a last working day in the past), each step dated on or
 * after the one before it and never after today, so that completions, closed
 * accounts and separations happen under the effective-time checks. The hires of
 * the set-up lie far enough back (setUp) for every such date to follow them.
 */
const orderlyCaseRun: fc.Arbitrary<HistoryCommand[]> = fc
  .record({
    emp: hiredEmp,
    reason: fc.constantFrom(...SEPARATION_REASONS),
    daysAgo: fc.integer({ min: 45, max: 400 }),
    openedBefore: fc.integer({ min: 0, max: 45 }),
    gaps: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 9, maxLength: 9 }),
    rejectedFirst: fc.boolean(),
    lastPaidMonths: fc.integer({ min: -1, max: 1 }),
    rest: fc.subarray([
      'housing_fund_transfer',
      'termination_certificate',
      'archive_transfer',
      'severance_payment',
      'term_settlement',
      'post_release',
      'establishment_release',
      'unemployment_filing',
    ] as StepKey[]),
  })
  .map(({ emp, reason, daysAgo, openedBefore, gaps, rejectedFirst, lastPaidMonths, rest }) => {
    // Offsets from the opening, never decreasing: step i is dated opened + offset[i] (at most 54 days, before today).
    const offset = gaps.map((_, i) => gaps.slice(0, i + 1).reduce((a, b) => a + b, 0));
    const s = (step: StepKey, action: 'complete' | 'request' | 'reject', i: number, extra: Partial<SingleCommand> = {}): HistoryCommand =>
      ({
        op: 'step',
        emp,
        step,
        action,
        effectiveDate: { from: 'opened', days: offset[Math.min(i, offset.length - 1)] },
        as: 'hr_specialist',
        wait: i % 2,
        ...extra,
      }) as HistoryCommand;
    return [
      {
        op: 'open',
        emp,
        reason,
        lastWorkingDay: { from: 'today', days: -daysAgo },
        openedAt: { from: 'lastWorkingDay', days: -openedBefore },
        as: 'hr_specialist',
        wait: 0,
      } as HistoryCommand,
      s('approval', 'complete', 0, { as: 'hr_manager' }),
      s('unemployment_filing', 'complete', 1),
      s('handover', 'complete', 1),
      ...(rejectedFirst
        ? [s('si_transfer_out', 'request', 2), s('si_transfer_out', 'reject', 3, { note: '退单 / rejected by the bureau' })]
        : []),
      s('si_transfer_out', 'request', 3),
      s('si_transfer_out', 'complete', 4, { lastPaidMonth: { from: 'lastWorkingDay', months: lastPaidMonths } }),
      s('labor_termination', 'complete', 5),
      ...rest.map((key, i) => s(key, 'complete', 6 + Math.min(i, 2))),
    ];
  });

/**
 * One case run in the legal order of steps with random dates (before the
 * opening, the hire, out of order, in the future): what the effective-time
 * checks must refuse, and the edges of what they let through.
 */
const looselyDatedCaseRun: fc.Arbitrary<HistoryCommand[]> = fc
  .record({
    emp: hiredEmp,
    open: open(fc.constant('hr_specialist')),
    rejectedFirst: fc.boolean(),
    dates: fc.array(stepDates, { minLength: 6, maxLength: 6 }),
    lastPaidMonth: monthSpec('lastWorkingDay'),
    rest: fc.subarray([
      'housing_fund_transfer',
      'termination_certificate',
      'archive_transfer',
      'severance_payment',
      'term_settlement',
      'post_release',
      'establishment_release',
      'unemployment_filing',
    ] as StepKey[]),
  })
  .map(({ emp, open, rejectedFirst, dates, lastPaidMonth, rest }) => {
    const at = (i: number): Sending => ({ as: 'hr_specialist', wait: i % 2 });
    const s = (step: StepKey, action: 'complete' | 'request' | 'reject', i: number, extra: Partial<SingleCommand> = {}): HistoryCommand =>
      ({ op: 'step', emp, step, action, effectiveDate: dates[i % dates.length], ...at(i), ...extra }) as HistoryCommand;
    return [
      { ...open, emp },
      s('approval', 'complete', 0, { as: 'hr_manager' }),
      s('unemployment_filing', 'complete', 1),
      s('handover', 'complete', 1),
      ...(rejectedFirst
        ? [s('si_transfer_out', 'request', 2), s('si_transfer_out', 'reject', 3, { note: '退单 / rejected by the bureau' })]
        : []),
      s('si_transfer_out', 'request', 2),
      s('si_transfer_out', 'complete', 3, { lastPaidMonth }),
      s('labor_termination', 'complete', 4),
      ...rest.map((key, i) => s(key, 'complete', 5 + i)),
    ];
  });

/**
 * A case run to its end (the account closed by the transfer-out), then
 * contributions for the months around the last paid month, most of them after
 * it: what the account must refuse (invariant 2). The first waits for the
 * process manager, so that the transfer-out is on the account by then; the
 * others may meet its lag.
 */
const caseRun: fc.Arbitrary<HistoryCommand[]> = fc.oneof(
  { weight: 4, arbitrary: orderlyCaseRun },
  { weight: 1, arbitrary: looselyDatedCaseRun },
);

const caseRunThenContributions: fc.Arbitrary<HistoryCommand[]> = fc
  .tuple(
    orderlyCaseRun,
    fc.array(
      fc.record({
        months: fc.oneof(
          { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
          { weight: 2, arbitrary: fc.integer({ min: -1, max: 0 }) },
          { weight: 1, arbitrary: fc.integer({ min: 4, max: 24 }) },
        ),
        base: money,
        correction: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        wait: fc.integer({ min: 0, max: 40 }),
        settle: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([run, contributions]) => [
    ...run,
    ...contributions.map(({ months, base, correction, wait, settle }, i): HistoryCommand => ({
      op: 'contribute',
      emp: run[0].op === 'open' ? run[0].emp : 0,
      month: { from: 'lastPaid', months },
      base,
      correction,
      as: 'hr_specialist',
      wait,
      settle: i === 0 || settle,
    })),
  ]);

/** Hires and enrols the employee of a slot. */
const setUp = (slot: number): fc.Arbitrary<HistoryCommand[]> =>
  fc.tuple(hire(fc.constant(slot), fc.constant('hr_specialist')), enrol(fc.constant(slot), fc.constant('hr_specialist'))).map(([h, e]) => [
    // Far enough back (430 days or more) for the orderly case runs' dates, which reach 445 days back, to follow the hire mostly.
    {
      ...h,
      retry: false,
      hireDate: 'from' in h.hireDate ? { from: 'today' as const, days: -(430 + Math.min(Math.abs(h.hireDate.days), 3000)) } : h.hireDate,
    },
    { ...e, startMonth: { from: 'hire' as const, months: 'from' in e.startMonth ? Math.abs(e.startMonth.months) : 0 } },
  ]);

/**
 * A history of about `size` commands after the set-up, which hires and enrols
 * slots 0 and 1 and sometimes 2 and 3 (the last slot stays unknown). No
 * `chain`: every part shrinks on its own.
 */
export function historyArb(size: number): fc.Arbitrary<History> {
  const chunk = fc.oneof(
    { weight: 10, arbitrary: single.map((c) => [c as HistoryCommand]) },
    { weight: 1, arbitrary: race.map((c) => [c]) },
    { weight: 3, arbitrary: caseRun },
    { weight: 3, arbitrary: caseRunThenContributions },
  );
  return fc
    .record({
      startDay: fc.integer({ min: 0, max: 700 }),
      always: fc.tuple(setUp(0), setUp(1)),
      sometimes: fc.tuple(fc.option(setUp(2), { nil: null }), fc.option(setUp(3), { nil: null })),
      // size 'max': lengths spread over the whole range (the default keeps arrays short whatever maxLength says).
      chunks: fc.array(chunk, { maxLength: Math.max(1, Math.round(size / 5)), size: 'max' }),
    })
    .map(({ startDay, always, sometimes, chunks }) => ({
      startDay,
      commands: [...always.flat(), ...sometimes.flatMap((s) => s ?? []), ...chunks.flat()],
    }));
}
