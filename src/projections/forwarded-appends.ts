import {
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../infrastructure/event-store/event-store.port';

/**
 * The process manager's appends, made from the projection worker by the request
 * thread's event store. So the file keeps one writer in the process: the worker
 * writing on a connection of its own would take the write lock between the
 * request thread's group commits, and the request thread would then sleep in
 * SQLite's busy handler (1 ms and more each time) instead of serving requests.
 */
export interface AppendRequest {
  type: 'append';
  id: number;
  stream: string;
  expected: ExpectedRevision;
  events: EventToAppend[];
}

export interface AppendReply {
  type: 'appended-for-worker';
  id: number;
  result?: AppendResult;
  error?: ForwardedError;
}

/** Errors cross the thread boundary as data; the ones callers tell apart by class are rebuilt (handleCommand retries on a conflict). */
interface ForwardedError {
  name: string;
  message: string;
  stream?: string;
  expected?: ExpectedRevision;
  actual?: bigint | 'no_stream';
  eventId?: string;
}

/** Request-thread side: appends for the worker and answers with the outcome. */
export async function appendForWorker(store: EventStore, request: AppendRequest): Promise<AppendReply> {
  try {
    return {
      type: 'appended-for-worker',
      id: request.id,
      result: await store.appendToStream(request.stream, request.expected, request.events),
    };
  } catch (error) {
    const e = error as Error & Partial<ForwardedError>;
    const forwarded: ForwardedError = {
      name: e.name ?? 'Error',
      message: e.message ?? String(error),
      stream: e.stream,
      expected: e.expected,
      actual: e.actual,
      eventId: e.eventId,
    };
    return { type: 'appended-for-worker', id: request.id, error: forwarded };
  }
}

/** Worker side: an event store that reads from its own connection and appends through the request thread. */
export class ForwardingEventStore implements EventStore {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: AppendResult) => void; reject: (e: unknown) => void }>();

  constructor(
    private readonly reader: EventStore,
    private readonly send: (request: AppendRequest) => void,
  ) {}

  /** Called with the request thread's reply. */
  settle(reply: AppendReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.error) waiting.reject(rebuild(reply.error));
    else waiting.resolve(reply.result!);
  }

  appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'append', id, stream, expected, events });
    });
  }

  readStream: EventStore['readStream'] = (stream, options) => this.reader.readStream(stream, options);
  readAll: EventStore['readAll'] = (options) => this.reader.readAll(options);
  subscribeToAll: EventStore['subscribeToAll'] = (options) => this.reader.subscribeToAll(options);
  headPosition: EventStore['headPosition'] = () => this.reader.headPosition();
  issuedPositions: EventStore['issuedPositions'] = () => this.reader.issuedPositions();
  ping: EventStore['ping'] = () => this.reader.ping();

  async close(): Promise<void> {
    for (const { reject } of this.waiting.values())
      reject(new StoreUnavailableError('request thread', 'the projection worker is stopping'));
    this.waiting.clear();
    await this.reader.close();
  }
}

function rebuild(error: ForwardedError): Error {
  if (error.name === 'WrongExpectedRevisionError') return new WrongExpectedRevisionError(error.stream!, error.expected!, error.actual!);
  if (error.name === 'DuplicateEventIdError') return new DuplicateEventIdError(error.stream!, error.eventId!);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return error.name === 'StoreUnavailableError' ? new StoreUnavailableError('SQLite event store', rebuilt) : rebuilt;
}
