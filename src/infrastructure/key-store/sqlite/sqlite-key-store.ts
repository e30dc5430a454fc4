import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { StoreUnavailableError } from '../../event-store/event-store.port';
import { openSqlite } from '../../event-store/sqlite/open-sqlite';
import { isUnavailable } from '../../event-store/sqlite/sqlite-errors';
import { BUSY_WAIT_MS, LockQueue } from '../../event-store/sqlite/lock-wait';
import { KEY_BYTES, KeyStore, PersonalDataKeyDestroyedError } from '../key-store.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_keys (
    employee_id TEXT PRIMARY KEY,
    key         BLOB NOT NULL CHECK (length(key) = ${KEY_BYTES})
  );
  -- Who had a key that was destroyed: never the key, only the fact (so that no new key is made for them).
  CREATE TABLE IF NOT EXISTS destroyed_keys (
    employee_id TEXT PRIMARY KEY
  );
`;

/**
 * The embedded key store: its own SQLite file (DATA_DIR/keys.db), apart from the
 * event log, so that it can be backed up, restored and wiped on its own terms.
 *
 * - synchronous=FULL: an acknowledged key survives a power loss (a lost key is lost data).
 * - journal_mode=DELETE, not WAL: a WAL file keeps old page images (the key
 *   among them) until a checkpoint overwrites them; the rollback journal holds
 *   them only while the destroying transaction runs and is deleted at commit.
 * - secure_delete=ON: SQLite overwrites the deleted row and freed pages with
 *   zeros in the same transaction, so the key bytes do not linger in free space
 *   of the file (no VACUUM needed, which would rewrite the whole file on every
 *   erasure). The key-store int test searches the file for the key's bytes.
 *
 * Another connection to the file (an import in another process, the projection worker's reads)
 * may hold its lock: a rollback journal's commit shuts readers out too. Reads and writes then wait
 * for it on timers, in the order asked (LockQueue), never in SQLite's busy handler, which would
 * stop the request thread, and are refused with 503 after `busyWaitMs`.
 *
 * What SQLite cannot reach: copies below the file (file-system journal, SSD
 * wear levelling, deleted journal blocks) and backups. Put DATA_DIR on encrypted
 * storage and keep key-store backups no longer than erasure may be delayed.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly getOrCreateTransaction;
  private readonly destroyTransaction;
  private readonly queue: LockQueue;

  /**
   * @param file a path, or ':memory:' for tests
   * @param busyWaitMs how long an operation waits for a lock another connection holds
   */
  constructor(file: string, busyWaitMs = BUSY_WAIT_MS) {
    this.db = openSqlite(file, (db) => {
      db.pragma(`busy_timeout = ${busyWaitMs}`);
      db.pragma('journal_mode = DELETE');
      db.pragma('synchronous = FULL');
      db.pragma('secure_delete = ON');
      db.exec(SCHEMA);
    });
    this.statements = {
      key: this.db.prepare('SELECT key FROM personal_data_keys WHERE employee_id = ?').pluck(),
      destroyed: this.db.prepare('SELECT 1 FROM destroyed_keys WHERE employee_id = ?').pluck(),
      insert: this.db.prepare('INSERT INTO personal_data_keys (employee_id, key) VALUES (?, ?) ON CONFLICT (employee_id) DO NOTHING'),
      remove: this.db.prepare('DELETE FROM personal_data_keys WHERE employee_id = ?'),
      tombstone: this.db.prepare('INSERT INTO destroyed_keys (employee_id) VALUES (?) ON CONFLICT (employee_id) DO NOTHING'),
    };
    this.getOrCreateTransaction = this.db.transaction((employeeId: string): Buffer => {
      if (this.statements.destroyed.get(employeeId)) throw new PersonalDataKeyDestroyedError(employeeId);
      // Another process may have inserted first: the insert then does nothing and both read the stored key.
      this.statements.insert.run(employeeId, randomBytes(KEY_BYTES));
      return this.statements.key.get(employeeId) as Buffer;
    });
    this.destroyTransaction = this.db.transaction((employeeId: string) => {
      this.statements.remove.run(employeeId);
      this.statements.tombstone.run(employeeId);
    });
    this.queue = new LockQueue(this.db, busyWaitMs);
  }

  async getOrCreate(employeeId: string): Promise<Buffer> {
    // IMMEDIATE: take the write lock before looking, so that no other process destroys or creates in between.
    return this.run(() => this.getOrCreateTransaction.immediate(employeeId));
  }

  async get(employeeId: string): Promise<Buffer | null> {
    return this.run(() => (this.statements.key.get(employeeId) as Buffer | undefined) ?? null);
  }

  async destroy(employeeId: string): Promise<void> {
    await this.run(() => this.destroyTransaction.immediate(employeeId));
  }

  async ping(): Promise<void> {
    // Takes no lock, so it is not queued behind operations waiting for one: /health answers at once.
    try {
      this.db.prepare('SELECT 1').get();
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.queue.drain();
    this.db.close();
  }

  private async run<T>(operation: () => T): Promise<T> {
    try {
      return await this.queue.run(operation);
    } catch (error) {
      throw unavailableOr(error);
    }
  }
}

/** A failure of the file (locked too long, read-only, full, closed) as the port's 503; any other as it is. */
const unavailableOr = (error: unknown): unknown => (isUnavailable(error) ? new StoreUnavailableError('SQLite key store', error) : error);
