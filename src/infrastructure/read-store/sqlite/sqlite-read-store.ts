/**
 * The embedded read store: one SQLite file, one table per collection
 * (`id TEXT PRIMARY KEY, doc TEXT` JSON, `pos INTEGER` = position of the event the
 * document last reflects), filters and indexes on `json_extract(doc, '$.field')`.
 *
 * Collection and field names end up in SQL text (an expression index is only used
 * when the query repeats its expression literally, so JSON paths cannot be bound
 * parameters): they are checked against strict patterns first. Values are always
 * bound. applyBatch is one transaction: writes and checkpoint land together.
 *
 * Grouped commits: the batches of all projections that are ready in the same turn
 * of the event loop are committed in one transaction (after one append, nine
 * projections each had a transaction of their own: ~15% of a command's CPU). Each
 * batch keeps its own checkpoint and replay guard; if the group fails, each batch
 * is retried alone, so one bad batch fails only its own projection.
 */
import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import {
  FieldCondition,
  Filter,
  FindOptions,
  IndexSpec,
  ProjectionBatch,
  ReadDocument,
  ReadModelWrite,
  ReadStore,
  Scalar,
  UnderPrefixChange,
} from '../read-store.port';
import {
  checkCollection,
  checkCondition,
  checkCount,
  checkDocumentId,
  checkField,
  checkFields,
  checkIndexFields,
  checkSortDirection,
  checkUnderPrefixChange,
  RangeOperator,
} from '../read-store-checks';
import { openSqlite } from '../../event-store/sqlite/open-sqlite';
import { isBusy } from '../../event-store/sqlite/sqlite-errors';
import { BUSY_WAIT_MS, LockQueue, LockWait } from '../../event-store/sqlite/lock-wait';
import { switchToIncrementalVacuum, giveBackFreePages } from './free-pages';

/** Keeps collections apart from other tables that may share the file (e.g. the event store's). */
const TABLE_PREFIX = 'rm_';
const CHECKPOINTS_TABLE = 'read_store_checkpoints';
const MAX_POSITION = 2n ** 63n - 1n;
/** Direct writes reflect no event: any projection write may replace them. */
const DIRECT_POSITION = 0n;
const STATEMENT_CACHE_SIZE = 500;
const RANGE_OPERATORS: Record<RangeOperator, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

type Statement = Database.Statement<unknown[], unknown>;

/** A batch waiting for the group commit; settled once it is committed or refused. */
interface QueuedBatch {
  batch: ProjectionBatch;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly readCheckpoint: Statement;
  /**
   * Tables known to exist, so that a query does not ask sqlite_schema first. Another
   * connection (the rebuild command) may drop a table behind our back: a query then
   * fails with "no such table", and that forgets the table (see `forgettingTables`).
   * Only existence is cached: a table created elsewhere is found by asking again.
   */
  private readonly tables = new Set<string>();
  private queued: QueuedBatch[] = [];
  /** The queued group's wait for a write lock another connection holds (commitQueued). */
  private readonly lock: LockWait;
  /** Direct writes (not batches), made in the order asked, waiting for a write lock another connection holds. */
  private readonly directs: LockQueue;

  /** The pages freed by drops going back to the file system, step by step; null when none is running. */
  private givingBack: Promise<void> | null = null;

  /**
   * @param file a database file path, or `:memory:`
   * @param log where the one-time switch of an old file to incremental vacuum is told
   * @param busyWaitMs how long a write waits for a write lock another connection holds
   */
  constructor(file: string, log: (message: string) => void = (message) => new Logger('ReadStore').log(message), busyWaitMs = BUSY_WAIT_MS) {
    this.db = openSqlite(file, (db) => {
      db.pragma(`busy_timeout = ${busyWaitMs}`);
      // Before the first table (a fresh file), or with one VACUUM (an old file): see free-pages.ts.
      switchToIncrementalVacuum(db, log);
      db.pragma('journal_mode = WAL');
      // Read models can be rebuilt from the log: losing the last commits on power loss is acceptable.
      db.pragma('synchronous = NORMAL');
      // Read models hold no personal data since version 4 of the profiles (profile-personal-data.ts); earlier
      // generations held names and ID numbers in clear: overwrite freed pages, so that dropping them leaves nothing.
      db.pragma('secure_delete = ON');
      db.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS_TABLE} (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT`);
    });
    this.lock = new LockWait(this.db, busyWaitMs);
    this.directs = new LockQueue(this.db, busyWaitMs);
    this.readCheckpoint = this.db.prepare(`SELECT position FROM ${CHECKPOINTS_TABLE} WHERE name = ?`).pluck().safeIntegers(true);
  }

  async ensureCollection(collection: string, indexes: IndexSpec[]): Promise<void> {
    const table = tableOf(collection);
    const wanted = indexes
      .filter((index) => !(index.fields.length === 1 && index.fields[0] === 'id'))
      .map((index) => {
        checkIndexFields(collection, index.fields);
        const name = `${table}__${index.fields.join('__')}${index.unique ? '__unique' : ''}`;
        return { name, sql: `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX "${name}" ON "${table}" (${indexColumns(index)})` };
      });
    await this.direct(() =>
      this.db
        .transaction(() => {
          this.createTable(table);
          for (const { name, sql } of wanted) {
            const stored = this.statement(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`).pluck().get(name);
            if (stored === sql) continue;
            // An index of an older definition (before the type columns) is made again, under the same name.
            if (stored !== undefined) this.db.exec(`DROP INDEX "${name}"`);
            this.db.exec(sql);
          }
        })
        .immediate(),
    );
  }

  async dropCollection(collection: string): Promise<void> {
    const table = tableOf(collection);
    this.tables.delete(table);
    await this.direct(() => this.db.exec(`DROP TABLE IF EXISTS "${table}"`));
    // A dropped generation's pages go back to the file system in small steps, readers and
    // projection batches going on between them (free-pages.ts); one run serves every drop.
    this.givingBack ??= giveBackFreePages(this.db).finally(() => (this.givingBack = null));
    await this.givingBack;
    // secure_delete zeroes the dropped pages in the file, but older WAL frames still hold their
    // contents until overwritten: a generation of profiles from before version 4 held names in
    // clear. Drops are rare (a generation switch), so the WAL is emptied at once; a reader
    // holding an old snapshot leaves it to the next drop or to the clean shutdown's checkpoint.
    if (this.db.open) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async listCollections(prefix: string): Promise<string[]> {
    const names = this.statement(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
    return names
      .filter((name) => name.startsWith(TABLE_PREFIX + prefix))
      .map((name) => name.slice(TABLE_PREFIX.length))
      .sort();
  }

  async get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null> {
    const table = tableOf(collection);
    if (!this.hasTable(table)) return null;
    const doc = this.readTable(
      table,
      undefined,
      () => this.statement(`SELECT doc FROM "${table}" WHERE id = ?`).pluck().get(id) as string | undefined,
    );
    return doc === undefined ? null : (JSON.parse(doc) as T);
  }

  async positionOf(collection: string, id: string): Promise<bigint | null> {
    const table = tableOf(collection);
    if (!this.hasTable(table)) return null;
    const pos = this.readTable(
      table,
      undefined,
      () => this.statement(`SELECT pos FROM "${table}" WHERE id = ?`).pluck().safeIntegers(true).get(id) as bigint | undefined,
    );
    return pos ?? null;
  }

  async find<T extends ReadDocument = ReadDocument>(collection: string, options: FindOptions = {}): Promise<T[]> {
    const table = tableOf(collection);
    const { sql, params, fields } = compileFind(table, options);
    if (!this.hasTable(table)) return [];
    if (fields) {
      // Rows of [id, each field's JSON or NULL where the document has none]: only these values leave SQLite and are parsed.
      const rows = this.readTable(
        table,
        [],
        () =>
          this.statement(sql)
            .raw()
            .all(...params) as Array<[string, ...Array<string | null>]>,
      );
      return rows.map(([id, ...values]) => {
        const doc: Record<string, unknown> = { id };
        fields.forEach((field, k) => {
          if (values[k] !== null) doc[field] = JSON.parse(values[k]);
        });
        return doc as T;
      });
    }
    const docs = this.readTable(
      table,
      [],
      () =>
        this.statement(sql)
          .pluck()
          .all(...params) as string[],
    );
    return docs.map((doc) => JSON.parse(doc) as T);
  }

  /** The query plan of a find (EXPLAIN QUERY PLAN details), to check that it uses an index. */
  async queryPlan(collection: string, options: FindOptions = {}): Promise<string[]> {
    const { sql, params } = compileFind(tableOf(collection), options);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
    return rows.map((row) => row.detail);
  }

  /** The query plan of a count, as queryPlan for a find. */
  async countPlan(collection: string, filter?: Filter): Promise<string[]> {
    const { sql, params } = compileCount(tableOf(collection), filter);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
    return rows.map((row) => row.detail);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    const table = tableOf(collection);
    const { sql, params } = compileCount(table, filter);
    if (!this.hasTable(table)) return 0;
    return this.readTable(
      table,
      0,
      () =>
        this.statement(sql)
          .pluck()
          .get(...params) as number,
    );
  }

  async upsert(collection: string, doc: ReadDocument): Promise<void> {
    return this.direct(() => this.write({ op: 'upsert', collection, doc }, DIRECT_POSITION, false));
  }

  async delete(collection: string, id: string): Promise<void> {
    return this.direct(() => this.write({ op: 'delete', collection, id }, DIRECT_POSITION, false));
  }

  async insertIfAbsent(collection: string, doc: ReadDocument): Promise<boolean> {
    const table = tableOf(collection);
    const id = checkDocumentId(collection, doc);
    return this.direct(() => {
      this.createTable(table);
      const sql = `INSERT INTO "${table}" (id, doc, pos) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`;
      return this.statement(sql).run(id, JSON.stringify(doc), DIRECT_POSITION).changes === 1;
    });
  }

  async insertAllIfAbsent(collection: string, docs: ReadDocument[]): Promise<number> {
    if (docs.length === 0) return 0;
    // One transaction: one commit for the lot.
    return this.direct(() => this.db.transaction(() => this.insertAllSync(collection, docs))());
  }

  private insertAllSync(collection: string, docs: ReadDocument[]): number {
    const table = tableOf(collection);
    const rows = docs.map((doc) => [checkDocumentId(collection, doc), JSON.stringify(doc)] as const);
    this.createTable(table);
    const insert = this.statement(`INSERT INTO "${table}" (id, doc, pos) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    return rows.reduce((inserted, [id, json]) => inserted + insert.run(id, json, DIRECT_POSITION).changes, 0);
  }

  async replaceIf(collection: string, doc: ReadDocument, expected: Filter): Promise<boolean> {
    const table = tableOf(collection);
    const params: unknown[] = [JSON.stringify(doc), DIRECT_POSITION, checkDocumentId(collection, doc)];
    // One UPDATE: SQLite takes the write lock for it, so the condition is checked and the document replaced as one step.
    const where = compileWhere(expected, params).replace(/^ WHERE /, ' AND ');
    if (!this.hasTable(table)) return false;
    return this.direct(() =>
      this.readTable(
        table,
        false,
        () => this.statement(`UPDATE "${table}" SET doc = ?, pos = ? WHERE id = ?${where}`).run(...params).changes === 1,
      ),
    );
  }

  async updateAllUnder(collection: string, idPrefix: string, change: UnderPrefixChange): Promise<number> {
    return this.direct(() => this.updateAllUnderSync(collection, idPrefix, change));
  }

  private updateAllUnderSync(collection: string, idPrefix: string, change: UnderPrefixChange): number {
    const table = tableOf(collection);
    const { sql, params } = compileUpdateAllUnder(table, idPrefix, change);
    if (!this.hasTable(table)) return 0;
    // One statement: SQLite changes the matching documents as one write.
    return this.readTable(table, 0, () => this.statement(sql).run(...params).changes);
  }

  /** The query plan of an updateAllUnder, as queryPlan for a find. */
  async updateAllUnderPlan(collection: string, idPrefix: string, change: UnderPrefixChange): Promise<string[]> {
    const { sql, params } = compileUpdateAllUnder(tableOf(collection), idPrefix, change);
    const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
    return rows.map((row) => row.detail);
  }

  /** Resolves once the batch is committed, with the others of its turn (see the class comment). */
  async applyBatch(batch: ProjectionBatch): Promise<void> {
    checkPosition(batch.position);
    for (const write of batch.writes) checkPosition(write.position);
    return new Promise((resolve, reject) => {
      if (this.queued.push({ batch, resolve, reject }) === 1) setImmediate(() => this.commitQueued());
    });
  }

  async getCheckpoint(checkpoint: string): Promise<bigint | null> {
    return (this.readCheckpoint.get(checkpoint) as bigint | undefined) ?? null;
  }

  async deleteCheckpoint(checkpoint: string): Promise<void> {
    await this.direct(() => this.statement(`DELETE FROM ${CHECKPOINTS_TABLE} WHERE name = ?`).run(checkpoint));
  }

  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    // Nothing asked of us is left hanging: the direct writes waiting for the lock, then the batches handed to us, are
    // made (or refused), now waiting for the lock in SQLite if need be.
    this.directs.drain();
    this.lock.done();
    this.commitQueued(true);
    this.statements.clear();
    this.db.close();
  }

  /**
   * Commits the queued batches as one group. Unless `blocking`, a group that finds the write lock
   * taken by another connection waits for it on timers (lock-wait.ts says why), for up to
   * busyWaitMs in all; batches queued meanwhile join it.
   */
  private commitQueued(blocking = false): void {
    if (this.lock.waiting && !blocking) return;
    const group = this.queued;
    if (group.length === 0) return;
    this.queued = [];
    try {
      this.commit(
        group.map((queued) => queued.batch),
        blocking,
      );
      this.lock.done();
      for (const queued of group) queued.resolve();
      return;
    } catch (error) {
      if (!blocking && isBusy(error)) {
        if (this.lock.retryLater(() => this.commitQueued())) {
          this.queued = [...group, ...this.queued];
          return;
        }
        // Waited long enough: the lock, not a batch, is at fault, so none is tried alone (each would wait again).
        for (const queued of group) queued.reject(error);
        return;
      }
      this.lock.done();
      if (group.length === 1) return group[0].reject(error);
    }
    // The group failed as a whole: each batch alone, so that only the bad one is refused.
    for (const queued of group) {
      try {
        this.commit([queued.batch]);
        queued.resolve();
      } catch (error) {
        queued.reject(error);
      }
    }
  }

  private commit(batches: ProjectionBatch[], blocking = true): void {
    const transaction = () =>
      this.forgettingTables(() =>
        this.db
          .transaction(() => {
            for (const batch of batches) this.applyBatchSync(batch);
          })
          .immediate(),
      );
    if (blocking) transaction();
    else this.lock.withoutSleeping(transaction);
  }

  /**
   * A write outside the group commit (a lease, the outbox, a generation pointer, a collection's set-up). Like a
   * group commit, it waits for a write lock another connection holds on timers, not in SQLite's busy handler
   * (lock-wait.ts): the request thread's lease renewals slept there while the projection worker committed.
   * Direct writes are made in the order they were asked: one that finds another waiting waits behind it.
   */
  private direct<T>(write: () => T): Promise<T> {
    return this.directs.run(() => this.forgettingTables(write));
  }

  private applyBatchSync(batch: ProjectionBatch): void {
    const stored = this.readCheckpoint.get(batch.checkpoint) as bigint | undefined;
    if (stored !== undefined && batch.position <= stored) return;
    for (const write of batch.writes) this.write(write, write.position, true);
    for (const side of batch.sideWrites ?? []) {
      if (side.op === 'insertAllIfAbsent') this.insertAllSync(side.collection, side.docs);
      else if (side.op === 'updateAllUnder') this.updateAllUnderSync(side.collection, side.idPrefix, side.change);
      else throw new TypeError(`Unknown side write: ${JSON.stringify(side)}`);
    }
    this.statement(
      `INSERT INTO ${CHECKPOINTS_TABLE} (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    ).run(batch.checkpoint, batch.position);
  }

  /** Guarded writes apply only if the document reflects no later event (the same position may write it again). */
  private write(write: ReadModelWrite, position: bigint, guarded: boolean): void {
    const table = tableOf(write.collection);
    if (write.op === 'upsert') {
      const id = checkDocumentId(write.collection, write.doc);
      this.createTable(table);
      const guard = guarded ? ' WHERE pos <= excluded.pos' : '';
      this.statement(
        `INSERT INTO "${table}" (id, doc, pos) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, pos = excluded.pos${guard}`,
      ).run(id, JSON.stringify(write.doc), position);
    } else if (write.op === 'delete') {
      if (!this.hasTable(table)) return;
      if (guarded) this.statement(`DELETE FROM "${table}" WHERE id = ? AND pos <= ?`).run(write.id, position);
      else this.statement(`DELETE FROM "${table}" WHERE id = ?`).run(write.id);
    } else {
      throw new TypeError(`Unknown read-model write: ${JSON.stringify(write)}`);
    }
  }

  private createTable(table: string): void {
    if (this.hasTable(table)) return;
    this.db.exec(`CREATE TABLE "${table}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL, pos INTEGER NOT NULL) STRICT`);
    // Inside a transaction that may roll back: forgettingTables forgets it again if it does.
    this.tables.add(table);
  }

  /** Cached statements survive another connection's drop and create: SQLite re-prepares them. */
  private hasTable(table: string): boolean {
    if (this.tables.has(table)) return true;
    const exists = this.statement(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    if (exists) this.tables.add(table);
    return exists;
  }

  /** A read of a table that another connection dropped since we last saw it reads as empty, as a missing table does. */
  private readTable<T>(table: string, missing: T, read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (!isNoSuchTable(error)) throw error;
      this.tables.delete(table);
      return missing;
    }
  }

  /**
   * Runs a write once more after "no such table" (a table we knew was dropped by
   * another connection: asking the schema again recreates it), and forgets what we
   * knew of tables when the write fails (a table created in a rolled-back transaction).
   */
  private forgettingTables<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      this.tables.clear();
      if (!isNoSuchTable(error)) throw error;
      return write();
    }
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement) return statement;
    if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
    statement = this.db.prepare(sql);
    this.statements.set(sql, statement);
    return statement;
  }
}

/** By message, not by class: SqliteError may come from another realm (Jest loads the native module once for all test files). */
function isNoSuchTable(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.startsWith('no such table');
}

function tableOf(collection: string): string {
  return TABLE_PREFIX + checkCollection(collection);
}

/** The SQL expression of a field's value: the id column, or the JSON path (checked, so safe to inline). */
function valueOf(field: string): string {
  return checkField(field) === 'id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

/**
 * An index's columns: its fields' values, in the order given (the order sorts
 * follow), then the JSON type of each field but id. Every filter guards the
 * type of what it compares (typeGuard); with the types in the index, the guard
 * is checked there, and a count reads the index alone instead of every matching
 * document. A unique index keeps to the values: uniqueness is over values, as before.
 */
function indexColumns(index: IndexSpec): string {
  const types = index.unique ? [] : index.fields.filter((field) => field !== 'id').map(typeOf);
  return [...index.fields.map(valueOf), ...types].join(', ');
}

/** The JSON type of a field ('text', 'integer', 'real', 'true', 'false', ...): SQLite compares 1 = true and numbers below text. */
function typeOf(field: string): string {
  return checkField(field) === 'id' ? 'typeof(id)' : `json_type(doc, '$.${field}')`;
}

function checkPosition(position: bigint): void {
  if (typeof position !== 'bigint' || position < 0n || position > MAX_POSITION) {
    throw new RangeError(`Invalid position: ${String(position)}`);
  }
}

function compileFind(table: string, options: FindOptions): { sql: string; params: unknown[]; fields?: string[] } {
  const params: unknown[] = [];
  const fields = checkFields(options.fields);
  // `->` gives a field's JSON text ('null' for a null), and SQL NULL where the document has no such field.
  const columns = fields ? ['id', ...fields.map((field) => `doc -> '$.${field}'`)].join(', ') : 'doc';
  const where = compileWhere(options.filter, params);
  const sort = Object.entries(options.sort ?? {}).map(([field, direction]) => {
    checkSortDirection(field, direction);
    return `${valueOf(field)} ${direction === 1 ? 'ASC' : 'DESC'}`;
  });
  // Ties broken by id, so that pages with skip/limit are stable.
  if (!options.sort || !('id' in options.sort)) sort.push('id ASC');
  params.push(checkCount('limit', options.limit) ?? -1, checkCount('skip', options.skip) ?? 0);
  return { sql: `SELECT ${columns} FROM "${table}"${where} ORDER BY ${sort.join(', ')} LIMIT ? OFFSET ?`, params, fields };
}

function compileCount(table: string, filter: Filter | undefined): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  return { sql: `SELECT count(*) FROM "${table}"${compileWhere(filter, params)}`, params };
}

function compileUpdateAllUnder(table: string, idPrefix: string, change: UnderPrefixChange): { sql: string; params: unknown[] } {
  const { where, set, increment } = checkUnderPrefixChange(idPrefix, change);
  // Each value as JSON text read back with json(): strings, numbers, booleans and null alike.
  const params: unknown[] = [];
  const assignments = Object.entries(set).map(([field, value]) => {
    params.push(JSON.stringify(value));
    return `'$.${field}', json(?)`;
  });
  assignments.push(`'$.${increment}', json_extract(doc, '$.${increment}') + 1`);
  params.push(DIRECT_POSITION, idPrefix, `${idPrefix}\uffff`);
  const conditions = compileWhere(where, params).replace(/^ WHERE /, ' AND ');
  // INDEXED BY the primary key: with `state` in `where`, SQLite chose the outbox's (state, due) index, which
  // holds every pending message of the outbox, and searched it for each withdrawal (bench:reminders).
  const sql =
    `UPDATE "${table}" INDEXED BY "sqlite_autoindex_${table}_1" SET doc = json_set(doc, ${assignments.join(', ')}), pos = ? ` +
    `WHERE id >= ? AND id < ?${conditions}`;
  return { sql, params };
}

function compileWhere(filter: Filter | undefined, params: unknown[]): string {
  const clauses = Object.entries(filter ?? {}).map(([field, condition]) => compileCondition(field, condition, params));
  return clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '';
}

function compileCondition(field: string, condition: FieldCondition, params: unknown[]): string {
  const value = valueOf(field);
  const type = typeOf(field);
  const checked = checkCondition(field, condition);
  if (checked.kind === 'equals') return equals(value, type, checked.value, params);
  if (checked.kind === 'in') return anyOf(value, type, checked.values, params);
  const clauses = checked.bounds.map(([op, bound]) => {
    params.push(bound);
    return `${value} ${RANGE_OPERATORS[op]} ? AND ${typeGuard(type, bound)}`;
  });
  return `(${clauses.join(' AND ')})`;
}

/** Equality with MongoDB's semantics: types must match, and null also matches a missing field. */
function equals(value: string, type: string, scalar: Scalar, params: unknown[]): string {
  if (scalar === null) return `${value} IS NULL`;
  params.push(typeof scalar === 'boolean' ? Number(scalar) : scalar);
  return textOnly(scalar) ? `${value} = ?` : `(${value} = ? AND ${typeGuard(type, scalar)})`;
}

/**
 * Equality with a string that is not JSON text of an object or array needs no type
 * guard: json_extract gives text for a JSON string, and for an object or array its
 * JSON text (starting with '{' or '['); numbers, booleans (1, 0) and null come out as
 * other SQL types, which never equal text. Skipping the guard spares SQLite parsing
 * every matching document a second time (a timeline page: 87 -> 49 µs for 12 rows).
 */
const textOnly = (scalar: Scalar): boolean => typeof scalar === 'string' && !/^[{[]/.test(scalar);

function anyOf(value: string, type: string, scalars: Scalar[], params: unknown[]): string {
  const clauses: string[] = [];
  // Strings and numbers each as one bound JSON array, so the SQL does not vary with the list's length.
  for (const kind of ['string', 'number'] as const) {
    const ofKind = scalars.filter((s): s is string | number => typeof s === kind);
    if (ofKind.length === 0) continue;
    params.push(JSON.stringify(ofKind));
    const guard = ofKind.every(textOnly) ? '' : ` AND ${typeGuard(type, ofKind[0])}`;
    clauses.push(`(${value} IN (SELECT value FROM json_each(?))${guard})`);
  }
  for (const scalar of new Set(scalars.filter((s) => typeof s === 'boolean' || s === null))) {
    clauses.push(equals(value, type, scalar, params));
  }
  return clauses.length > 0 ? `(${clauses.join(' OR ')})` : '0';
}

function typeGuard(type: string, scalar: string | number | boolean): string {
  if (typeof scalar === 'string') return `${type} = 'text'`;
  if (typeof scalar === 'number') return `${type} IN ('integer', 'real')`;
  return `${type} = '${scalar ? 'true' : 'false'}'`;
}
