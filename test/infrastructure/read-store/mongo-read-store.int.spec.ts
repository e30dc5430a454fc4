/**
 * The read-store contract against MongoDB: MONGODB_URI if set, else a throwaway
 * FerretDB, else skipped with one line saying why (test/support/mongo-test-server.ts).
 */
import { Socket, createConnection, createServer } from 'node:net';
import { StoreUnavailableError } from '../../../src/infrastructure/event-store/event-store.port';
import { MongoReadStore } from '../../../src/infrastructure/read-store/mongo/mongo-read-store';
import { freePort } from '../../support/ferretdb';
import { mongoTestServer } from '../../support/mongo-test-server';
import { readStoreContract } from './read-store.contract';

const mongo = mongoTestServer('MongoDB read-store contract');

if (mongo) {
  const database = mongo.database('read_store_contract');
  beforeAll(() => mongo.start(), 60_000);
  afterAll(() => mongo.stop(), 30_000);

  readStoreContract(mongo.label, () => ({
    open: async () => new MongoReadStore(mongo.uri(), database, { serverSelectionTimeoutMS: 5000 }),
    dispose: (store) => store.close(),
  }));

  (mongo.isFerretDb ? describe : describe.skip)('MongoReadStore when the server comes back (FerretDB)', () => {
    it('recovers after failing while the server was unreachable', async () => {
      const port = await freePort();
      const store = new MongoReadStore(`mongodb://127.0.0.1:${port}/`, database, { serverSelectionTimeoutMS: 300 });
      const target = new URL(mongo.uri());
      // A forwarder started on the store's port later stands for the server coming back.
      const sockets = new Set<Socket>();
      const forwarder = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
        client.pipe(upstream).pipe(client);
        for (const [s, other] of [[client, upstream], [upstream, client]]) {
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
} else {
  describe.skip('ReadStore contract: MongoDB', () => {
    it('needs MONGODB_URI or a FerretDB binary', () => undefined);
  });
}

describe('MongoReadStore without a reachable server', () => {
  it('fails with StoreUnavailableError once serverSelectionTimeoutMS has passed, on every operation', async () => {
    const port = await freePort();
    const store = new MongoReadStore(`mongodb://127.0.0.1:${port}/`, 'unreachable', { serverSelectionTimeoutMS: 300 });
    try {
      const started = Date.now();
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(3000);
      await expect(store.get('things', 'a')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.applyBatch({ checkpoint: 'p', position: 1n, writes: [] })).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
