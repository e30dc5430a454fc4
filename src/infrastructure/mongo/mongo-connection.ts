/**
 * What the MongoDB adapters (read store, key store) share: one client, connected
 * on the first operation and again after a failed connect, and the mapping of an
 * unreachable server to StoreUnavailableError (the API's 503 with Retry-After).
 */
import {
  MongoClient,
  MongoClientOptions,
  MongoNetworkError,
  MongoServerClosedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { StoreUnavailableError } from '../event-store/event-store.port';

export interface MongoStoreOptions {
  /** How long an operation waits for a reachable server before failing with StoreUnavailableError. */
  serverSelectionTimeoutMS?: number;
}

/** E11000: an insert (or an upsert's insert) hit an existing _id or unique index key. */
export const DUPLICATE_KEY = 11000;

const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 2000;
/**
 * After this long with nothing but unreachable-server errors, the client is replaced
 * by a fresh one. Seen in the fault test (production-stores-down) on a loaded
 * machine: once the link to the server was cut and restored, the driver went on
 * failing every operation on the same closed pooled connection ("connection 7 …
 * closed") for as long as the test waited, while a new client connected at once.
 * During a real outage a reset every few seconds costs nothing: the old client is
 * closed, and the new one fails the same way until the server is back.
 */
const RESET_AFTER_UNREACHABLE_MS = 5000;

/**
 * What the driver throws while the server is out of reach: no server selected in
 * time, a network error on the connection (a reset pool's included), and, in the
 * race just after a connection dropped, the server or topology the operation had
 * selected being closed under it. Each one passes by itself: a 503, never a 500.
 */
const UNREACHABLE = [MongoServerSelectionError, MongoNetworkError, MongoServerClosedError, MongoTopologyClosedError];

export class MongoConnection {
  private current: MongoClient;
  private connection: Promise<void> | null = null;
  /** When the unbroken run of unreachable-server errors began; null after a success. */
  private unreachableSince: number | null = null;
  private readonly newClient: () => MongoClient;

  /** Connects lazily, on the first run(). `what` names the store in StoreUnavailableError. */
  constructor(
    uri: string,
    private readonly what: string,
    options: MongoStoreOptions = {},
    clientOptions: Omit<MongoClientOptions, 'serverSelectionTimeoutMS'> = {},
  ) {
    this.newClient = () =>
      new MongoClient(uri, {
        ...clientOptions,
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
      });
    this.current = this.newClient();
  }

  /** The client to use now: read it for every operation, as a reset replaces it. */
  get client(): MongoClient {
    return this.current;
  }

  /** Runs an operation on the connected client; an unreachable server (UNREACHABLE) is a StoreUnavailableError. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      await this.connect();
      const result = await operation();
      this.unreachableSince = null;
      return result;
    } catch (error) {
      if (UNREACHABLE.some((kind) => error instanceof kind)) {
        this.resetWhenStuck();
        throw new StoreUnavailableError(this.what, error);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.current.close();
  }

  /** Replaces the client once it has failed for RESET_AFTER_UNREACHABLE_MS without a success (see there why). */
  private resetWhenStuck(): void {
    const now = Date.now();
    this.unreachableSince ??= now;
    if (now - this.unreachableSince < RESET_AFTER_UNREACHABLE_MS) return;
    const stuck = this.current;
    this.current = this.newClient();
    this.connection = null;
    this.unreachableSince = null;
    // Operations still running on the old client fail as unreachable (a 503) and are retried by their callers.
    stuck.close(true).catch(() => undefined);
  }

  /**
   * Connects explicitly: after a failed implicit first connect the driver keeps a closed
   * topology and every later operation fails (MongoTopologyClosedError) even once the
   * server is back; a failed connect() is retried by the next operation instead.
   */
  private connect(): Promise<void> {
    this.connection ??= this.current.connect().then(
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
