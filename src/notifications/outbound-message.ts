import { Role } from '../domain/shared/vocabulary';
import { BatchSideWrites } from '../infrastructure/read-store/read-store.port';

/**
 * Who a message is for. Channels are configured per department or org unit (and
 * optionally per role or per person); delivery resolves each audience entry to
 * the channels that serve it.
 * - `role`: everyone acting in the role, narrowed to a department or org unit when given
 *   (a step's assignee; the hr_manager for an escalation).
 * - `actor`: one person by their token subject (the operator whose command was refused).
 * - `channel`: one configured channel by id (a webhook subscription to domain events).
 */
export type Audience =
  | { kind: 'role'; role: Role; department?: string; orgUnit?: string }
  | { kind: 'actor'; actorId: string; department?: string; orgUnit?: string }
  | { kind: 'channel'; channelId: string };

export type MessageKind = 'reminder' | 'escalation' | 'warning' | 'domain_event';

export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * One message to push. Its `id` is the idempotency key: derived from the event
 * that caused it (e.g. `reminder:<caseId>:<step>:<position>:<n>`), so a reactor
 * that replays after a crash enqueues the same ids again and nothing is sent twice.
 * The receiver sees the same key on every attempt (header `Idempotency-Key` or in
 * the body, per channel).
 *
 * Text carries no personal data beyond ids: names and ID numbers never leave in a
 * message, whichever department receives it.
 */
export interface OutboundMessage {
  id: string;
  kind: MessageKind;
  audience: Audience[];
  title: Bilingual;
  text: Bilingual;
  /** Not sent before this instant (ISO 8601 with offset); reminders fall on working days and office hours. */
  notBefore: string;
  /** The case the message is about: delivery is recorded as an event on its stream, for the timeline. */
  caseId?: string;
  employeeId?: string;
  step?: string;
  /** Structured content for machine receivers (generic webhooks): the event, the missing steps, due dates. */
  payload?: Record<string, unknown>;
}

/**
 * Where reactors put what must be pushed. Enqueueing an id already enqueued keeps
 * the first (at-least-once upstream, exactly-once intent); delivery happens
 * elsewhere and never blocks the caller.
 */
export interface Outbox {
  enqueue(messages: OutboundMessage[]): Promise<void>;
  /** Withdraws messages not yet sent whose id starts with the prefix (a step done before its reminder); answers how many. */
  cancelPending(idPrefix: string): Promise<number>;
  /**
   * The same two, made with a reactor's projection batch (its view): committed with its
   * checkpoint, in the order asked, and told to the dispatcher once the batch is committed.
   */
  inBatch(batch: BatchSideWrites): OutboxInBatch;
}

/** An outbox's writes within a reactor's batch (Outbox.inBatch). */
export interface OutboxInBatch {
  enqueue(messages: OutboundMessage[]): void;
  cancelPending(idPrefix: string): void;
}

export const OUTBOX = Symbol('OUTBOX');
