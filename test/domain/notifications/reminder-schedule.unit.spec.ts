import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { CaseHistoryEntry, reminderPlan, ReminderPlan } from '../../../src/domain/notifications/reminder-schedule';
import { WorkflowPolicy } from '../../../src/domain/policy/policy';
import { businessDateOf } from '../../../src/domain/shared/business-day';
import { statutoryHolidays } from '../../../src/domain/shared/statutory-holidays';
import { WorkingDayCalendar, weekdaysOnly, workingDayCalendar } from '../../../src/domain/shared/working-days';
import { StepKey } from '../../../src/domain/shared/vocabulary';
import { defaultPolicy, manager, opened, perform, specialist } from '../offboarding/fixtures';
import { LUNAR_2027 } from '../shared/holidays-2027';
import { NATIONAL_DAY_2026 } from '../shared/national-day-2026';

const OFFICE = { timeZone: 'Asia/Shanghai', hour: 9 };

/** The case's events as the log holds them: positions 10, 11, …, each recorded at `recordedAt` unless the entry says. */
function history(events: Array<OffboardingEvent | [OffboardingEvent, string]>, recordedAt = '2026-09-01T02:00:00Z'): CaseHistoryEntry[] {
  return events.map((e, i) => {
    const [event, at] = Array.isArray(e) ? e : [e, recordedAt];
    return { event, position: String(10 + i), recordedAt: at };
  });
}

/** Given the case's past events, when the last one is recorded, then this plan. */
const given = (past: OffboardingEvent[], calendar: WorkingDayCalendar = NATIONAL_DAY_2026) => ({
  when: (event: OffboardingEvent, recordedAt?: string): ReminderPlan =>
    reminderPlan(history([...past, recordedAt ? [event, recordedAt] : event]), { calendar, officeHours: OFFICE }),
});

const onDay = (plan: ReminderPlan, step: StepKey) =>
  Object.fromEntries(
    plan.enqueue
      .filter((m) => m.step === step)
      .map((m) => [m.id.split(':').at(-1), businessDateOf(new Date(m.notBefore), OFFICE.timeZone)]),
  );

/** A Shanghai resignation whose last working day is Wed 2026-09-30, the eve of National Day. */
const eveOfNationalDay = (policy: WorkflowPolicy = defaultPolicy('shanghai', 'enterprise_regular')) => openedOn('2026-09-30', policy);

/** A case opened on Sep 1 of the last working day's year (the decider's 90-day horizon is about today, which the fixtures fix in 2025). */
function openedOn(lastWorkingDay: string, policy: WorkflowPolicy = defaultPolicy('shanghai', 'enterprise_regular')): OffboardingEvent {
  const event = opened({ policy, reason: 'resignation' });
  const openedAt = `${lastWorkingDay.slice(0, 4)}-09-01`;
  return { ...event, effectiveDate: openedAt, data: { ...event.data, lastWorkingDay, openedAt } };
}

describe('reminder schedule', () => {
  describe('when a case is opened on the eve of National Day 2026', () => {
    const plan = given([]).when(eveOfNationalDay());

    it('reminds the approval 3 working days before its due date, skipping Mid-autumn (Fri Sep 25) and the weekend', () => {
      expect(onDay(plan, 'approval')).toMatchObject({ 'before-3': '2026-09-24', due: '2026-09-30' });
    });

    it('reminds it past due every 2 working days after the holiday, the 调休 Saturday counting: Oct 9, then Oct 12', () => {
      expect(onDay(plan, 'approval')).toMatchObject({ 'after-1': '2026-10-09', 'escalation-1': '2026-10-09', 'after-2': '2026-10-12' });
    });

    it('sends before-due and due reminders to the assignee, escalations to the hr_manager of its department', () => {
      const approval = plan.enqueue.filter((m) => m.step === 'approval');
      const due = approval.find((m) => m.id.endsWith(':due'))!;
      expect(due.audience).toEqual([{ kind: 'role', role: 'hr_manager', department: 'hr' }]);
      const handoverEscalation = plan.enqueue.find((m) => m.step === 'handover' && m.id.endsWith(':escalation-1'))!;
      expect(handoverEscalation.kind).toBe('escalation');
      expect(handoverEscalation.audience).toEqual([{ kind: 'role', role: 'hr_manager', department: 'hr' }]);
      const handoverDue = plan.enqueue.find((m) => m.step === 'handover' && m.id.endsWith(':due'))!;
      expect(handoverDue.audience).toEqual([{ kind: 'role', role: 'hr_specialist', department: 'hr' }]);
    });

    it('puts every reminder at 09:00 in Shanghai (01:00 UTC), with ids from the opening event', () => {
      for (const message of plan.enqueue) {
        expect(message.notBefore).toMatch(/T01:00:00\.000Z$/);
        expect(message.id).toMatch(new RegExp(`^reminder:K1:${message.step}:10:`));
      }
    });

    it('writes zh and en with ids only, no name', () => {
      const due = plan.enqueue.find((m) => m.id === 'reminder:K1:approval:10:due')!;
      expect(due.text.zh).toBe('离职案件 K1（员工 E1001）的「离职审批」今日到期（2026-09-30）。');
      expect(due.text.en).toBe('"offboarding approval" of offboarding case K1 (employee E1001) is due today (2026-09-30).');
      expect(due.payload).toMatchObject({ calendar: 'published', dueDate: '2026-09-30' });
    });

    it('with weekdays only, the same reminders would fall on the holidays', () => {
      const weekdays = given([], weekdaysOnly).when(eveOfNationalDay());
      expect(onDay(weekdays, 'approval')).toMatchObject({ 'before-3': '2026-09-25', 'after-1': '2026-10-02' });
    });
  });

  describe('past due, a window of reminders at a time (OVERDUE_WINDOW)', () => {
    const open = eveOfNationalDay();
    const record = (type: 'NotificationSent' | 'NotificationFailed', messageId: string): OffboardingEvent => {
      const base = {
        messageId,
        kind: 'reminder' as const,
        channelId: 'ch1',
        channelType: 'webhook' as const,
        step: 'approval' as const,
        audience: [],
        attempt: 1,
      };
      return type === 'NotificationSent'
        ? { type, data: { ...base, sentAt: '2026-10-09T01:00:05Z' } }
        : { type, data: { ...base, failedAt: '2026-10-12T03:00:00Z', error: 'HTTP 500' } };
    };
    const overdue = (plan: ReminderPlan, step: StepKey = 'approval') =>
      Object.keys(onDay(plan, step)).filter((slot) => /^(after|escalation)-/.test(slot));

    it('when the case opens, plans the first two past-due reminders of each step and their escalations, not all ten', () => {
      const plan = given([]).when(open);
      expect(overdue(plan).sort()).toEqual(['after-1', 'after-2', 'escalation-1', 'escalation-2']);
      expect(plan.enqueue.filter((m) => m.id.includes(':after-')).length).toBe(2 * new Set(plan.enqueue.map((m) => m.step)).size);
    });

    it('when the first is sent, plans the third on its working day (Oct 14, two after Oct 12), and withdraws nothing', () => {
      const plan = given([open]).when(record('NotificationSent', 'reminder:K1:approval:10:after-1'));
      expect(plan.cancel).toEqual([]);
      expect(onDay(plan, 'approval')).toEqual({ 'after-3': '2026-10-14', 'escalation-3': '2026-10-14' });
      expect(plan.enqueue.every((m) => m.id.startsWith('reminder:K1:approval:10:'))).toBe(true);
    });

    it('when one is given up after its last attempt, plans the next all the same', () => {
      const plan = given([open]).when(record('NotificationFailed', 'reminder:K1:approval:10:after-2'));
      expect(Object.keys(onDay(plan, 'approval'))).toEqual(['after-4', 'escalation-4']);
    });

    it('marks the tenth as the last, and plans nothing after it', () => {
      const ninth = given([open]).when(record('NotificationSent', 'reminder:K1:approval:10:after-8'));
      const tenth = ninth.enqueue.find((m) => m.id.endsWith(':after-10'))!;
      expect(tenth.text.en).toContain('This is the last reminder');
      expect(given([open]).when(record('NotificationSent', 'reminder:K1:approval:10:after-9')).enqueue).toEqual([]);
      expect(given([open]).when(record('NotificationSent', 'reminder:K1:approval:10:after-10')).enqueue).toEqual([]);
    });

    it('plans nothing after a before-due, due or escalation message, a warning, or a reminder of another schedule', () => {
      for (const id of [
        'reminder:K1:approval:10:before-3',
        'reminder:K1:approval:10:due',
        'reminder:K1:approval:10:escalation-1',
        'warning:K1:42',
        'reminder:K1:approval:9:after-1',
      ]) {
        expect(given([open]).when(record('NotificationSent', id))).toEqual({ cancel: [], enqueue: [] });
      }
    });

    it('plans nothing for a step done meanwhile, nor on a closed case', () => {
      const done = offboardingDecider.decide(
        perform('approval', { actor: manager, effectiveDate: '2026-10-10', today: '2026-10-10' }),
        offboardingDecider.evolve(offboardingDecider.initialState, open),
      );
      expect(given([open, ...done]).when(record('NotificationSent', 'reminder:K1:approval:10:after-1')).enqueue).toEqual([]);
      const cancelled: OffboardingEvent = { type: 'OffboardingCaseCancelled', data: { note: 'withdrawn', by: manager } };
      expect(given([open, cancelled]).when(record('NotificationSent', 'reminder:K1:handover:10:after-1')).enqueue).toEqual([]);
    });

    it('numbers the series as the schedule did when it was set late: a case opened past due starts where it stood', () => {
      const late = given([]).when(open, '2026-10-13T03:00:00Z');
      expect(Object.keys(onDay(late, 'approval')).filter((k) => k.startsWith('after-'))).toEqual(['after-3', 'after-4']);
      const next = reminderPlan(history([[open, '2026-10-13T03:00:00Z'], record('NotificationSent', 'reminder:K1:approval:10:after-3')]), {
        calendar: NATIONAL_DAY_2026,
        officeHours: OFFICE,
      });
      expect(Object.keys(onDay(next, 'approval'))).toEqual(['after-5', 'escalation-5']);
    });
  });

  describe('when a step overrides the policy to remind every 3 working days past due', () => {
    it('the first lands on the 调休 Saturday, Oct 10', () => {
      const policy = defaultPolicy('shanghai', 'enterprise_regular');
      const changed: WorkflowPolicy = {
        ...policy,
        steps: policy.steps.map((s) => (s.key === 'handover' ? { ...s, reminders: { before: [], onDue: false, after: { every: 3 } } } : s)),
      };
      const plan = given([]).when(eveOfNationalDay(changed));
      expect(onDay(plan, 'handover')).toEqual(expect.objectContaining({ 'after-1': '2026-10-10', 'after-2': '2026-10-14' }));
      expect(plan.enqueue.filter((m) => m.step === 'handover' && m.kind === 'escalation')).toEqual([]);
      expect(plan.enqueue.filter((m) => m.step === 'handover' && !m.id.includes(':after-'))).toEqual([]);
    });
  });

  describe('when a case due on Wed Sep 23 is opened', () => {
    it('the reminder 3 working days before falls on the 调休 Sunday, Sep 20', () => {
      const event = openedOn('2026-09-23');
      expect(onDay(given([]).when(event), 'approval')).toMatchObject({ 'before-3': '2026-09-20' });
    });
  });

  describe('when a case is opened after some reminder times have passed', () => {
    it('plans only those still to come', () => {
      const plan = given([]).when(eveOfNationalDay(), '2026-09-29T03:00:00Z');
      expect(Object.keys(onDay(plan, 'approval'))).not.toContain('before-3');
      expect(onDay(plan, 'approval')).toMatchObject({ due: '2026-09-30' });
    });
  });

  describe('given an open case', () => {
    const open = eveOfNationalDay();

    it('when the approval is done, its reminders are withdrawn and nothing is added', () => {
      const done = offboardingDecider.decide(
        perform('approval', { actor: manager, effectiveDate: '2026-09-02', today: '2026-09-02' }),
        offboardingDecider.evolve(offboardingDecider.initialState, open),
      );
      expect(given([open]).when(done[0])).toEqual({ cancel: ['reminder:K1:approval:10:'], enqueue: [] });
    });

    it('when the case is cancelled, every reminder of the case is withdrawn', () => {
      const cancelled: OffboardingEvent = { type: 'OffboardingCaseCancelled', data: { note: 'withdrawn', by: manager } };
      expect(given([open]).when(cancelled)).toEqual({ cancel: ['reminder:K1:'], enqueue: [] });
    });

    it('when 退工 registers a later termination date, the steps it moves get a new schedule and the old one is withdrawn', () => {
      const state = [open].reduce(offboardingDecider.evolve, offboardingDecider.initialState);
      let past: OffboardingEvent[] = [open];
      let current = state;
      for (const command of [
        perform('approval', { actor: manager, effectiveDate: '2026-09-02', today: '2026-09-02' }),
        perform('handover', { actor: specialist, effectiveDate: '2026-09-02', today: '2026-09-02' }),
        perform('si_transfer_out', { action: 'request', actor: specialist, effectiveDate: '2026-09-03', today: '2026-09-03' }),
        perform('si_transfer_out', {
          data: { lastPaidMonth: '2026-09' },
          actor: specialist,
          effectiveDate: '2026-09-04',
          today: '2026-09-04',
        }),
      ]) {
        const events = offboardingDecider.decide(command, current);
        current = events.reduce(offboardingDecider.evolve, current);
        past = [...past, ...events];
      }
      const [registered] = offboardingDecider.decide(
        perform('labor_termination', {
          data: { terminationDate: '2026-10-09' },
          actor: specialist,
          effectiveDate: '2026-09-05',
          today: '2026-09-05',
        }),
        current,
      );
      const plan = given(past).when(registered);
      const at = String(10 + past.length);
      // housing fund (30 days after termination) moves from Oct 30 to Nov 8; its old schedule was set when the case opened (position 10).
      expect(plan.cancel).toContain('reminder:K1:housing_fund_transfer:10:');
      expect(plan.enqueue.some((m) => m.id.startsWith(`reminder:K1:housing_fund_transfer:${at}:`))).toBe(true);
      // 退工 itself is done: all of its reminders go.
      expect(plan.cancel).toContain('reminder:K1:labor_termination:10:');
      // A past-due reminder of the withdrawn schedule, sent before its withdrawal, plans no successor; one of the new schedule does.
      const sent = (messageId: string): OffboardingEvent => ({
        type: 'NotificationSent',
        data: {
          messageId,
          kind: 'reminder',
          channelId: 'c',
          channelType: 'webhook',
          step: 'housing_fund_transfer',
          audience: [],
          attempt: 1,
          sentAt: '2026-11-20T01:00:00Z',
        },
      });
      expect(given([...past, registered]).when(sent('reminder:K1:housing_fund_transfer:10:after-1')).enqueue).toEqual([]);
      const next = given([...past, registered])
        .when(sent(`reminder:K1:housing_fund_transfer:${at}:after-1`))
        .enqueue.map((m) => m.id);
      expect(next).toEqual([`reminder:K1:housing_fund_transfer:${at}:after-3`, `reminder:K1:housing_fund_transfer:${at}:escalation-3`]);
    });

    it('when the 减员 is filed, its reminders are withdrawn; when the bureau returns it (退单), it is reminded again from the return', () => {
      let state = offboardingDecider.evolve(offboardingDecider.initialState, open);
      const past: OffboardingEvent[] = [open];
      const play = (command: Parameters<typeof offboardingDecider.decide>[0]) => {
        const events = offboardingDecider.decide(command, state);
        state = events.reduce(offboardingDecider.evolve, state);
        return events;
      };
      past.push(...play(perform('approval', { actor: manager, effectiveDate: '2026-09-02', today: '2026-09-02' })));
      const [requested] = play(
        perform('si_transfer_out', { action: 'request', actor: specialist, effectiveDate: '2026-09-03', today: '2026-09-03' }),
      );
      expect(given(past).when(requested)).toEqual({ cancel: ['reminder:K1:si_transfer_out:10:'], enqueue: [] });
      past.push(requested);
      const [rejected] = play(
        perform('si_transfer_out', {
          action: 'reject',
          note: '材料不全',
          actor: specialist,
          effectiveDate: '2026-09-04',
          today: '2026-09-04',
        }),
      );
      const plan = given(past).when(rejected);
      expect(plan.cancel).toEqual([]);
      expect(plan.enqueue.map((m) => m.id)).toContain('reminder:K1:si_transfer_out:13:due');
    });

    it('plans the same ids when the same history is replayed', () => {
      const first = given([]).when(open);
      expect(given([]).when(open)).toEqual(first);
    });
  });

  describe('when a date falls in a year with no published holidays', () => {
    it('uses weekdays and says so in the text and payload', () => {
      const event = openedOn('2027-03-31');
      const plan = given([]).when(event, '2027-01-04T02:00:00Z');
      const due = plan.enqueue.find((m) => m.id.endsWith('approval:10:due'))!;
      expect(due.text.zh).toContain('2027 年节假日安排未发布');
      expect(due.text.en).toContain('public holidays for 2027 are not published');
      expect(due.payload).toMatchObject({ calendar: 'weekdays' });
    });
  });

  describe('when a date falls in a year whose notice is not out but whose statutory holidays are known', () => {
    /** 2026 published (no holidays near the new year); 2027 only as the law fixes it. */
    const statutory2027 = workingDayCalendar({
      holidays: new Set(),
      makeUpWorkingDays: new Set(),
      years: { from: 2026, to: 2026 },
      statutory: (year) => (year === 2027 ? statutoryHolidays(2027, LUNAR_2027) : undefined),
    });

    it("skips New Year's Day 2027 when counting working days back from the due date, and says how it counted", () => {
      const plan = given([], statutory2027).when(openedOn('2027-01-05'), '2026-12-01T02:00:00Z');
      expect(onDay(plan, 'approval')).toMatchObject({ 'before-3': '2026-12-30', due: '2027-01-05' });
      const due = plan.enqueue.find((m) => m.id.endsWith('approval:10:due'))!;
      expect(due.text.zh).toContain('工作日按周一至周五除去法定节假日计算，调休未计');
      expect(due.text.en).toContain('less the statutory holidays');
      expect(due.payload).toMatchObject({ calendar: 'statutory' });
    });

    it('counts Monday to Friday without them (the calendar before them)', () => {
      const plan = given([], weekdaysOnly).when(openedOn('2027-01-05'), '2026-12-01T02:00:00Z');
      expect(onDay(plan, 'approval')).toMatchObject({ 'before-3': '2026-12-31' });
    });
  });
});
