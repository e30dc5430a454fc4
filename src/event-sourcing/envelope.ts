import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { DomainEvent } from '../domain/decider';
import { EventToAppend, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { hashEvent } from './hash-chain';
import { businessDate } from '../infrastructure/business-day';

/** Who caused an event, as taken from the token (sub and role). */
export interface Actor {
  id: string;
  role: string;
}

/**
 * What the application knows about the command an event comes from; the
 * envelope's metadata (docs/DESIGN.md, Events) is built from it.
 */
export interface CommandContext {
  actor: Actor;
  /** When the system learned it: the application's clock, never the domain's. */
  recordedAt: Date;
  /** Business date (YYYY-MM-DD) when it happened in the world; defaults to the recorded day. */
  effectiveDate?: string;
  correlationId: string;
  causationId?: string;
  source: 'api' | 'import' | 'process-manager' | 'system';
  /**
   * A client's key for one logical command: event ids derive from it, so a retried
   * request finds its own events instead of writing them twice.
   */
  idempotencyKey?: string;
  /**
   * A digest of the request that chose the key (http/idempotency-scope.ts), written
   * on the first event each stream gets from the command: a later request under the
   * same key is a retry only when it matches (else IdempotencyKeyReusedError).
   */
  requestFingerprint?: string;
  /** Where the fact came from beyond the request, e.g. an import's file hash and row: kept in the metadata. */
  origin?: Record<string, string | number>;
}

export interface EventMetadata {
  actor: Actor;
  recordedAt: string;
  effectiveDate: string;
  correlationId: string;
  causationId: string;
  source: string;
  origin?: Record<string, string | number>;
  requestFingerprint?: string;
  prevHash: string | null;
  hash: string;
}

/** A domain event may carry its own business date (a contribution for March recorded in May). */
export type EmittedEvent = DomainEvent & { effectiveDate?: string };

const IDEMPOTENCY_NAMESPACE = '6f1f3c1e-5d7a-4c1b-9a53-3a6f0e2b7d11';

export function eventIdFor(context: CommandContext, stream: string, index: number): string {
  return context.idempotencyKey ? uuidv5(`${context.idempotencyKey}|${stream}|${index}`, IDEMPOTENCY_NAMESPACE) : uuidv7();
}

/** Whether an event id was made from an idempotency key (a name-based uuid, v5) rather than drawn at random (v7). */
export function isKeyedEventId(id: string): boolean {
  return id.length === 36 && id[14] === '5';
}

/**
 * The context under a key the application chose (a case's first event, an import row):
 * such a key names the command itself, whichever request reaches it first, so the
 * request's fingerprint is not kept with it (a retry of another request that wrote
 * it must not be refused as a reuse).
 */
export function underApplicationKey(context: CommandContext, idempotencyKey: string): CommandContext {
  return { ...context, idempotencyKey, requestFingerprint: undefined };
}

/**
 * Wraps domain events into envelopes, chaining each hash to the previous one of the
 * stream. `schemaVersionOf` is the aggregate's (its decider's `events.versionOf`):
 * each event is written at its type's current version.
 */
export function toEnvelopes(
  stream: string,
  events: EmittedEvent[],
  context: CommandContext,
  prevHash: string | null,
  schemaVersionOf: (type: string) => number,
): EventToAppend[] {
  const recordedAt = context.recordedAt.toISOString();
  let previous = prevHash;
  return events.map(({ type, data, effectiveDate }, index) => {
    const metadata: Omit<EventMetadata, 'hash'> = {
      actor: context.actor,
      recordedAt,
      effectiveDate: effectiveDate ?? context.effectiveDate ?? businessDate(context.recordedAt),
      correlationId: context.correlationId,
      causationId: context.causationId ?? context.correlationId,
      source: context.source,
      ...(context.origin ? { origin: context.origin } : {}),
      // On the first event only: a retry finds the command by that event's id (command-handler.ts).
      ...(index === 0 && context.idempotencyKey && context.requestFingerprint ? { requestFingerprint: context.requestFingerprint } : {}),
      prevHash: previous,
    };
    const envelope = { id: eventIdFor(context, stream, index), type, schemaVersion: schemaVersionOf(type), data, metadata };
    const hash = hashEvent(envelope);
    previous = hash;
    return { ...envelope, metadata: { ...metadata, hash } };
  });
}

export function hashOf(event: RecordedEvent | undefined): string | null {
  return (event?.metadata as Partial<EventMetadata> | undefined)?.hash ?? null;
}
