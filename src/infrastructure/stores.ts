import { Config } from '../config/config';
import { privateDatabaseFile } from './data-dir';
import { SealingEventStore } from '../personal-data/sealing-event-store';
import { EventStore } from './event-store/event-store.port';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store';
import { KeyStore } from './key-store/key-store.port';
import { MongoKeyStore } from './key-store/mongo/mongo-key-store';
import { SqliteKeyStore } from './key-store/sqlite/sqlite-key-store';
import { ReadStore } from './read-store/read-store.port';
import { SqliteReadStore } from './read-store/sqlite/sqlite-read-store';
import { EsdbEventStore } from './event-store/esdb/esdb-event-store';
import { MongoReadStore } from './read-store/mongo/mongo-read-store';

/** Chooses the adapters by configuration: the embedded SQLite files by default, EventStoreDB and MongoDB in production. */
export async function createRawEventStore(config: Config): Promise<EventStore> {
  if (config.eventStore === 'esdb') return EsdbEventStore.connect(config.eventStoreConnectionString!);
  return new SqliteEventStore({ file: privateDatabaseFile(config.dataDir, 'events.db') });
}

/** The personal-data keys: their own SQLite file by default (never inside events.db: the log is kept, keys are destroyed). */
export async function createKeyStore(config: Config): Promise<KeyStore> {
  if (config.keyStore === 'mongo') return MongoKeyStore.connect(config.mongodbUri!, config.mongodbDatabase);
  return new SqliteKeyStore(privateDatabaseFile(config.dataDir, 'keys.db'));
}

/**
 * The event store the application reads and writes: personal data sealed on
 * append and opened on read. What is stored (for verifying hash chains) is read
 * from createRawEventStore.
 */
export async function createEventStore(config: Config): Promise<EventStore> {
  const raw = await createRawEventStore(config);
  try {
    return new SealingEventStore(raw, await createKeyStore(config));
  } catch (error) {
    await raw.close();
    throw error;
  }
}

export async function createReadStore(config: Config): Promise<ReadStore> {
  if (config.readStore === 'mongo') return MongoReadStore.connect(config.mongodbUri!, config.mongodbDatabase);
  return new SqliteReadStore(privateDatabaseFile(config.dataDir, 'read-models.db'));
}
