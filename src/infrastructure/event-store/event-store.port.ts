/**
 * The event store port: the only way the application touches the log.
 *
 * Semantics follow EventStoreDB's (the production store), so that the embedded
 * SQLite adapter and the EventStoreDB adapter are interchangeable and pass one
 * contract suite (test/infrastructure/event-store/event-store.contract.ts).
 *
 * Revisions and positions are bigint: EventStoreDB positions are 64-bit byte
 * offsets and must round-trip without losing precision.
 */

/** What a writer expects the stream to be before its append. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** An event as the application hands it to the store (the envelope of docs/DESIGN.md). */
export interface EventToAppend {
  /** UUID; a second append of the same id is an idempotent no-op (retries, imports). */
  id: string;
  /** Past-tense name, e.g. `LaborTerminationRegistered`. */
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** An event as read back: the envelope plus where it sits in its stream and in the log. */
export interface RecordedEvent extends EventToAppend {
  stream: string;
  /** 0-based position of the event within its stream. */
  revision: bigint;
  /** Position in the global log: strictly increasing in commit order across all streams. */
  position: bigint;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  nextExpectedRevision: bigint;
  /** Global position of the last event written (or already present, on an idempotent retry). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the first event (forwards) or the last (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: only events whose position is strictly greater. Omit to start at the beginning. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: deliver events whose position is strictly greater (a checkpoint). */
  after?: bigint;
}

/**
 * A catch-up subscription to the global log: iterate it with `for await`.
 * It first delivers stored events, then live ones, in position order, with no
 * gap and no duplicate at the hand-over. `close()` ends the iteration and
 * releases everything it holds.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/** The positions a store has handed out, every one of which holds an event (see EventStore.issuedPositions). */
export interface IssuedPositions {
  /** The first position the store hands out. */
  first: bigint;
  /** The last position it handed out, the event there possibly deleted since; first - 1 when it has handed out none. */
  last: bigint;
}

export interface EventStore {
  /**
   * Appends the events to one stream atomically: all of them or none.
   * Throws WrongExpectedRevisionError when the stream is not as expected,
   * unless every event id is already in the stream at the expected place
   * (an idempotent retry), which succeeds and writes nothing.
   */
  appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult>;
  /** Reads one stream. A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads the global log forwards, in commit order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Position of the last event in the log, 0n when it is empty (for projection lag). */
  headPosition(): Promise<bigint>;
  /**
   * Tamper evidence (src/audit): where positions are dense, the range handed
   * out, so that a position missing from the log is a deleted event. Dense means
   * that neither an idempotent retry nor a refused or rolled-back append uses up
   * a position. Null where positions are not dense (EventStoreDB: byte offsets
   * in its transaction file), where only signed checkpoints of the chain heads
   * show a deleted event.
   */
  issuedPositions(): Promise<IssuedPositions | null>;
  /** Throws when the store cannot be reached (for /health). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');

/** The stream is not at the revision the writer expected (optimistic concurrency). */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'CONCURRENCY';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id that is already stored elsewhere than where this append would put it. */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored and does not match this append to ${stream}`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The store cannot be reached or cannot write right now; the caller may retry later (HTTP 503). */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`${store} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}
