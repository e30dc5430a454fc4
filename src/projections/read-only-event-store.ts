import { AppendResult, EventStore } from '../infrastructure/event-store/event-store.port';

/**
 * The projection worker's event store: it reads the log on its own connection and
 * appends nothing. Projections and the push reactors only read; the reactor that
 * appends (the process manager, through the command bus) runs in the request thread,
 * the log's one writer in the process. A write from the worker would take the file's
 * write lock between the request thread's group commits, which then sleeps in SQLite's
 * busy handler: refused here, loudly, rather than allowed.
 */
export class ReadOnlyEventStore implements EventStore {
  constructor(private readonly reader: EventStore) {}

  appendToStream: EventStore['appendToStream'] = async (stream): Promise<AppendResult> => {
    throw new Error(
      `The projection worker reads the log only (an append to ${stream} was asked): a reactor that appends runs in the request thread (ProjectionsSetup.reactors)`,
    );
  };

  readStream: EventStore['readStream'] = (stream, options) => this.reader.readStream(stream, options);
  readAll: EventStore['readAll'] = (options) => this.reader.readAll(options);
  subscribeToAll: EventStore['subscribeToAll'] = (options) => this.reader.subscribeToAll(options);
  headPosition: EventStore['headPosition'] = () => this.reader.headPosition();
  issuedPositions: EventStore['issuedPositions'] = () => this.reader.issuedPositions();
  ping: EventStore['ping'] = () => this.reader.ping();
  close: EventStore['close'] = () => this.reader.close();
}
