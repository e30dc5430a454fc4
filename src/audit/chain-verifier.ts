import { hashEvent } from '../event-sourcing/hash-chain';

/**
 * Checks one stream's hash chain (docs/DESIGN.md, Events) over its events as stored,
 * fed in order: revisions contiguous from 0, each prevHash equal to the hash of
 * the event before, each hash recomputed from the event itself. No Nest and no
 * store, so the offline verifier of evidence packages runs the same code.
 *
 * What a chain alone cannot show: a deleted LAST event (or a whole deleted
 * stream) leaves a shorter chain that is still perfect, and so does an edit
 * whose author recomputed every later hash. Only what lies outside the chain
 * catches those (store-verification.ts): gaps in the log's positions,
 * references from other streams, signed checkpoints of every head, and the
 * signed heads of an evidence package for the streams it holds.
 */
export interface ChainedEvent {
  revision: bigint;
  /** Position in the global log, when known: it must grow with the revision. */
  position?: bigint;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
}

export const CHAIN_PROBLEMS = ['unexpected_revision', 'prev_hash_mismatch', 'hash_mismatch', 'out_of_log_order'] as const;
export type ChainProblem = (typeof CHAIN_PROBLEMS)[number];

export interface ChainBreak {
  /** The first revision that cannot be verified: the one missing or out of place, or the one whose hashes do not hold. */
  revision: bigint;
  problem: ChainProblem;
  detail: string;
}

export interface ChainHead {
  revision: bigint;
  hash: string;
}

/** Walks one stream event by event; after the first break it only counts. */
export class ChainCursor {
  private expectedRevision = 0n;
  private previousHash: string | null = null;
  private previousPosition: bigint | undefined;
  events = 0;
  head: ChainHead | null = null;
  broken: ChainBreak | null = null;

  /** Checks the next event; answers the break when this event is the first one that does not hold. */
  check(event: ChainedEvent): ChainBreak | null {
    this.events++;
    if (this.broken) return null;
    this.broken = this.problemWith(event);
    if (this.broken) return this.broken;
    const hash = event.metadata.hash as string;
    this.head = { revision: event.revision, hash };
    this.previousHash = hash;
    this.previousPosition = event.position;
    this.expectedRevision = event.revision + 1n;
    return null;
  }

  private problemWith(event: ChainedEvent): ChainBreak | null {
    const expected = this.expectedRevision;
    if (event.revision !== expected) {
      const detail =
        event.revision > expected
          ? `revision ${expected} is missing: the next event stored is revision ${event.revision}`
          : `revision ${event.revision} comes again or out of order where revision ${expected} was expected`;
      return { revision: expected, problem: 'unexpected_revision', detail };
    }
    const prevHash = event.metadata.prevHash ?? null;
    if (prevHash !== this.previousHash) {
      const detail =
        expected === 0n
          ? 'the first event of the stream must have no prevHash'
          : `prevHash does not match the hash of revision ${expected - 1n}: that event was changed (with its hash recomputed), removed or moved`;
      return { revision: expected, problem: 'prev_hash_mismatch', detail };
    }
    const mismatch = ownHashProblem(event);
    if (mismatch) return { revision: expected, problem: 'hash_mismatch', detail: mismatch };
    // The hashes do not cover positions; an event moved in the log would still be applied out of order by every projection.
    if (event.position !== undefined && this.previousPosition !== undefined && event.position <= this.previousPosition) {
      const detail = `position ${event.position} is not after position ${this.previousPosition} of revision ${expected - 1n}: the event was moved in the global log`;
      return { revision: expected, problem: 'out_of_log_order', detail };
    }
    return null;
  }
}

/** Whether an event's stored hash is the hash of its own content (id, type, schemaVersion, data, metadata, prevHash). */
export function ownHashProblem(event: Omit<ChainedEvent, 'revision' | 'position'>): string | null {
  const stored = event.metadata.hash;
  if (typeof stored !== 'string') return 'the event carries no hash';
  let computed: string;
  try {
    computed = hashEvent(event);
  } catch {
    return 'the event cannot be hashed (its content is not JSON)';
  }
  return computed === stored ? null : 'the stored hash is not the hash of the event: its id, type, data or metadata were changed';
}

/** A whole stream at once (tests, evidence packages). */
export function verifyChain(events: Iterable<ChainedEvent>): ChainCursor {
  const cursor = new ChainCursor();
  for (const event of events) cursor.check(event);
  return cursor;
}
