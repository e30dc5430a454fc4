import { EventStore, ReadStreamOptions, RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { eventsOfEntries } from '../../src/timeline/timeline-events';
import { TimelineEntryDocument } from '../../src/timeline/timeline.projection';

/** The log behind a timeline page: each entry's event, found by stream and revision, in the entries' order. */
describe('a timeline page’s events, read from the log', () => {
  let store: SqliteEventStore;
  let reads: ReadStreamOptions[];
  let counting: EventStore;
  const all: RecordedEvent[] = [];

  beforeAll(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    // Everyone's refusals share a month's log; E1's own streams are theirs alone.
    for (let i = 0; i < 30; i++) {
      const stream = i % 3 === 0 ? 'insurance-E1' : i % 3 === 1 ? 'audit-2024-06' : 'employee-E1';
      await store.appendToStream(stream, 'any', [
        { id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, type: 'Noted', schemaVersion: 1, data: { i }, metadata: {} },
      ]);
    }
    all.push(...(await store.readAll()));
    reads = [];
    counting = Object.assign(Object.create(store) as EventStore, {
      readStream: (stream: string, options?: ReadStreamOptions) => {
        reads.push({ ...options });
        return store.readStream(stream, options);
      },
    });
  });
  afterAll(() => store.close());
  beforeEach(() => (reads = []));

  const entryOf = (e: RecordedEvent): TimelineEntryDocument => ({
    id: e.position.toString().padStart(20, '0'),
    employeeId: 'E1',
    positionKey: e.position.toString().padStart(20, '0'),
    stream: e.stream,
    revision: e.revision.toString(),
    type: e.type,
    recordedAt: null,
    effectiveDate: null,
  });

  it('gives each entry its own event, in the entries’ order, whatever the order of the streams', async () => {
    const page = [all[7], all[1], all[0], all[28], all[4], all[2]];
    expect((await eventsOfEntries(counting, page.map(entryOf))).map((e) => e.id)).toEqual(page.map((e) => e.id));
  });

  it('reads a person’s own stream whole, once a page', async () => {
    const employee = all.filter((e) => e.stream === 'employee-E1');
    await eventsOfEntries(counting, [employee[0], employee[3], employee[9]].map(entryOf));
    expect(reads).toEqual([{}]);
  });

  it('reads a shared stream’s near revisions in one range, and far ones apart', async () => {
    const refusals = all.filter((e) => e.stream === 'audit-2024-06');
    await eventsOfEntries(counting, [refusals[0], refusals[1], refusals[3]].map(entryOf));
    expect(reads).toEqual([{ fromRevision: 0n, maxCount: 4 }]);
    reads = [];
    await eventsOfEntries(counting, [refusals[0], refusals[9]].map(entryOf));
    expect(reads).toEqual([
      { fromRevision: 0n, maxCount: 1 },
      { fromRevision: 9n, maxCount: 1 },
    ]);
  });

  it('answers an empty page without reading', async () => {
    expect(await eventsOfEntries(counting, [])).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('fails rather than show another event than the entry names: a log older than the read models', async () => {
    const moved = { ...entryOf(all[5]), positionKey: all[6].position.toString().padStart(20, '0') };
    await expect(eventsOfEntries(counting, [moved])).rejects.toThrow(/names employee-E1@1, which the log holds at position 6$/);
    const missing = { ...entryOf(all[5]), revision: '99' };
    await expect(eventsOfEntries(counting, [missing])).rejects.toThrow(/names employee-E1@99, which the log does not hold/);
  });
});
