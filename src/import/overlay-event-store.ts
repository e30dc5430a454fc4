import {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadStreamOptions,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '../infrastructure/event-store/event-store.port';

/**
 * A scratch layer over an event store: reads see the store plus what was
 * appended to the layer, appends stay in memory and never reach the store.
 * A dry run imports into one (every rule is applied, rows see the rows before
 * them, nothing is written), and a row of several commands is first tried on one
 * so that a refusal of its last command does not leave the first ones written.
 * Streams it is told to pass through (`writesThrough`) are read and appended in
 * the store under it: a refusal tried on a row's layer is a fact all the same.
 */
export class OverlayEventStore implements EventStore {
  private readonly appended = new Map<string, RecordedEvent[]>();
  private head: bigint | null = null;

  constructor(
    private readonly inner: EventStore,
    private readonly writesThrough: (stream: string) => boolean = () => false,
  ) {}

  async appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    if (this.writesThrough(stream)) return this.inner.appendToStream(stream, expected, events);
    const last = (await this.readStream(stream)).at(-1);
    const actual = last?.revision ?? 'no_stream';
    const matches =
      expected === 'any' ||
      (expected === 'no_stream' ? actual === 'no_stream' : expected === 'stream_exists' ? actual !== 'no_stream' : expected === actual);
    if (!matches) throw new WrongExpectedRevisionError(stream, expected, actual);
    let revision = last?.revision ?? -1n;
    let position = await this.headPosition();
    const recorded = events.map((e) => ({ ...e, stream, revision: ++revision, position: ++position }));
    this.appended.set(stream, [...(this.appended.get(stream) ?? []), ...recorded]);
    this.head = position;
    return { nextExpectedRevision: revision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const all = [...(await this.inner.readStream(stream)), ...(this.appended.get(stream) ?? [])];
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    const selected = backwards
      ? all.filter((e) => from === undefined || e.revision <= from).reverse()
      : all.filter((e) => from === undefined || e.revision >= from);
    return selected.slice(0, options.maxCount);
  }

  /** Commands read their streams only; the global log of a scratch layer is never needed. */
  readAll(): Promise<RecordedEvent[]> {
    throw new Error('A scratch layer over the event store has no global log');
  }

  subscribeToAll(): AllSubscription {
    throw new Error('A scratch layer over the event store has no global log');
  }

  async headPosition(): Promise<bigint> {
    return this.head ?? this.inner.headPosition();
  }

  /** The scratch layer's own appends are never stored: what was issued is the store's. */
  issuedPositions(): ReturnType<EventStore['issuedPositions']> {
    return this.inner.issuedPositions();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  /** The layer owns nothing: the store under it is closed by whoever opened it. */
  async close(): Promise<void> {}
}
