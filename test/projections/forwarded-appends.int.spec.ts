import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { WrongExpectedRevisionError } from '../../src/infrastructure/event-store/event-store.port';
import { appendForWorker, AppendRequest, ForwardingEventStore } from '../../src/projections/forwarded-appends';
import { anEvent } from '../infrastructure/event-store/event-store.contract';

describe('appends forwarded from the projection worker to the request thread', () => {
  let writer: SqliteEventStore;
  let store: ForwardingEventStore;
  const sent: AppendRequest[] = [];

  beforeEach(() => {
    writer = new SqliteEventStore({ file: ':memory:' });
    sent.length = 0;
    // Through structuredClone, as postMessage would carry them between threads.
    store = new ForwardingEventStore(writer, (request) => {
      sent.push(request);
      void appendForWorker(writer, structuredClone(request)).then((reply) => store.settle(structuredClone(reply)));
    });
  });
  afterEach(() => writer.close());

  it('appends with the request thread store and answers with its result', async () => {
    const result = await store.appendToStream('employee-1', 'no_stream', [anEvent('Hired')]);
    expect(result).toEqual({ nextExpectedRevision: 0n, position: 1n });
    expect(sent).toHaveLength(1);
    expect((await store.readStream('employee-1')).map((e) => e.type)).toEqual(['Hired']);
  });

  it('rebuilds a conflict as WrongExpectedRevisionError, so that the command handler retries it', async () => {
    await store.appendToStream('employee-1', 'no_stream', [anEvent('Hired')]);
    const error = await store.appendToStream('employee-1', 'no_stream', [anEvent('Hired')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ stream: 'employee-1', expected: 'no_stream', actual: 0n });
  });

  it('fails appends still waiting for an answer when it closes', async () => {
    const silent = new ForwardingEventStore(new SqliteEventStore({ file: ':memory:' }), () => undefined);
    const waiting = silent.appendToStream('employee-1', 'no_stream', [anEvent()]);
    await silent.close();
    await expect(waiting).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
