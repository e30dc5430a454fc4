import { Binary, Collection, MongoServerError } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { DUPLICATE_KEY, MongoConnection, MongoStoreOptions, pinged } from '../../mongo/mongo-connection';
import { KEY_BYTES, KeyStore, PersonalDataKeyDestroyedError } from '../key-store.port';

/** A live key, or the tombstone of a destroyed one (no key field: the key is gone, only the fact stays). */
interface KeyDoc {
  _id: string;
  key?: Binary;
  destroyed?: true;
}

export const PERSONAL_DATA_KEYS = 'personal_data_keys';

/**
 * The production key store: one document per employee in `personal_data_keys`.
 * Writes wait for a majority and the journal (a lost key is lost data). Two
 * processes creating the same employee's key race on the unique `_id`: the
 * loser's insert fails and it reads the winner's key.
 *
 * Destroying replaces the document by a tombstone. MongoDB does not overwrite
 * the old bytes at once: they stay in WiredTiger's free space until reused (or
 * `compact`), in the oplog until it rolls over, and in backups. Bound those
 * (oplog window, backup retention) by how long an erasure may take to complete.
 */
export class MongoKeyStore implements KeyStore {
  private readonly mongo: MongoConnection;
  private readonly database: string;

  /** A store whose server answered a ping (closed again when it did not). */
  static connect(uri: string, database: string, options: MongoStoreOptions = {}): Promise<MongoKeyStore> {
    return pinged(new MongoKeyStore(uri, database, options));
  }

  /** Connects lazily, on the first operation. */
  constructor(uri: string, database: string, options: MongoStoreOptions = {}) {
    this.mongo = new MongoConnection(uri, 'MongoDB key store', options);
    this.database = database;
  }

  /** Read for every operation: the connection may have replaced a stuck client (mongo-connection.ts). */
  private get keys(): Collection<KeyDoc> {
    return this.mongo.client.db(this.database).collection<KeyDoc>(PERSONAL_DATA_KEYS, { writeConcern: { w: 'majority', journal: true } });
  }

  async getOrCreate(employeeId: string): Promise<Buffer> {
    return this.mongo.run(async () => {
      const found = await this.keys.findOne({ _id: employeeId });
      if (found) return keyOf(found);
      const key = randomBytes(KEY_BYTES);
      try {
        await this.keys.insertOne({ _id: employeeId, key: new Binary(key) });
        return key;
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
        const winner = await this.keys.findOne({ _id: employeeId });
        if (!winner) throw error;
        return keyOf(winner);
      }
    });
  }

  async get(employeeId: string): Promise<Buffer | null> {
    const found = await this.mongo.run(() => this.keys.findOne({ _id: employeeId }));
    return found?.key ? Buffer.from(found.key.value()) : null;
  }

  async destroy(employeeId: string): Promise<void> {
    await this.mongo.run(() => this.keys.replaceOne({ _id: employeeId }, { destroyed: true }, { upsert: true }));
  }

  async ping(): Promise<void> {
    await this.mongo.run(() => this.mongo.client.db('admin').command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.mongo.close();
  }
}

function keyOf(doc: KeyDoc): Buffer {
  if (!doc.key) throw new PersonalDataKeyDestroyedError(doc._id);
  return Buffer.from(doc.key.value());
}
