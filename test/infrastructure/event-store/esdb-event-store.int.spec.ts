/**
 * EsdbEventStore against the event-store contract: always through the in-process
 * EventStoreDB stand-in (once per append RPC the client may use), and against a real
 * server when EVENTSTORE_CONNECTION_STRING is set (else that suite's tests are reported as skipped).
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { EsdbEventStore } from '../../../src/infrastructure/event-store/esdb/esdb-event-store';
import { EventStore, StoreUnavailableError } from '../../../src/infrastructure/event-store/event-store.port';
import { EsdbStandIn, EsdbStandInOptions } from '../../support/esdb-standin/esdb-standin';
import { anEvent, eventStoreContract } from './event-store.contract';

for (const appendRpc of ['BatchAppend', 'Append'] as const) {
  describe(`EsdbEventStore through the EventStoreDB stand-in serving ${appendRpc}`, () => {
    let standIn: EsdbStandIn;
    /** Stand-ins started for openWithPositionsFrom, stopped with their store. */
    const ownStandIns = new Map<EventStore, EsdbStandIn>();
    const open = async (standInOptions: EsdbStandInOptions) => {
      const own = await EsdbStandIn.start(standInOptions);
      const store = await EsdbEventStore.connect(own.connectionString);
      ownStandIns.set(store, own);
      return store;
    };

    beforeAll(async () => {
      standIn = await EsdbStandIn.start({ appendRpc });
    });
    afterAll(async () => {
      await standIn.stop();
    });

    eventStoreContract(`EsdbEventStore via the stand-in (${appendRpc})`, () => ({
      open: () => EsdbEventStore.connect(standIn.connectionString),
      openWithPositionsFrom: (firstPosition) => open({ appendRpc, firstPosition }),
      dispose: async (store) => {
        await store.close();
        await ownStandIns.get(store)?.stop();
        ownStandIns.delete(store);
      },
    }));

    describe('system events', () => {
      let store: EsdbEventStore;
      let client: EventStoreDBClient;
      beforeAll(async () => {
        store = await EsdbEventStore.connect(standIn.connectionString);
        client = EventStoreDBClient.connectionString(standIn.connectionString);
      });
      afterAll(async () => {
        await store.close();
        await client.dispose();
      });

      it('leaves them out of readAll, headPosition and subscriptions', async () => {
        const stream = `system-${Date.now()}`;
        const head = await store.headPosition();
        const mine = await store.appendToStream(stream, 'no_stream', [anEvent()]);
        // Stream metadata is a `$metadata` event in the `$$<stream>` system stream.
        await client.setStreamMetadata(stream, { maxCount: 10 });
        const after = await store.appendToStream(stream, 0n, [anEvent()]);
        await client.setStreamMetadata(stream, { maxCount: 20 });

        const all = await store.readAll({ after: head });
        expect(all.map((e) => e.position)).toEqual([mine.position, after.position]);
        expect(await store.readAll({ after: head, maxCount: 1 })).toHaveLength(1);
        expect(await store.headPosition()).toBe(after.position);

        const sub = store.subscribeToAll({ after: head });
        const seen: bigint[] = [];
        for await (const e of sub) {
          seen.push(e.position);
          if (seen.length === 2) break;
        }
        await sub.close();
        expect(seen).toEqual([mine.position, after.position]);
      });
    });
  });
}

describe('EsdbEventStore when EventStoreDB cannot be reached', () => {
  let store: EsdbEventStore;
  beforeAll(async () => {
    const gone = await EsdbStandIn.start();
    await gone.stop();
    store = await EsdbEventStore.connect(gone.connectionString);
  });
  afterAll(async () => {
    await store.close();
  });

  it('reports StoreUnavailableError', async () => {
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.appendToStream('unreachable-1', 'any', [anEvent()])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readStream('unreachable-1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    const sub = store.subscribeToAll();
    const iterating = (async () => {
      for await (const _ of sub) throw new Error('no event can arrive');
    })();
    await expect(iterating).rejects.toBeInstanceOf(StoreUnavailableError);
    await sub.close();
  });
});

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (!connectionString) {
  console.log(
    'EventStoreDB contract against a real server (KurrentDB) skipped, its tests reported as skipped: EVENTSTORE_CONNECTION_STRING is not set (run `docker compose up -d kurrentdb`, then EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npx jest test/infrastructure/event-store/esdb-event-store.int.spec.ts).',
  );
}
// Registered without a server too, so each of its tests is reported as skipped, not left out unseen.
eventStoreContract(
  'EsdbEventStore against EventStoreDB',
  () => ({
    open: () => EsdbEventStore.connect(connectionString!),
    dispose: (store) => store.close(),
  }),
  { available: Boolean(connectionString) },
);
