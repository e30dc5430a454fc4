import { Clock } from '../infrastructure/clock';

/**
 * How late a message may still be enqueued. A reactor replays the log from its
 * checkpoint, and from position 0 when it first runs on an existing log: every
 * reminder of every past case would otherwise go out at once, long after its day
 * (and those of closed cases in the moment before their withdrawal). A service
 * down for a weekend still sends what fell due meanwhile; older ones are dropped,
 * and the after-due reminders still to come carry on.
 */
export const LATE_MESSAGE_GRACE_MS = 3 * 24 * 3_600_000;

/** Keeps the messages due after now minus the grace: the same ids on every replay, fewer when replayed late. */
export function notTooLate<M extends { notBefore: string }>(messages: M[], clock: Clock): M[] {
  const cutoff = new Date(clock().getTime() - LATE_MESSAGE_GRACE_MS).toISOString();
  return messages.filter((m) => m.notBefore >= cutoff);
}
