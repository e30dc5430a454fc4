import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Config } from '../config/config';
import { EventStore } from './event-store/event-store.port';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store';
import { ReadStore } from './read-store/read-store.port';
import { SqliteReadStore } from './read-store/sqlite/sqlite-read-store';
import { EsdbEventStore } from './event-store/esdb/esdb-event-store';
import { MongoReadStore } from './read-store/mongo/mongo-read-store';

/** Chooses the adapters by configuration: the embedded SQLite files by default, EventStoreDB and MongoDB in production. */
export async function createEventStore(config: Config): Promise<EventStore> {
  if (config.eventStore === 'esdb') return EsdbEventStore.connect(config.eventStoreConnectionString!);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db') });
}

export async function createReadStore(config: Config): Promise<ReadStore> {
  if (config.readStore === 'mongo') return MongoReadStore.connect(config.mongodbUri!, config.mongodbDatabase);
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore(join(config.dataDir, 'read-models.db'));
}
