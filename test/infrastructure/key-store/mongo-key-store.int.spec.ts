/**
 * The key-store contract against MongoDB: MONGODB_URI if set, else a throwaway
 * FerretDB (test/support/ferretdb.ts), else skipped with one line saying why.
 */
import { MongoClient } from 'mongodb';
import { StoreUnavailableError } from '../../../src/infrastructure/event-store/event-store.port';
import { MongoKeyStore, PERSONAL_DATA_KEYS } from '../../../src/infrastructure/key-store/mongo/mongo-key-store';
import { FerretDb, findFerretDbBinary, freePort, startFerretDb } from '../../support/ferretdb';
import { keyStoreContract } from './key-store.contract';

const externalUri = process.env.MONGODB_URI;
const ferretDbBinary = externalUri ? null : findFerretDbBinary();
const database = `key_store_contract_${process.pid}_${Date.now()}`;

if (externalUri || ferretDbBinary) {
  let uri: string;
  let ferretDb: FerretDb | undefined;

  beforeAll(async () => {
    ferretDb = ferretDbBinary ? await startFerretDb(ferretDbBinary) : undefined;
    uri = externalUri ?? ferretDb!.uri;
  }, 60_000);

  afterAll(async () => {
    if (!uri) return; // beforeAll failed and said why
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await client.db(database).dropDatabase();
    } finally {
      await client.close();
      await ferretDb?.stop();
    }
  }, 30_000);

  keyStoreContract(externalUri ? 'MongoDB (MONGODB_URI)' : 'MongoDB (FerretDB)', () => ({
    open: async () => new MongoKeyStore(uri, database, { serverSelectionTimeoutMS: 5000 }),
    dispose: (store) => store.close(),
  }));

  describe('MongoKeyStore', () => {
    it('keeps keys in personal_data_keys and leaves only a tombstone, without the key, once destroyed', async () => {
      const store = new MongoKeyStore(uri, database, { serverSelectionTimeoutMS: 5000 });
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
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
} else {
  console.log('MongoDB key-store contract skipped: no MONGODB_URI and no FerretDB binary (FERRETDB_BIN or .tools/bin/ferretdb); build it with `npm run tools:ferretdb`');
  describe.skip('KeyStore contract: MongoDB', () => {
    it('needs MONGODB_URI or a FerretDB binary', () => undefined);
  });
}

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
