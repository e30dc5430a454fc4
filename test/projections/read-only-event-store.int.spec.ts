import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ReadOnlyEventStore } from '../../src/projections/read-only-event-store';
import { anEvent } from '../infrastructure/event-store/event-store.contract';

describe('the projection worker’s event store', () => {
  let file: SqliteEventStore;
  let store: ReadOnlyEventStore;

  beforeEach(() => {
    file = new SqliteEventStore({ file: ':memory:' });
    store = new ReadOnlyEventStore(file);
  });
  afterEach(() => store.close());

  it('reads what the request thread appended', async () => {
    await file.appendToStream('employee-1', 'no_stream', [anEvent('Hired')]);
    expect((await store.readStream('employee-1')).map((e) => e.type)).toEqual(['Hired']);
    expect(await store.headPosition()).toBe(1n);
  });

  it('refuses to append, naming the stream, and writes nothing', async () => {
    await expect(store.appendToStream('employee-1', 'no_stream', [anEvent('Hired')])).rejects.toThrow(/reads the log only.*employee-1/);
    expect(await file.readStream('employee-1')).toEqual([]);
  });
});
