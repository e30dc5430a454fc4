/**
 * MongoDB for integration tests: MONGODB_URI when it is set, else a throwaway
 * FerretDB (test/support/ferretdb.ts: FERRETDB_BIN or .tools/bin/ferretdb, built by
 * `npm run tools:ferretdb`), else none: the MongoDB half of the test is then declared
 * with describe.skip, after one line saying why, so that each of its tests is counted
 * as skipped (never replaced by a placeholder, never left out).
 *
 *   const mongo = mongoTestServer('MongoDB key-store contract');
 *   if (mongo) {
 *     beforeAll(() => mongo.start(), 60_000);
 *     afterAll(() => mongo.stop(), 30_000);
 *   }
 *   keyStoreContract('MongoDB', () => ({ open: async () => new MongoKeyStore(mongo!.uri(), ...), ... }), { available: mongo !== null });
 *   (mongo ? describe : describe.skip)('...', () => { it('...', ...) });
 *
 * The caller registers start and stop itself, so that whatever uses the server
 * (an application, a store) can be closed before it goes.
 */
import { MongoClient } from 'mongodb';
import { FerretDb, findFerretDbBinary, startFerretDb } from './ferretdb';

export interface MongoTestServer {
  /** 'MongoDB (MONGODB_URI)' or 'MongoDB (FerretDB)', for test titles. */
  readonly label: string;
  /** A FerretDB started here, on 127.0.0.1 (rather than the server MONGODB_URI names). */
  readonly isFerretDb: boolean;
  /** Starts FerretDB unless MONGODB_URI is set (for a beforeAll, with a timeout of a minute). */
  start(): Promise<void>;
  /** The connection string, once started. */
  uri(): string;
  /** A database name no other test used (`<prefix>_<pid>_<time>_<n>`), dropped by stop(). */
  database(prefix: string): string;
  /** Drops every database named by database(), then stops FerretDB (for an afterAll). */
  stop(): Promise<void>;
}

let counter = 0;
const runId = `${process.pid}_${Date.now().toString(36)}`;

/** The MongoDB the tests can use, or null after one console line `<what> skipped: …` when there is none. */
export function mongoTestServer(what: string): MongoTestServer | null {
  const externalUri = process.env.MONGODB_URI || undefined;
  const ferretDbBinary = externalUri ? null : findFerretDbBinary();
  if (!externalUri && !ferretDbBinary) {
    console.log(
      `${what} skipped, its tests reported as skipped: no MONGODB_URI and no FerretDB binary (FERRETDB_BIN or .tools/bin/ferretdb); build it with \`npm run tools:ferretdb\``,
    );
    return null;
  }
  let ferretDb: FerretDb | undefined;
  let uri = externalUri;
  const databases: string[] = [];
  return {
    label: externalUri ? 'MongoDB (MONGODB_URI)' : 'MongoDB (FerretDB)',
    isFerretDb: !externalUri,
    start: async () => {
      if (uri) return;
      ferretDb = await startFerretDb(ferretDbBinary!);
      uri = ferretDb.uri;
    },
    uri: () => {
      if (!uri) throw new Error(`${what}: the MongoDB test server is not started (call start() in a beforeAll)`);
      return uri;
    },
    database: (prefix) => {
      const name = `${prefix}_${runId}_${++counter}`;
      databases.push(name);
      return name;
    },
    stop: async () => {
      try {
        // No uri: start() failed, and said why.
        if (uri && databases.length) {
          const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
          try {
            for (const database of databases.splice(0)) await client.db(database).dropDatabase();
          } finally {
            await client.close();
          }
        }
      } finally {
        await ferretDb?.stop();
        ferretDb = undefined;
        uri = externalUri;
      }
    },
  };
}
