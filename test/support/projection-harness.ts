/**
 * Projection tests on every read store (docs/DESIGN.md: read models on SQLite and on
 * MongoDB): given events, the read model holds the expected documents, and a
 * rebuild from position 0 equals what live, event-by-event application built.
 *
 *   projectionSpec('employee profiles', employeeProfiles, ({ given, collection }) => {
 *     it('...', async () => {
 *       await given([event('employee-E1', 'EmployeeHired', {...})]);
 *       expect(await collection('employee_profiles')).toEqual([...]);
 *     });
 *   });
 *
 * MongoDB runs on MONGODB_URI or on FerretDB when its binary is built (npm run
 * tools:ferretdb); otherwise that half prints one line and is skipped (mongo-test-server.ts).
 */
import { v7 as uuidv7 } from 'uuid';
import { EventToAppend, RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { MongoReadStore } from '../../src/infrastructure/read-store/mongo/mongo-read-store';
import { FindOptions, ReadDocument, ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { SqliteReadStore } from '../../src/infrastructure/read-store/sqlite/sqlite-read-store';
import { applyEvents } from '../../src/projections/apply-events';
import { physicalName, prepareGeneration } from '../../src/projections/generations';
import { Projection } from '../../src/projections/projection';
import { rebuildProjection } from '../../src/projections/rebuild';
import { mongoTestServer } from './mongo-test-server';

export interface EventInput {
  stream: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

/** An event as the application writes it, with defaults for the envelope's metadata. */
export const event = (stream: string, type: string, data: unknown, metadata: Record<string, unknown> = {}): EventInput => ({
  stream,
  type,
  data,
  metadata,
});

export interface ProjectionSpecContext {
  /** Appends the events to a fresh store and applies them to the projection one by one, as the live runner does. */
  given(events: EventInput[]): Promise<RecordedEvent[]>;
  /** The documents of one of the projection's collections, sorted by id unless `options.sort` says otherwise. */
  collection<T extends ReadDocument = ReadDocument>(name: string, options?: FindOptions): Promise<T[]>;
  /** The read store, for queries the test wants to make itself. */
  store(): ReadStore;
  physical(name: string): string;
}

export function projectionSpec(title: string, projection: Projection, body: (context: ProjectionSpecContext) => void): void {
  const mongo = mongoTestServer(`Projection "${title}" on MongoDB`);
  const backends: Array<{ name: string; open: () => Promise<ReadStore>; available: boolean }> = [
    { name: 'SQLite', open: async () => new SqliteReadStore(':memory:'), available: true },
    {
      name: mongo?.label ?? 'MongoDB',
      open: async () => new MongoReadStore(mongo!.uri(), mongo!.database('projection_spec'), { serverSelectionTimeoutMS: 5000 }),
      available: mongo !== null,
    },
  ];

  describe(`${title} (projection ${projection.name})`, () => {
    if (mongo) {
      beforeAll(() => mongo.start(), 60_000);
      afterAll(() => mongo.stop(), 30_000);
    }

    for (const backend of backends) {
      (backend.available ? describe : describe.skip)(`on ${backend.name}`, () => {
        let reads: ReadStore;
        let events: SqliteEventStore;
        beforeEach(async () => {
          reads = await backend.open();
          events = new SqliteEventStore({ file: ':memory:' });
          await prepareGeneration(reads, projection, 1);
        });
        afterEach(async () => {
          // Every test's read model must equal a rebuild from position 0 of the same log.
          const live = await dump(reads, projection, 1);
          const rebuilt = await rebuildProjection(events, reads, projection, { now: () => new Date() });
          expect(await dump(reads, projection, rebuilt.generation)).toEqual(live);
          await events.close();
          await reads.close();
        });

        body({
          given: async (inputs) => {
            const recorded: RecordedEvent[] = [];
            for (const input of inputs) {
              const envelope: EventToAppend = {
                id: uuidv7(),
                type: input.type,
                schemaVersion: 1,
                data: input.data,
                metadata: {
                  actor: { id: 'hr-1', role: 'hr_specialist' },
                  recordedAt: '2024-05-10T08:00:00.000Z',
                  effectiveDate: '2024-05-10',
                  correlationId: 'c',
                  causationId: 'c',
                  source: 'test',
                  ...input.metadata,
                },
              };
              await events.appendToStream(input.stream, 'any', [envelope]);
              const [last] = await events.readStream(input.stream, { direction: 'backwards', maxCount: 1 });
              await applyEvents(reads, projection, 1, [last]);
              recorded.push(last);
            }
            return recorded;
          },
          collection: (name, options) => reads.find(physicalName(name, 1), { sort: { id: 1 }, ...options }),
          store: () => reads,
          physical: (name) => physicalName(name, 1),
        });
      });
    }
  });
}

async function dump(reads: ReadStore, projection: Projection, generation: number) {
  const out: Record<string, ReadDocument[]> = {};
  for (const name of Object.keys(projection.collections)) out[name] = await reads.find(physicalName(name, generation), { sort: { id: 1 } });
  return out;
}
