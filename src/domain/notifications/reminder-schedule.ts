import { offboardingDecider, transferStatus } from '../offboarding/offboarding.decider';
import { OffboardingEvent } from '../offboarding/offboarding.events';
import { OffboardingCase, OffboardingState } from '../offboarding/offboarding.state';
import { assigneeOf } from '../policy/assignee';
import { dueDate } from '../policy/due-dates';
import { Assignee, ReminderRule, StepDefinition, WorkflowPolicy } from '../policy/policy';
import { startOfBusinessDay } from '../shared/business-day';
import { IsoDate } from '../shared/calendar';
import { StepKey } from '../shared/vocabulary';
import { WorkingDayCalendar } from '../shared/working-days';
import { OfficeHours, PlannedAudience, PlannedMessage, unpublishedYearsNote } from './planned-message';

/**
 * Reminders of an offboarding case's steps (节点提醒), decided from the case's
 * events alone: no clock, no read model. For every open step with a due date:
 * `before` working days ahead and on the due day to the step's assignee, then
 * every `after.every` working days past it to the assignee again, with an
 * escalation to `after.escalateTo` (the hr_manager) of the step's department.
 * Each at the start of office hours on a working day in China (holidays and 调休
 * make-up days from the calendar).
 *
 * Ids are `reminder:<caseId>:<step>:<position>:<slot>`, where position is that of
 * the event that set the step's schedule: replaying the log plans the same ids,
 * and a later event that moves the due date withdraws exactly the older ones.
 */

/** When a policy says nothing (published before reminders existed): the shipped default, as default-policies.ts sets it. */
export const FALLBACK_REMINDERS: ReminderRule = { before: [3], onDue: true, after: { every: 2, escalateTo: 'hr_manager' } };

/** Past-due reminders of one schedule: about a month at every 2 working days; the case is the hr_manager's by then. */
export const MAX_OVERDUE_REMINDERS = 10;
/**
 * Past-due reminders in the outbox at a time. The next is planned when the one
 * OVERDUE_WINDOW before it has been sent or given up (its NotificationSent or
 * NotificationFailed on the case), not all ten when the schedule is set: an open
 * case then holds about a third of the messages (bench:reminders), and a step done
 * meanwhile has little to withdraw.
 */
export const OVERDUE_WINDOW = 2;

export const reminderRuleOf = (policy: WorkflowPolicy, step: StepDefinition): ReminderRule =>
  step.reminders ?? policy.reminders ?? FALLBACK_REMINDERS;

/** The prefix of every reminder of a case, or of one of its steps: what cancelPending withdraws. */
export const caseRemindersPrefix = (caseId: string) => `reminder:${caseId}:`;
export const stepRemindersPrefix = (caseId: string, step: StepKey, position?: string) =>
  `reminder:${caseId}:${step}:${position === undefined ? '' : `${position}:`}`;

/** One event of the case's stream with what the log says of it. */
export interface CaseHistoryEntry {
  event: OffboardingEvent;
  /** The global log position, as a decimal string. */
  position: string;
  /** metadata.recordedAt: when the system learned it (ISO 8601). */
  recordedAt: string;
}

export interface ReminderContext {
  calendar: WorkingDayCalendar;
  officeHours: OfficeHours;
}

/** What to do after an event: withdraw the pending reminders under these prefixes, then enqueue these. */
export interface ReminderPlan {
  cancel: string[];
  enqueue: PlannedMessage[];
}

/**
 * The due dates to remind of: steps not done, with a date; a filing the bureau has
 * in hand (the transfer-out requested, 减员 filed) waits for the bureau, not for the
 * assignee, and is reminded again only if it comes back (退单). A step's schedule
 * depends on its due date only: assignee and rule are pinned with the policy.
 */
function dueDatesOf(state: OffboardingState): Map<StepKey, IsoDate> {
  const dues = new Map<StepKey, IsoDate>();
  if (state.status !== 'open') return dues;
  const context = { lastWorkingDay: state.lastWorkingDay, terminationDate: state.terminationDate, parameters: state.policy.parameters };
  for (const step of state.policy.steps) {
    if (state.done[step.key] !== undefined) continue;
    if (step.actions === 'request_complete_reject' && transferStatus(state) === 'requested') continue;
    const due = dueDate(step.due, context);
    if (due !== null) dues.set(step.key, due);
  }
  return dues;
}

/** The event that set a step's current schedule: its position (in the reminders' ids) and when it was recorded. */
export type ScheduleCause = Pick<CaseHistoryEntry, 'position' | 'recordedAt'>;

/**
 * What a case's facts so far say of its reminders: the case, each step's due date,
 * and the event that set each step's schedule. Folded one fact at a time, so that a
 * reactor may keep it between events instead of reading the case again for each.
 */
export interface ReminderFold {
  state: OffboardingState;
  dues: ReadonlyMap<StepKey, IsoDate>;
  scheduledAt: ReadonlyMap<StepKey, ScheduleCause>;
}

export const initialReminderFold: ReminderFold = { state: offboardingDecider.initialState, dues: new Map(), scheduledAt: new Map() };

/** The fold after one more fact of the case (not a notification record: those move no schedule). */
export function foldReminders(fold: ReminderFold, entry: CaseHistoryEntry): ReminderFold {
  const state = offboardingDecider.evolve(fold.state, entry.event);
  const dues = dueDatesOf(state);
  const scheduledAt = new Map(fold.scheduledAt);
  for (const [step, due] of dues)
    if (fold.dues.get(step) !== due) scheduledAt.set(step, { position: entry.position, recordedAt: entry.recordedAt });
  return { state, dues, scheduledAt };
}

/**
 * The reminders to withdraw and to enqueue because of the last event of `history`
 * (the case's stream up to and including it): steps done or closed lose theirs,
 * steps whose due date appeared or moved get a new schedule. The same history
 * always gives the same plan.
 */
export function reminderPlan(history: CaseHistoryEntry[], context: ReminderContext): ReminderPlan {
  if (history.length === 0) return { cancel: [], enqueue: [] };
  return reminderPlanAfter(history.slice(0, -1).reduce(foldReminders, initialReminderFold), history.at(-1)!, context);
}

/** reminderPlan of a history given as the fold of all but its last event, and that event (`cause`). */
export function reminderPlanAfter(fold: ReminderFold, cause: CaseHistoryEntry, context: ReminderContext): ReminderPlan {
  const { state, dues, scheduledAt } = fold;
  if (cause.event.type === 'NotificationSent' || cause.event.type === 'NotificationFailed') {
    return { cancel: [], enqueue: nextOverdue(fold, cause.event.data.messageId, context) };
  }
  const before = state;
  const after = offboardingDecider.evolve(before, cause.event);
  const next = dueDatesOf(after);
  const plan: ReminderPlan = { cancel: [], enqueue: [] };
  if (before.status === 'open' && after.status !== 'open') {
    plan.cancel.push(caseRemindersPrefix(before.caseId));
    return plan;
  }
  if (after.status !== 'open') return plan;
  for (const [step, due] of dues) {
    if (next.get(step) === due) continue;
    // Done, filed or moved: withdraw the old schedule's reminders only, never a newer one's, so that replaying
    // this event after a later one rescheduled the step cannot withdraw what that one enqueued.
    plan.cancel.push(stepRemindersPrefix(after.caseId, step, scheduledAt.get(step)?.position));
  }
  for (const [step, due] of next) {
    if (dues.get(step) === due) continue;
    const definition = after.policy.steps.find((s) => s.key === step)!;
    plan.enqueue.push(...stepReminders(after, definition, due, cause, context));
  }
  return plan;
}

/** The reminders of one step due on `due`, from the event `cause` on: those whose time is already past are not planned. */
export function stepReminders(
  c: OffboardingCase,
  step: StepDefinition,
  due: IsoDate,
  cause: Pick<CaseHistoryEntry, 'position' | 'recordedAt'>,
  { calendar, officeHours }: ReminderContext,
  /** Only this past-due slot (its reminder and escalation), planned when the one OVERDUE_WINDOW before it went out. */
  onlyOverdue?: number,
): PlannedMessage[] {
  const rule = reminderRuleOf(c.policy, step);
  const assignee = assigneeOf(step);
  const idOf = (slot: string) => `${stepRemindersPrefix(c.caseId, step.key, cause.position)}${slot}`;
  const at = (date: IsoDate) => officeHour(date, officeHours);
  const future = (date: IsoDate) => at(date) > new Date(cause.recordedAt).toISOString();
  // A due date on a day off is reminded on the last working day before it: nobody reads a reminder on a holiday.
  const lastWorkingDay = calendar.isWorkingDay(due) ? due : calendar.addWorkingDays(due, -1);
  const base = { caseId: c.caseId, employeeId: c.employeeId, step: step.key, title: step.title, due, assignee };
  const messages: PlannedMessage[] = [];
  const add = (message: Omit<PlannedMessage, 'notBefore'>, date: IsoDate) => {
    if (!future(date)) return;
    const unpublished = [due, date]
      .map((d) => ({ year: d.slice(0, 4), coverage: calendar.coverage(d) }))
      .filter((d) => d.coverage !== 'published');
    const statutory = unpublished.every((d) => d.coverage === 'statutory');
    const note = unpublishedYearsNote([...new Set(unpublished.map((d) => d.year))], statutory);
    messages.push({
      ...message,
      notBefore: at(date),
      text: note ? { zh: `${message.text.zh}${note.zh}`, en: `${message.text.en} ${note.en}` } : message.text,
      payload: { ...message.payload, remindOn: date, calendar: note ? (statutory ? 'statutory' : 'weekdays') : 'published' },
    });
  };

  if (onlyOverdue === undefined) {
    for (const days of [...rule.before].sort((a, b) => b - a)) {
      add(reminder(base, idOf(`before-${days}`), { kind: 'before', days }), calendar.addWorkingDays(lastWorkingDay, -days));
    }
    if (rule.onDue) add(reminder(base, idOf('due'), { kind: 'due' }), lastWorkingDay);
  }
  if (rule.after) {
    const { every, escalateTo } = rule.after;
    const slots = overdueSlots(due, every, future, calendar);
    for (const [index, { n, date }] of slots.entries()) {
      if (onlyOverdue === undefined ? index >= OVERDUE_WINDOW : n !== onlyOverdue) continue;
      add(reminder(base, idOf(`after-${n}`), { kind: 'after', days: every * n, last: index === slots.length - 1 }), date);
      if (escalateTo) add(escalation(base, idOf(`escalation-${n}`), escalateTo, every * n), date);
    }
  }
  return messages;
}

/**
 * The past-due dates of one schedule: every `every` working days after the due
 * date, numbered from it (n), the first MAX_OVERDUE_REMINDERS still ahead when the
 * schedule was set. Bounded: a case far overdue when it opened skips the reminders
 * already past, not for ever. Each date is counted on from the one before (not from
 * the due date again): counting from the due date every time made a case opened
 * long after its due dates cost hundreds of thousands of calendar look-ups.
 */
function overdueSlots(
  due: IsoDate,
  every: number,
  future: (date: IsoDate) => boolean,
  calendar: WorkingDayCalendar,
): Array<{ n: number; date: IsoDate }> {
  const slots: Array<{ n: number; date: IsoDate }> = [];
  let date = due;
  for (let n = 1; slots.length < MAX_OVERDUE_REMINDERS && n <= 500; n += 1) {
    date = calendar.addWorkingDays(date, every);
    if (future(date)) slots.push({ n, date });
  }
  return slots;
}

const OVERDUE_ID = /^reminder:[^:]+:([a-z_]+):(\d+):after-(\d+)$/;

/**
 * After a past-due reminder was sent or given up: the one OVERDUE_WINDOW further
 * on in the same schedule, if the schedule still stands (the step not done, its due
 * date unmoved) and has one. Any other message (before, due, escalation, warning,
 * or a reminder of a withdrawn schedule) plans nothing. Decided from the case's
 * events alone, like the rest: the series and its numbers are those the schedule's
 * own event planned from.
 */
function nextOverdue({ state, dues, scheduledAt }: ReminderFold, messageId: string, context: ReminderContext): PlannedMessage[] {
  const match = OVERDUE_ID.exec(messageId);
  if (!match || state.status !== 'open') return [];
  const [, step, position, sent] = match as unknown as [string, StepKey, string, string];
  const due = dues.get(step);
  const setBy = scheduledAt.get(step);
  if (due === undefined || setBy?.position !== position) return [];
  const definition = state.policy.steps.find((s) => s.key === step);
  const every = definition && reminderRuleOf(state.policy, definition).after?.every;
  if (!definition || !every) return [];
  const future = (date: IsoDate) => officeHour(date, context.officeHours) > new Date(setBy.recordedAt).toISOString();
  const slots = overdueSlots(due, every, future, context.calendar);
  const index = slots.findIndex((slot) => slot.n === Number(sent));
  const next = index < 0 ? undefined : slots[index + OVERDUE_WINDOW];
  if (!next) return [];
  return stepReminders(state, definition, due, setBy, context, next.n);
}

/** The start of office hours on a business date, as an ISO instant. */
export function officeHour(date: IsoDate, { timeZone, hour }: OfficeHours): string {
  return new Date(startOfBusinessDay(date, timeZone).getTime() + hour * 3_600_000).toISOString();
}

interface StepBase {
  caseId: string;
  employeeId: string;
  step: StepKey;
  title: { zh: string; en: string };
  due: IsoDate;
  assignee: Assignee;
}

type When = { kind: 'before'; days: number } | { kind: 'due' } | { kind: 'after'; days: number; last: boolean };

const assigneeAudience = ({ role, department }: Assignee): PlannedAudience =>
  department === undefined ? { kind: 'role', role } : { kind: 'role', role, department };

const assigneeLabel = ({ role, department }: Assignee) => (department ? `${role} (${department})` : role);

/** Ids only, never a name: whoever receives it looks the case up with their own rights. */
function reminder(base: StepBase, id: string, when: When): Omit<PlannedMessage, 'notBefore'> {
  const subject = {
    zh: `离职案件 ${base.caseId}（员工 ${base.employeeId}）的「${base.title.zh}」`,
    en: `"${base.title.en}" of offboarding case ${base.caseId} (employee ${base.employeeId})`,
  };
  const said =
    when.kind === 'before'
      ? {
          zh: `${subject.zh}将于 ${base.due} 到期，还有 ${when.days} 个工作日。`,
          en: `${subject.en} is due on ${base.due}, in ${when.days} working day${when.days === 1 ? '' : 's'}.`,
        }
      : when.kind === 'due'
        ? { zh: `${subject.zh}今日到期（${base.due}）。`, en: `${subject.en} is due today (${base.due}).` }
        : {
            zh: `${subject.zh}已逾期 ${when.days} 个工作日（到期日 ${base.due}），请尽快办理。${when.last ? '此为最后一次提醒，后续由部门经理督办。' : ''}`,
            en: `${subject.en} is ${when.days} working day${when.days === 1 ? '' : 's'} overdue (due ${base.due}); please do it now.${when.last ? ' This is the last reminder; the manager follows it up from here.' : ''}`,
          };
  return {
    id,
    kind: 'reminder',
    audience: [assigneeAudience(base.assignee)],
    title: {
      zh: when.kind === 'after' ? `逾期提醒：${base.title.zh}` : `到期提醒：${base.title.zh}`,
      en: when.kind === 'after' ? `Overdue: ${base.title.en}` : `Due soon: ${base.title.en}`,
    },
    text: said,
    caseId: base.caseId,
    employeeId: base.employeeId,
    step: base.step,
    payload: { dueDate: base.due, when: when.kind, workingDays: when.kind === 'due' ? 0 : when.days, assignee: base.assignee },
  };
}

function escalation(base: StepBase, id: string, to: Assignee['role'], days: number): Omit<PlannedMessage, 'notBefore'> {
  const department = base.assignee.department;
  return {
    id,
    kind: 'escalation',
    audience: [department === undefined ? { kind: 'role', role: to } : { kind: 'role', role: to, department }],
    title: { zh: `逾期督办：${base.title.zh}`, en: `Escalation: ${base.title.en} overdue` },
    text: {
      zh: `离职案件 ${base.caseId}（员工 ${base.employeeId}）的「${base.title.zh}」已逾期 ${days} 个工作日（到期日 ${base.due}），经办：${assigneeLabel(base.assignee)}。请督办。`,
      en: `"${base.title.en}" of offboarding case ${base.caseId} (employee ${base.employeeId}) is ${days} working day${days === 1 ? '' : 's'} overdue (due ${base.due}); assigned to ${assigneeLabel(base.assignee)}. Please follow it up.`,
    },
    caseId: base.caseId,
    employeeId: base.employeeId,
    step: base.step,
    payload: { dueDate: base.due, when: 'after', workingDays: days, assignee: base.assignee, escalatedTo: to },
  };
}
