/**
 * Storage of the EventStoreDB stand-in (test support only, not a product component):
 * EventStoreDB's write and read rules over an in-memory log, without gRPC.
 *
 * The append decision follows the server's IndexWriter.CheckCommit
 * (EventStore/EventStore, src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs);
 * positions follow its AllReader: every event of an implicit transaction is its own
 * commit, at the byte offset where its record starts.
 */

/** EventStoreDB's internal expected-version numbers (ExpectedVersion.cs); revisions are >= 0. */
export const EXPECTED_ANY = -2n;
export const EXPECTED_NO_STREAM = -1n;
export const EXPECTED_STREAM_EXISTS = -4n;

/** What the server's TFPos holds: a commit and a prepare position, compared in that order. */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  stream: string;
  revision: bigint;
  /** Where the event's record starts in the log: its commit position (and its TFPos prepare part). */
  position: bigint;
  /** Where the first record of its write starts: the prepare position the server sends on reads. */
  transactionPosition: bigint;
  /** .NET ticks since the Unix epoch, as the server's `created` metadata. */
  created: bigint;
}

export type AppendOutcome =
  | { result: 'written' | 'idempotent'; lastRevision: bigint; position: bigint }
  /** `current` is -1n when the stream does not exist. */
  | { result: 'wrong_expected_version'; current: bigint };

export type Direction = 'forwards' | 'backwards';

/** A record's header on disk is larger than this; only the growth matters, not the exact size. */
const RECORD_OVERHEAD = 64n;
const TICKS_PER_MS = 10_000n;
const utf8Length = (s: string) => BigInt(Buffer.byteLength(s, 'utf8'));

// An event's TFPos is (position, position).
const atOrAfter = (e: StoredEvent, p: LogPosition) => e.position > p.commit || (e.position === p.commit && e.position >= p.prepare);
const strictlyAfter = (e: StoredEvent, p: LogPosition) => e.position > p.commit || (e.position === p.commit && e.position > p.prepare);

export class InMemoryLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** The server's committed-events cache: the last write of each event id. Never evicts, so `any` is always idempotent here. */
  private readonly lastWriteOfId = new Map<string, StoredEvent>();
  private readonly listeners = new Set<(written: StoredEvent[]) => void>();
  private nextPosition: bigint;

  /** `firstPosition` > 0: like the real log, which starts with an epoch record, no event sits at 0. */
  constructor(firstPosition: bigint) {
    if (firstPosition <= 0n) throw new RangeError('firstPosition must be > 0');
    this.nextPosition = firstPosition;
  }

  append(stream: string, expected: bigint, proposed: ProposedEvent[]): AppendOutcome {
    const existing = this.streams.get(stream) ?? [];
    const current = BigInt(existing.length) - 1n;
    const wrong = { result: 'wrong_expected_version', current } as const;

    if (expected === EXPECTED_STREAM_EXISTS && current < 0n) return wrong;

    if (expected === EXPECTED_ANY || expected === EXPECTED_STREAM_EXISTS) {
      // Idempotent when every id was last written to this stream; a partial match is "corrupted idempotency".
      const previous = proposed.map((e) => this.lastWriteOfId.get(e.id));
      if (previous.length > 0 && previous[0]?.stream === stream) {
        if (!previous.every((p) => p?.stream === stream)) return wrong;
        const last = previous[previous.length - 1] as StoredEvent;
        return { result: 'idempotent', lastRevision: last.revision, position: last.position };
      }
      return this.write(stream, existing, proposed);
    }

    if (expected < current) {
      // A retry: the same ids must already follow the expected revision, in order.
      const matches = proposed.length > 0 && proposed.every((e, i) => existing[Number(expected) + 1 + i]?.id === e.id);
      if (!matches) return wrong;
      const last = existing[Number(expected) + proposed.length];
      return { result: 'idempotent', lastRevision: last.revision, position: last.position };
    }
    if (expected > current) return wrong;
    return this.write(stream, existing, proposed);
  }

  /** Events of one stream, or undefined when the stream does not exist. */
  readStream(stream: string, from: 'start' | 'end' | bigint, direction: Direction, count: bigint): StoredEvent[] | undefined {
    const events = this.streams.get(stream);
    if (!events) return undefined;
    // From the end: nothing forwards, the last event backwards.
    const revision = from === 'start' ? 0n : from === 'end' ? BigInt(events.length) - (direction === 'forwards' ? 0n : 1n) : from;
    const selected =
      direction === 'forwards' ? events.filter((e) => e.revision >= revision) : events.filter((e) => e.revision <= revision).reverse();
    return take(selected, count);
  }

  /** $all: forwards from a position inclusive, backwards from a position exclusive (AllReader). */
  readAll(from: 'start' | 'end' | LogPosition, direction: Direction, count: bigint, include: (e: StoredEvent) => boolean): StoredEvent[] {
    let events: StoredEvent[];
    if (direction === 'forwards') events = from === 'start' ? this.all : from === 'end' ? [] : this.all.filter((e) => atOrAfter(e, from));
    else events = (from === 'start' ? [] : from === 'end' ? this.all : this.all.filter((e) => !atOrAfter(e, from))).slice().reverse();
    return take(events.filter(include), count);
  }

  /** Events strictly after a position (a subscription's checkpoint), or all of them. */
  eventsAfter(checkpoint: LogPosition | undefined): StoredEvent[] {
    return checkpoint ? this.all.filter((e) => strictlyAfter(e, checkpoint)) : this.all;
  }

  /** Calls `listener` with each write, synchronously after it is stored; returns the unsubscribe. */
  onWrite(listener: (written: StoredEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(stream: string, existing: StoredEvent[], proposed: ProposedEvent[]): AppendOutcome {
    const transactionPosition = this.nextPosition;
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written = proposed.map((e, i) => {
      const stored: StoredEvent = {
        ...e,
        stream,
        revision: BigInt(existing.length + i),
        position: this.nextPosition,
        transactionPosition,
        created,
      };
      // Byte offsets: each record moves the log on by its size, so positions are not consecutive integers.
      this.nextPosition += RECORD_OVERHEAD + utf8Length(stream) + utf8Length(e.type) + BigInt(e.data.length + e.metadata.length);
      return stored;
    });
    // Nothing to write: the stream as it is, and no position (NoPosition on the wire).
    if (written.length === 0) return { result: 'written', lastRevision: BigInt(existing.length) - 1n, position: -1n };
    existing.push(...written);
    this.streams.set(stream, existing);
    this.all.push(...written);
    for (const e of written) this.lastWriteOfId.set(e.id, e);
    for (const listener of this.listeners) listener(written);
    const last = written[written.length - 1];
    return { result: 'written', lastRevision: last.revision, position: last.position };
  }
}

function take<T>(items: T[], count: bigint): T[] {
  return count >= BigInt(items.length) ? items : items.slice(0, Number(count));
}
