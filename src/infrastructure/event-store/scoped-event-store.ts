import { AsyncLocalStorage } from 'node:async_hooks';
import {
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from './event-store.port';

const scope = new AsyncLocalStorage<EventStore>();

/**
 * Runs `work` with `store` as the event store of every ScopedEventStore it
 * reaches: the import writes each row through the same command handlers as the
 * API, into the row's own store (a scratch layer for a dry run or a row of
 * several commands), though the handlers inject one EVENT_STORE.
 */
export function inStore<T>(store: EventStore, work: () => Promise<T>): Promise<T> {
  return scope.run(store, work);
}

/** The EVENT_STORE of a command bus whose callers choose the store per call (inStore); outside any scope, the store it was given. */
export class ScopedEventStore implements EventStore {
  constructor(private readonly outside: EventStore) {}

  private get store(): EventStore {
    return scope.getStore() ?? this.outside;
  }

  appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    return this.store.appendToStream(stream, expected, events);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    return this.store.subscribeToAll(options);
  }

  headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }

  issuedPositions(): ReturnType<EventStore['issuedPositions']> {
    return this.store.issuedPositions();
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  /** The stores belong to whoever opened them (the CLI, the importer's scratch layers). */
  async close(): Promise<void> {}
}
