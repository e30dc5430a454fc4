import Database from 'better-sqlite3';
import {
  AllSubscription,
  AppendResult,
  DuplicateEventIdError,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  IssuedPositions,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreUnavailableError,
  SubscribeToAllOptions,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { PollingSubscription } from '../polling-subscription';
import { SharedPages } from './shared-pages';
import { SharedStreams } from './shared-streams';
import { StoredRow, StreamTails } from './stream-tails';
import { openSqlite } from './open-sqlite';
import { isBusy, isUnavailable } from './sqlite-errors';
import { BUSY_WAIT_MS, LockWait } from './lock-wait';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:' (tests). */
  file: string;
  /** Positions of a new, empty store start here (tests of 64-bit positions). */
  firstPosition?: bigint;
  /** How often a caught-up subscription looks for appends made by another process. */
  pollIntervalMs?: number;
  /** How long appends wait for the file's write lock while another connection holds it (an import, a second replica); 5 s. */
  busyWaitMs?: number;
}

interface EventRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  /** A bigint as read; the number appended, in the rows an append keeps (Appended). */
  schema_version: bigint | number;
  data: string;
  metadata: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    -- AUTOINCREMENT: a position is never reused, even if the last row were removed behind our back.
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream         TEXT    NOT NULL,
    revision       INTEGER NOT NULL,
    id             TEXT    NOT NULL UNIQUE,
    type           TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
`;

const PAGE = 500;
const MAX_INT64 = 2n ** 63n - 1n;

/** An append waiting for the group commit; settled only once the group's transaction is committed (or failed). */
interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  events: EventToAppend[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** An append's result and the rows it inserted (none for an idempotent retry), as they are now stored. */
interface Appended {
  result: AppendResult;
  rows: EventRow[];
}

type AppendOutcome = Appended | { error: unknown };

/**
 * The embedded event store: one SQLite file, WAL, synchronous=FULL so that an
 * acknowledged append survives a power loss. SQLite has a single writer, so
 * positions are handed out in commit order and a reader never sees a gap that
 * a slower transaction later fills.
 *
 * Group commit: appends that arrive in the same turn of the event loop (concurrent
 * requests) are written in one transaction, so they share one fsync. Each append
 * runs in its own savepoint with its own expected-revision check, so a refused
 * append leaves the others of its group untouched; none is acknowledged before the
 * group's COMMIT returned.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly commitListeners = new Set<() => void>();
  private readonly pollIntervalMs: number;
  private readonly statements;
  private readonly appendTransaction;
  private readonly groupTransaction;
  private readonly pages: SharedPages;
  private readonly streams: SharedStreams;
  private readonly tails: StreamTails;
  private pending: PendingAppend[] = [];
  /** The pending group's wait for the write lock another connection holds (commitPending). */
  private readonly lock: LockWait;
  private readonly firstPosition: bigint;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.firstPosition = options.firstPosition ?? 1n;
    const busyWaitMs = options.busyWaitMs ?? BUSY_WAIT_MS;
    this.db = openSqlite(options.file, (db) => {
      db.pragma(`busy_timeout = ${busyWaitMs}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(SCHEMA);
      if (options.firstPosition !== undefined) startPositionsAt(db, options.firstPosition);
    });
    this.lock = new LockWait(this.db, busyWaitMs);

    const prepare = (sql: string) => this.db.prepare(sql).safeIntegers(true);
    this.statements = {
      lastRevision: prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?').pluck(),
      findById: prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
      idAt: prepare('SELECT id, position FROM events WHERE stream = ? AND revision = ?'),
      insert: prepare('INSERT INTO events (stream, revision, id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      forwards: prepare('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?'),
      backwards: prepare('SELECT * FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'),
      all: prepare('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?'),
      head: prepare('SELECT MAX(position) FROM events').pluck(),
      // AUTOINCREMENT's high-water mark: it outlives a deleted last row, and a rolled-back insert gives its number back.
      issued: prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck(),
    };
    // Inside the group's transaction, better-sqlite3 runs this one as a savepoint.
    this.appendTransaction = this.db.transaction((stream: string, expected: ExpectedRevision, events: EventToAppend[]): Appended =>
      this.appendInTransaction(stream, expected, events),
    );
    this.groupTransaction = this.db.transaction((group: PendingAppend[]): AppendOutcome[] =>
      group.map((append) => this.appendInGroup(append)),
    );
    // data_version moves when another connection commits to the file: each cache asks "since I last looked?".
    // It is looked at once per turn of the event loop, whichever cache asks first: a look opens a read
    // transaction on the file, and the looks of every read were 5 % of the request thread under
    // bench:api. So a write elsewhere is seen from the next turn on; a command that read a stale cache
    // in between is refused by its append's expected revision and decided again.
    const dataVersion = this.db.prepare('PRAGMA data_version').pluck();
    let version = dataVersion.get();
    let writesElsewhere = 0;
    let lookedThisTurn = false;
    const countWritesElsewhere = () => {
      if (lookedThisTurn) return writesElsewhere;
      lookedThisTurn = true;
      setImmediate(() => (lookedThisTurn = false));
      return version !== (version = dataVersion.get()) ? ++writesElsewhere : writesElsewhere;
    };
    const changedElsewhere = () => {
      let seen = writesElsewhere;
      return () => seen !== (seen = countWritesElsewhere());
    };
    this.pages = new SharedPages((after) => this.readAllSync(after, PAGE), changedElsewhere());
    this.streams = new SharedStreams(
      (stream, from) => (this.statements.forwards.all(stream, from, -1) as EventRow[]).map(toRecorded),
      changedElsewhere(),
    );
    this.tails = new StreamTails(changedElsewhere());
  }

  async appendToStream(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    return new Promise((resolve, reject) => {
      // The first append of a turn schedules the commit; those of the same turn (other requests) join it.
      if (this.pending.push({ stream, expected, events, resolve, reject }) === 1) setImmediate(() => this.commitPending());
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    // A whole stream (what commands read) comes from the kept streams plus its new events; its start, from them when kept.
    if (options.direction !== 'backwards' && !options.fromRevision) {
      const { maxCount } = options;
      if (maxCount === undefined) return this.reading(() => this.streams.stream(stream).slice());
      const kept = maxCount >= 0 ? this.reading(() => this.streams.prefix(stream, maxCount)) : null;
      if (kept) return kept;
    }
    // The rest of a stream from a revision (a command folding on from its kept state): known without a query when this store wrote it.
    const toTheEnd = options.direction !== 'backwards' && options.maxCount === undefined;
    if (toTheEnd && options.fromRevision) {
      const known = this.tails.from(stream, options.fromRevision);
      if (known) return known;
    }
    const limit = options.maxCount ?? -1;
    const rows = this.reading(() =>
      options.direction === 'backwards'
        ? this.statements.backwards.all(stream, options.fromRevision ?? MAX_INT64, limit)
        : this.statements.forwards.all(stream, options.fromRevision ?? 0n, limit),
    ) as EventRow[];
    if (toTheEnd && rows.length > 0) this.tails.readTo(stream, rows[rows.length - 1].revision);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.after, options.maxCount ?? -1);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const sub = new PollingSubscription(
      async (after) => this.pages.page(after ?? -1n) as RecordedEvent[],
      options.after,
      this.pollIntervalMs,
      (closed) => this.subscriptions.delete(closed),
      PAGE,
    );
    this.subscriptions.add(sub);
    return sub;
  }

  async headPosition(): Promise<bigint> {
    return (this.reading(() => this.statements.head.get()) as bigint | null) ?? 0n;
  }

  /**
   * Dense: positions come from AUTOINCREMENT inside the append's transaction, so
   * a refused append (its savepoint rolled back) or a failed group (rolled back
   * whole) gives its numbers back, and an idempotent retry inserts nothing.
   * A store made with `firstPosition` must be reopened with it.
   */
  async issuedPositions(): Promise<IssuedPositions> {
    const issued = this.reading(() => this.statements.issued.get()) as bigint | undefined;
    return { first: this.firstPosition, last: issued ?? this.firstPosition - 1n };
  }

  /** Called after each commit of this connection's appends (e.g. to wake the projection worker). Returns the unsubscribe. */
  onCommitted(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /**
   * Another connection to the file (the service's request thread, seen from the
   * projection worker) has appended: wake the subscriptions now instead of at their
   * next poll. The shared pages notice the change by themselves (data_version).
   */
  wakeSubscriptions(): void {
    for (const sub of this.subscriptions) sub.notify();
  }

  async ping(): Promise<void> {
    try {
      this.db.prepare('SELECT 1').get();
    } catch (error) {
      throw new StoreUnavailableError('SQLite event store', error);
    }
  }

  async close(): Promise<void> {
    // Appends already handed to us are committed (or refused), not left hanging: waiting for the lock in SQLite if need be.
    this.lock.done();
    this.commitPending(true);
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.db.open) this.db.close();
  }

  /**
   * Commits the appends of this turn in one transaction, then settles each with its own outcome.
   * Unless `blocking`, a group that finds the file's write lock taken by another connection (an
   * import, a second replica) waits for it on timers, not in SQLite (lock-wait.ts), for up to
   * busyWaitMs; the appends of the turns meanwhile join it, after it.
   */
  private commitPending(blocking = false): void {
    if (this.lock.waiting && !blocking) return;
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let outcomes: AppendOutcome[];
    try {
      // IMMEDIATE: take the write lock before reading the streams' revisions, so two processes cannot interleave.
      const commit = () => this.groupTransaction.immediate(group);
      outcomes = blocking ? commit() : this.lock.withoutSleeping(commit);
    } catch (error) {
      // Nothing of the group is stored: BEGIN found the lock taken, or BEGIN or COMMIT failed (disk full, closed).
      if (!blocking && isBusy(error) && this.lock.retryLater(() => this.commitPending())) {
        this.pending = [...group, ...this.pending];
        return;
      }
      this.lock.done();
      for (const append of group) append.reject(this.translate(error, append.stream, append.events));
      return;
    }
    this.lock.done();
    this.pages.forget();
    outcomes.forEach((outcome, i) => {
      const append = group[i];
      if ('result' in outcome) {
        this.streams.appended(append.stream, () => outcome.rows.map(toRecorded));
        this.tails.appended(append.stream, outcome.rows.map(storedRow));
        append.resolve(outcome.result);
      } else {
        append.reject(this.translate(outcome.error, append.stream, append.events));
      }
    });
    for (const sub of this.subscriptions) sub.notify();
    for (const listener of this.commitListeners) listener();
  }

  private appendInGroup(append: PendingAppend): AppendOutcome {
    try {
      return this.appendTransaction(append.stream, append.expected, append.events);
    } catch (error) {
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction: then the group fails as one.
      if (!this.db.inTransaction) throw error;
      return { error };
    }
  }

  private readAllSync(after: bigint | undefined, limit: number): RecordedEvent[] {
    return (this.reading(() => this.statements.all.all(after ?? -1n, limit)) as EventRow[]).map(toRecorded);
  }

  /** A read that fails for want of the file (closed, locked too long, I/O) is a 503, not a 500. */
  private reading<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw isUnavailable(error) ? new StoreUnavailableError('SQLite event store', error) : error;
    }
  }

  private appendInTransaction(stream: string, expected: ExpectedRevision, events: EventToAppend[]): Appended {
    const current = this.statements.lastRevision.get(stream) as bigint | null;
    const retried = this.alreadyAppended(stream, expected, events, current);
    if (retried) return { result: retried, rows: [] };
    if (!matches(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no_stream');

    let revision = current ?? -1n;
    let position = 0n;
    const rows: EventRow[] = [];
    for (const e of events) {
      revision += 1n;
      const data = JSON.stringify(e.data);
      const metadata = JSON.stringify(e.metadata);
      const info = this.statements.insert.run(stream, revision, e.id, e.type, e.schemaVersion, data, metadata);
      position = BigInt(info.lastInsertRowid);
      rows.push({ position, stream, revision, id: e.id, type: e.type, schema_version: e.schemaVersion, data, metadata });
    }
    return { result: { nextExpectedRevision: revision, position }, rows };
  }

  /**
   * EventStoreDB's idempotence: when the batch's ids already sit in this stream
   * right after the expected revision, the append is a retry that succeeded before.
   */
  private alreadyAppended(
    stream: string,
    expected: ExpectedRevision,
    events: EventToAppend[],
    current: bigint | null,
  ): AppendResult | null {
    const first = this.statements.findById.get(events[0].id) as { stream: string; revision: bigint } | undefined;
    if (!first) return null;
    if (first.stream !== stream) throw new DuplicateEventIdError(stream, events[0].id);
    const expectedFirst = typeof expected === 'bigint' ? expected + 1n : expected === 'no_stream' ? 0n : first.revision;
    if (first.revision !== expectedFirst) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no_stream');
    let position = 0n;
    for (let i = 0; i < events.length; i++) {
      const row = this.statements.idAt.get(stream, first.revision + BigInt(i)) as { id: string; position: bigint } | undefined;
      if (!row || row.id !== events[i].id) throw new WrongExpectedRevisionError(stream, expected, current ?? 'no_stream');
      position = row.position;
    }
    return { nextExpectedRevision: first.revision + BigInt(events.length - 1), position };
  }

  private translate(error: unknown, stream: string, events: EventToAppend[]): unknown {
    if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) return error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' && /events\.id/.test(String((error as Error).message))) {
      const dup = events.find((e) => this.statements.findById.get(e.id));
      return new DuplicateEventIdError(stream, dup?.id ?? events[0].id);
    }
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
      // Another process appended between our read and insert; only possible without the immediate lock.
      const actual = this.statements.lastRevision.get(stream) as bigint | null;
      return new WrongExpectedRevisionError(stream, 'any', actual ?? 'no_stream');
    }
    if (isUnavailable(error)) return new StoreUnavailableError('SQLite event store', error);
    return error;
  }
}

function matches(expected: ExpectedRevision, current: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === null;
  if (expected === 'stream_exists') return current !== null;
  return current === expected;
}

const storedRow = (row: EventRow): StoredRow => ({ revision: row.revision, decode: () => toRecorded(row) });

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    stream: row.stream,
    revision: row.revision,
    position: row.position,
  };
}

/** A fresh log's first position (tests of position arithmetic start high); an existing log keeps its own. */
function startPositionsAt(db: Database.Database, first: bigint): void {
  const empty = db.prepare('SELECT COUNT(*) FROM events').pluck().get() === 0;
  if (!empty) return;
  db.prepare("DELETE FROM sqlite_sequence WHERE name = 'events'").run();
  db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(first - 1n);
}
