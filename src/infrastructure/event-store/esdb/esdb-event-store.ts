/**
 * The EventStore port on EventStoreDB, through @eventstore/db-client (gRPC).
 *
 * - The envelope's schemaVersion travels in the event metadata (`metadata.schemaVersion`)
 *   and is taken out again on read.
 * - A global position is the event's commit position p. The server places an event in $all
 *   at (commit p, prepare p), so `{ commit: p, prepare: p }` names it in reads and
 *   subscriptions (the prepare position shown on a read event is that of its write's first
 *   record, which is why it is not used).
 * - System events (types starting with `$`) are not part of the application's log.
 */
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  JSONType,
  Position,
  ReadPosition,
  START,
  StreamNotFoundError,
  StreamingRead,
  WrongExpectedVersionError,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreUnavailableError,
  SubscribeToAllOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';

const STORE = 'EventStoreDB';
/** Events per $all read; readAll pages through the log so that skipped system events never shorten a page. */
const PAGE_SIZE = 1000;
/** Events per backwards page when looking for the last non-system event. */
const HEAD_PAGE_SIZE = 32;
/** Reads have no deadline in the client, so ping bounds its own wait (a health check must answer). */
const PING_TIMEOUT_MS = 5000;

export class EsdbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  /**
   * `connectionString`: e.g. `esdb://localhost:2113?tls=false`; a malformed one is refused here.
   * The client opens its connection on the first call, so the service can start while
   * EventStoreDB is still coming up (and /health says so).
   */
  static async connect(connectionString: string): Promise<EsdbEventStore> {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  async appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    if (events.length === 0) throw new RangeError(`appendToStream(${stream}) needs at least one event`);
    try {
      const result = await this.client.appendToStream(
        stream,
        events.map((e) =>
          jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: { ...e.metadata, schemaVersion: e.schemaVersion } }),
        ),
        { expectedRevision: expected },
      );
      if (!result.position) throw new Error(`${STORE} reported no position for the append to ${stream}`);
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position.commit };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) throw new WrongExpectedRevisionError(stream, expected, error.actualVersion);
      throw portError(error);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? FORWARDS;
    const fromRevision = options.fromRevision ?? (direction === FORWARDS ? START : END);
    try {
      const read = await drain(this.client.readStream(stream, { direction, fromRevision, maxCount: options.maxCount }));
      return read.map((resolved) => toRecordedEvent(eventOf(resolved)));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw portError(error);
    }
  }

  async readAll({ after, maxCount = Infinity }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const result: RecordedEvent[] = [];
    let cursor = after;
    try {
      while (result.length < maxCount) {
        // +1: a forwards read includes the event at its start position, already seen.
        const pageSize = Math.min(maxCount - result.length + 1, PAGE_SIZE);
        const page = await drain(this.client.readAll({ direction: FORWARDS, fromPosition: at(cursor), maxCount: pageSize }));
        for (const resolved of page) {
          const event = eventOf(resolved);
          if (cursor !== undefined && event.position.commit <= cursor) continue;
          cursor = event.position.commit;
          if (!isSystemEvent(event) && result.length < maxCount) result.push(toRecordedEvent(event));
        }
        if (page.length < pageSize) break;
      }
      return result;
    } catch (error) {
      throw portError(error);
    }
  }

  subscribeToAll({ after }: SubscribeToAllOptions = {}): AllSubscription {
    return new EsdbAllSubscription(this.client.subscribeToAll({ fromPosition: at(after), filter: excludeSystemEvents() }), after);
  }

  /** Commit positions are byte offsets in the transaction file: the log has gaps by design, so a missing event cannot be told from them. */
  async issuedPositions(): Promise<null> {
    return null;
  }

  async headPosition(): Promise<bigint> {
    let from: ReadPosition = END;
    try {
      for (;;) {
        // Backwards reads exclude their start position, so each page goes on where the last ended.
        const page = await drain(this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE_SIZE }));
        const last = page.map(eventOf).find((e) => !isSystemEvent(e));
        if (last) return last.position.commit;
        if (page.length < HEAD_PAGE_SIZE) return 0n;
        from = at(eventOf(page[page.length - 1]).position.commit);
      }
    } catch (error) {
      throw portError(error);
    }
  }

  async ping(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void read.cancel();
        reject(new StoreUnavailableError(STORE, new Error(`no answer within ${PING_TIMEOUT_MS} ms`)));
      }, PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([drain(read), timeout]);
    } catch (error) {
      throw portError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

class EsdbAllSubscription implements AllSubscription {
  private closed = false;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly after: bigint | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        const event = eventOf(resolved);
        // The server starts strictly after the checkpoint; this keeps the port's promise whatever it sends.
        if (this.after !== undefined && event.position.commit <= this.after) continue;
        yield toRecordedEvent(event);
      }
    } catch (error) {
      // Closing ends a pending iteration: the stream then closes early, which is no failure.
      if (!this.closed) throw portError(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.unsubscribe();
    this.source.destroy();
  }
}

type StoredMetadata = Record<string, unknown> & { schemaVersion: number };

function toRecordedEvent(event: EsdbRecordedEvent & { position: Position }): RecordedEvent {
  const { schemaVersion, ...metadata } = event.metadata as StoredMetadata;
  return {
    id: event.id,
    type: event.type,
    schemaVersion,
    data: event.data,
    metadata,
    stream: event.streamId,
    revision: event.revision,
    position: event.position.commit,
  };
}

/** The client types positions as optional; the server sends them on every read. */
function eventOf(resolved: AllStreamResolvedEvent | { event?: EsdbRecordedEvent }): EsdbRecordedEvent & { position: Position } {
  const event = resolved.event;
  if (!event?.position) throw new Error(`${STORE} sent a read result without an event position`);
  return event as EsdbRecordedEvent & { position: Position };
}

function at(position: bigint | undefined): ReadPosition {
  return position === undefined ? START : { commit: position, prepare: position };
}

function isSystemEvent(event: EsdbRecordedEvent): boolean {
  return event.type.startsWith('$');
}

async function drain<T>(read: StreamingRead<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/** The errors after which the client itself reconnects, plus timeouts: the caller may retry later. */
const UNAVAILABLE_TYPES: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
]);
/** gRPC status codes, for the raw errors the client passes on (e.g. from its server-features call). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function portError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof StoreUnavailableError) return error;
  const unavailable = isCommandError(error)
    ? UNAVAILABLE_TYPES.has(error.type)
    : [GRPC_DEADLINE_EXCEEDED, GRPC_UNAVAILABLE].includes((error as Error & { code?: number }).code ?? -1);
  return unavailable ? new StoreUnavailableError(STORE, error) : error;
}
