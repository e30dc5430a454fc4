/**
 * What the MongoDB adapters (read store, key store) share: one client, connected
 * on the first operation and again after a failed connect, and the mapping of an
 * unreachable server to StoreUnavailableError (the API's 503 with Retry-After).
 */
import { MongoClient, MongoClientOptions, MongoNetworkError, MongoServerClosedError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';
import { StoreUnavailableError } from '../event-store/event-store.port';

export interface MongoStoreOptions {
  /** How long an operation waits for a reachable server before failing with StoreUnavailableError. */
  serverSelectionTimeoutMS?: number;
}

/** E11000: an insert (or an upsert's insert) hit an existing _id or unique index key. */
export const DUPLICATE_KEY = 11000;

const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 2000;

/**
 * What the driver throws while the server is out of reach: no server selected in
 * time, a network error on the connection (a reset pool's included), and, in the
 * race just after a connection dropped, the server or topology the operation had
 * selected being closed under it. Each one passes by itself: a 503, never a 500.
 */
const UNREACHABLE = [MongoServerSelectionError, MongoNetworkError, MongoServerClosedError, MongoTopologyClosedError];

export class MongoConnection {
  readonly client: MongoClient;
  private connection: Promise<void> | null = null;

  /** Connects lazily, on the first run(). `what` names the store in StoreUnavailableError. */
  constructor(
    uri: string,
    private readonly what: string,
    options: MongoStoreOptions = {},
    clientOptions: Omit<MongoClientOptions, 'serverSelectionTimeoutMS'> = {},
  ) {
    this.client = new MongoClient(uri, { ...clientOptions, serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS });
  }

  /** Runs an operation on the connected client; an unreachable server (UNREACHABLE) is a StoreUnavailableError. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      await this.connect();
      return await operation();
    } catch (error) {
      if (UNREACHABLE.some((kind) => error instanceof kind)) {
        throw new StoreUnavailableError(this.what, error);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /**
   * Connects explicitly: after a failed implicit first connect the driver keeps a closed
   * topology and every later operation fails (MongoTopologyClosedError) even once the
   * server is back; a failed connect() is retried by the next operation instead.
   */
  private connect(): Promise<void> {
    this.connection ??= this.client.connect().then(
      () => undefined,
      (error: unknown) => {
        this.connection = null;
        throw error;
      },
    );
    return this.connection;
  }
}

/** The store once its server answered a ping; closed again, and the error rethrown, when it did not. */
export async function pinged<S extends { ping(): Promise<void>; close(): Promise<void> }>(store: S): Promise<S> {
  try {
    await store.ping();
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
