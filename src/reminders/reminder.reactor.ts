import {
  CaseHistoryEntry,
  foldReminders,
  initialReminderFold,
  ReminderContext,
  ReminderFold,
  reminderPlanAfter,
  ScheduleCause,
} from '../domain/notifications/reminder-schedule';
import { IsoDate } from '../domain/shared/calendar';
import { StepKey } from '../domain/shared/vocabulary';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { parseStream } from '../domain/shared/streams';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Outbox } from '../notifications';
import { FoldedCaseDocument, FoldedCases } from '../projections/folded-cases';
import { Projection, ProjectionView } from '../projections/projection';
import { notTooLate } from './late-messages';

/**
 * The facts of a case that may move a step's schedule: every type the offboarding
 * decider knows but the records of notifications (a delivery appends one per message
 * and channel: reacting to each would read the whole stream again for nothing).
 */
const NOTIFICATION_RECORDS: ReadonlySet<string> = new Set(['NotificationSent', 'NotificationFailed']);
const CASE_FACTS: ReadonlySet<string> = new Set(offboardingEvents.types.filter((t) => !NOTIFICATION_RECORDS.has(t)));
const isCaseFact = (type: string) => CASE_FACTS.has(type);
/**
 * The one kind of notification record that plans something: a past-due reminder sent
 * or given up, after which the next one of its schedule is planned (OVERDUE_WINDOW).
 * Told by its id before the stream is read.
 */
const isOverdueReminderRecord = (event: RecordedEvent) =>
  NOTIFICATION_RECORDS.has(event.type) && /:after-\d+$/.test(String((event.data as { messageId?: unknown }).messageId));

/** The reactor's own fold of each open case (reminder-schedule.ts's ReminderFold), its policy kept apart (FoldedCases). */
const REMINDER_CASES = 'reminder_cases';
const REMINDER_CASE_POLICIES = 'reminder_case_policies';

interface StoredFold {
  dues: Partial<Record<StepKey, IsoDate>>;
  scheduledAt: Partial<Record<StepKey, ScheduleCause>>;
}

/** A stored map's entries, keyed by step as they were written. */
const entriesOf = <V>(record: Partial<Record<StepKey, V>>) => Object.entries(record) as Array<[StepKey, V]>;

const folds = new FoldedCases<StoredFold>(REMINDER_CASES, REMINDER_CASE_POLICIES);

/**
 * Reminds each step's assignee of its due date (reminder-schedule.ts decides):
 * on every fact of a case, and on each past-due reminder sent or given up (the next
 * one is planned then), it decides from the case as its facts stood up to that
 * event (never beyond: a replay decides exactly as the first run did), withdraws
 * the pending reminders the fact made stale and enqueues the new ones. Run by the
 * projection runner with its own checkpoint; the withdrawals and the new reminders
 * are written with its batch (Outbox.inBatch), so on SQLite they are committed with
 * the checkpoint, and where a crash comes between them (MongoDB) the replay asks for
 * the same again and the outbox keeps the first of each id. Reminders
 * whose time is long past by the clock are not enqueued (late-messages.ts).
 *
 * The case as folded so far is kept in the reactor's own collection, written with
 * its checkpoint, so it always stands at the checkpoint: reading the case's stream
 * again for every fact was the projection worker's largest cost after its own
 * commits under step commands (17 %). A case with no fold kept (closed since, or
 * folded by nobody: the reactor before its collections existed, which keeps version
 * 1 rather than replaying the whole log's reminders as a new version would) is read
 * from its stream, up to the event, as before.
 */
export function reminderReactor(events: EventStore, outbox: Outbox, context: ReminderContext, clock: Clock): Projection {
  /** The fold of the case's facts before `stored`. */
  async function foldBefore(
    view: ProjectionView,
    caseId: string,
    stored: RecordedEvent,
  ): Promise<{ fold: ReminderFold; doc: FoldedCaseDocument<StoredFold> | null }> {
    const { doc, state } = await folds.load(view, caseId);
    if (doc) return { doc, fold: { state, dues: new Map(entriesOf(doc.dues)), scheduledAt: new Map(entriesOf(doc.scheduledAt)) } };
    const before = stored.revision === 0n ? [] : await events.readStream(stored.stream, { maxCount: Number(stored.revision) });
    return {
      doc: null,
      fold: before
        .filter((e) => isCaseFact(e.type))
        .map(entryOf)
        .reduce(foldReminders, initialReminderFold),
    };
  }

  return {
    name: 'reminders',
    version: 1,
    collections: { [REMINDER_CASES]: [], [REMINDER_CASE_POLICIES]: [] },
    idempotent: true,
    eventTypes: [...CASE_FACTS, ...NOTIFICATION_RECORDS],
    async handle(stored: RecordedEvent, view: ProjectionView): Promise<void> {
      const stream = parseStream(stored.stream);
      if (stream?.kind !== 'offboarding') return;
      const fact = isCaseFact(stored.type);
      if (!fact && !isOverdueReminderRecord(stored)) return;
      const { fold, doc } = await foldBefore(view, stream.caseId, stored);
      const cause = entryOf(stored);
      const plan = reminderPlanAfter(fold, cause, context);
      if (fact) {
        const next = foldReminders(fold, cause);
        // Only open cases are kept: a closed one's rare later facts read its stream.
        if (next.state.status === 'open') {
          folds.keep(view, next.state, { dues: Object.fromEntries(next.dues), scheduledAt: Object.fromEntries(next.scheduledAt) }, doc);
        } else if (doc) {
          view.delete(REMINDER_CASES, stream.caseId);
        }
      }
      // With the batch, committed with the checkpoint: a withdrawal of its own was a quarter of the worker under step commands.
      const out = outbox.inBatch(view);
      for (const prefix of plan.cancel) out.cancelPending(prefix);
      const timely = notTooLate(plan.enqueue, clock);
      if (timely.length > 0) out.enqueue(timely);
    },
  };
}

const entryOf = (e: RecordedEvent): CaseHistoryEntry => ({
  event: offboardingEvents.read(e),
  position: String(e.position),
  recordedAt: recordedAtOf(e),
});

/** Every event the application appends has it; the epoch for one that would not, so that no reminder is dropped as past. */
export const recordedAtOf = (event: RecordedEvent): string =>
  typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : new Date(0).toISOString();
