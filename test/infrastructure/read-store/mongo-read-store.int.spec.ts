/**
 * The read-store contract against MongoDB: MONGODB_URI if set, else a throwaway
 * FerretDB, else every test that needs a server is reported as skipped, after one line
 * saying why (test/support/mongo-test-server.ts).
 */
import { Socket, createConnection, createServer } from 'node:net';
import { inspect } from 'node:util';
import { StoreUnavailableError } from '../../../src/infrastructure/event-store/event-store.port';
import { MongoReadStore } from '../../../src/infrastructure/read-store/mongo/mongo-read-store';
import { freePort } from '../../support/free-port';
import { mongoTestServer } from '../../support/mongo-test-server';
import { readStoreContract } from './read-store.contract';

const mongo = mongoTestServer('MongoDB read-store contract');
// Without a server no test that reads `database` runs.
const database = mongo?.database('read_store_contract') ?? 'no_server';

if (mongo) {
  beforeAll(() => mongo.start(), 60_000);
  afterAll(() => mongo.stop(), 30_000);
}

// Registered without a server too, so each of its tests is reported as skipped.
readStoreContract(
  mongo?.label ?? 'MongoDB',
  () => ({
    open: async () => new MongoReadStore(mongo!.uri(), database, { serverSelectionTimeoutMS: 5000 }),
    dispose: (store) => store.close(),
  }),
  { available: mongo !== null, atomicReplace: !mongo?.isFerretDb },
);

// Only a FerretDB started here can be reached through a forwarder on another port.
(mongo?.isFerretDb ? describe : describe.skip)('MongoReadStore when the server comes back (FerretDB)', () => {
  it('recovers after failing while the server was unreachable', async () => {
    const port = await freePort();
    const store = new MongoReadStore(`mongodb://127.0.0.1:${port}/`, database, { serverSelectionTimeoutMS: 300 });
    const target = new URL(mongo!.uri());
    // A forwarder started on the store's port later stands for the server coming back.
    const sockets = new Set<Socket>();
    const forwarder = createServer((client) => {
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      client.pipe(upstream).pipe(client);
      for (const [s, other] of [
        [client, upstream],
        [upstream, client],
      ]) {
        sockets.add(s);
        s.on('error', () => s.destroy()).on('close', () => other.destroy());
      }
    });
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await new Promise<void>((done) => forwarder.listen(port, '127.0.0.1', done));
      await store.upsert('recovered', { id: 'a' });
      expect(await store.get('recovered', 'a')).toEqual({ id: 'a' });
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise((done) => forwarder.close(done));
    }
  });
});

describe('MongoReadStore without a reachable server', () => {
  // Each operation waits serverSelectionTimeoutMS (300 ms) before it gives up. A store that ignored the
  // option would wait the driver's default of 30 s on each, and this test would exceed its timeout.
  it('fails with StoreUnavailableError on every operation, never with an empty answer', async () => {
    const port = await freePort();
    const store = new MongoReadStore(`mongodb://127.0.0.1:${port}/`, 'unreachable', { serverSelectionTimeoutMS: 300 });
    const operations: Record<string, () => Promise<unknown>> = {
      ping: () => store.ping(),
      ensureCollection: () => store.ensureCollection('things', [{ fields: ['n'] }]),
      dropCollection: () => store.dropCollection('things'),
      listCollections: () => store.listCollections('th'),
      get: () => store.get('things', 'a'),
      find: () => store.find('things', { filter: { n: 1 } }),
      count: () => store.count('things'),
      upsert: () => store.upsert('things', { id: 'a' }),
      delete: () => store.delete('things', 'a'),
      applyBatch: () => store.applyBatch({ checkpoint: 'p', position: 1n, writes: [] }),
      getCheckpoint: () => store.getCheckpoint('p'),
      deleteCheckpoint: () => store.deleteCheckpoint('p'),
    };
    try {
      const outcomes: Record<string, string> = {};
      for (const [name, operation] of Object.entries(operations)) {
        outcomes[name] = await operation().then(
          (value) => `resolved with ${inspect(value)}`,
          (error: unknown) => (error instanceof StoreUnavailableError ? 'StoreUnavailableError' : `rejected with ${String(error)}`),
        );
      }
      expect(outcomes).toEqual(Object.fromEntries(Object.keys(operations).map((name) => [name, 'StoreUnavailableError'])));
    } finally {
      await store.close();
    }
  }, 30_000);
});
