/**
 * The key-store contract against MongoDB: MONGODB_URI if set, else a throwaway
 * FerretDB, else every test that needs a server is reported as skipped, after one line
 * saying why (test/support/mongo-test-server.ts).
 */
import { MongoClient } from 'mongodb';
import { StoreUnavailableError } from '../../../src/infrastructure/event-store/event-store.port';
import { MongoKeyStore, PERSONAL_DATA_KEYS } from '../../../src/infrastructure/key-store/mongo/mongo-key-store';
import { freePort } from '../../support/free-port';
import { mongoTestServer } from '../../support/mongo-test-server';
import { keyStoreContract } from './key-store.contract';

const mongo = mongoTestServer('MongoDB key-store contract');
// Without a server no test that reads `database` runs.
const database = mongo?.database('key_store_contract') ?? 'no_server';

if (mongo) {
  beforeAll(() => mongo.start(), 60_000);
  afterAll(() => mongo.stop(), 30_000);
}

// Registered without a server too, so each of its tests is reported as skipped.
keyStoreContract(
  mongo?.label ?? 'MongoDB',
  () => ({
    open: async () => new MongoKeyStore(mongo!.uri(), database, { serverSelectionTimeoutMS: 5000 }),
    dispose: (store) => store.close(),
  }),
  { available: mongo !== null },
);

(mongo ? describe : describe.skip)('MongoKeyStore', () => {
  it('keeps keys in personal_data_keys and leaves only a tombstone, without the key, once destroyed', async () => {
    const store = new MongoKeyStore(mongo!.uri(), database, { serverSelectionTimeoutMS: 5000 });
    const client = new MongoClient(mongo!.uri(), { serverSelectionTimeoutMS: 5000 });
    try {
      const key = await store.getOrCreate('E-stored');
      const keys = client.db(database).collection<{ _id: string }>(PERSONAL_DATA_KEYS);
      const stored = await keys.findOne({ _id: 'E-stored' });
      expect(Buffer.from((stored as unknown as { key: { value(): Uint8Array } }).key.value())).toEqual(key);
      await store.destroy('E-stored');
      expect(await keys.findOne({ _id: 'E-stored' })).toEqual({ _id: 'E-stored', destroyed: true });
    } finally {
      await store.close();
      await client.close();
    }
  });
});

describe('MongoKeyStore without a reachable server', () => {
  it('fails with StoreUnavailableError, never with null: an unreachable key is not an erased one', async () => {
    const port = await freePort();
    const store = new MongoKeyStore(`mongodb://127.0.0.1:${port}/`, 'unreachable', { serverSelectionTimeoutMS: 300 });
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.get('E1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.getOrCreate('E1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.destroy('E1')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});
