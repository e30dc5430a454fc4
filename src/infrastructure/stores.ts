import { Config } from '../config/config';
import { privateDatabaseFile } from './data-dir';
import { EventStore } from './event-store/event-store.port';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store';
import { KeyStore } from './key-store/key-store.port';
import { MongoKeyStore } from './key-store/mongo/mongo-key-store';
import { SqliteKeyStore } from './key-store/sqlite/sqlite-key-store';
import { ReadStore } from './read-store/read-store.port';
import { SqliteReadStore } from './read-store/sqlite/sqlite-read-store';
import { EsdbEventStore } from './event-store/esdb/esdb-event-store';
import { MongoReadStore } from './read-store/mongo/mongo-read-store';

/**
 * The event store the application reads and writes, made over the store as
 * stored and the key store: the personal-data feature seals personal data there
 * (personal-data/sealing-event-store.ts). Given by the composition root, so that
 * infrastructure knows no feature.
 */
export type ApplicationEventStore = (stored: EventStore, keys: KeyStore) => EventStore;

/** Chooses the adapters by configuration: the embedded SQLite files by default, EventStoreDB and MongoDB in production. */
export async function createRawEventStore(config: Config, embedded = createEmbeddedEventStore(config)): Promise<EventStore> {
  return embedded ?? EsdbEventStore.connect(config.eventStoreConnectionString!);
}

/** The embedded SQLite log, or null when the log is EventStoreDB. */
export function createEmbeddedEventStore(config: Config): SqliteEventStore | null {
  return config.eventStore === 'esdb' ? null : new SqliteEventStore({ file: privateDatabaseFile(config.dataDir, 'events.db') });
}

/** The personal-data keys: their own SQLite file by default (never inside events.db: the log is kept, keys are destroyed). */
export async function createKeyStore(config: Config): Promise<KeyStore> {
  if (config.keyStore === 'mongo') return MongoKeyStore.connect(config.mongodbUri!, config.mongodbDatabase);
  return new SqliteKeyStore(privateDatabaseFile(config.dataDir, 'keys.db'));
}

export async function createReadStore(config: Config): Promise<ReadStore> {
  if (config.readStore === 'mongo') return MongoReadStore.connect(config.mongodbUri!, config.mongodbDatabase);
  return new SqliteReadStore(privateDatabaseFile(config.dataDir, 'read-models.db'));
}
