import { CaseHistoryEntry, reminderPlan, ReminderContext } from '../domain/notifications/reminder-schedule';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { parseStream } from '../domain/shared/streams';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { Outbox } from '../notifications';
import { Projection } from '../projections/projection';
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

/**
 * Reminds each step's assignee of its due date (reminder-schedule.ts decides):
 * on every fact of a case, and on each past-due reminder sent or given up (the next
 * one is planned then), it reads the case's stream up to that event (never
 * beyond: a replay decides exactly as the first run did), withdraws the pending
 * reminders the fact made stale and enqueues the new ones. Run by the projection
 * runner with its own checkpoint; a crash between the outbox and the checkpoint
 * replays the fact, and the outbox keeps the first of each id. Reminders whose
 * time is long past by the clock are not enqueued (late-messages.ts).
 */
export function reminderReactor(events: EventStore, outbox: Outbox, context: ReminderContext, clock: Clock): Projection {
  return {
    name: 'reminders',
    version: 1,
    collections: {},
    idempotent: true,
    eventTypes: [...CASE_FACTS, ...NOTIFICATION_RECORDS],
    async handle(stored: RecordedEvent): Promise<void> {
      if (parseStream(stored.stream)?.kind !== 'offboarding') return;
      if (!isCaseFact(stored.type) && !isOverdueReminderRecord(stored)) return;
      const upToCause = await events.readStream(stored.stream, { maxCount: Number(stored.revision) + 1 });
      const history: CaseHistoryEntry[] = upToCause
        .filter((e) => isCaseFact(e.type) || e.revision === stored.revision)
        .map((e) => ({ event: offboardingEvents.read(e), position: String(e.position), recordedAt: recordedAtOf(e) }));
      const plan = reminderPlan(history, context);
      for (const prefix of plan.cancel) await outbox.cancelPending(prefix);
      const timely = notTooLate(plan.enqueue, clock);
      if (timely.length > 0) await outbox.enqueue(timely);
    },
  };
}

/** Every event the application appends has it; the epoch for one that would not, so that no reminder is dropped as past. */
export const recordedAtOf = (event: RecordedEvent): string =>
  typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : new Date(0).toISOString();
