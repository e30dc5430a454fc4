/**
 * The MongoDB read store (also runs on FerretDB). A standalone server has no
 * multi-document transactions, so a batch is made idempotent instead of atomic:
 * every document carries `_pos`, the position of the event it last reflects, and a
 * write applies only if the document reflects no later event; the checkpoint is
 * written after the writes. A crash in between replays the batch harmlessly.
 *
 * `_pos` (and the checkpoint) is the position as a zero-padded 20-digit decimal
 * string: it orders like the number under `$lte`/`$max`, holds the whole unsigned
 * 64-bit range (a Long stops at 2^63), and needs no 64-bit integer support from
 * the server or the driver's Long conversions.
 */
import { Collection, Db, Filter as MongoFilter, MongoBulkWriteError, MongoServerError, Sort, UpdateFilter } from 'mongodb';
import { DUPLICATE_KEY, MongoConnection, MongoStoreOptions, pinged } from '../../mongo/mongo-connection';
import {
  FieldCondition,
  Filter,
  FindOptions,
  IndexSpec,
  ProjectionBatch,
  ReadDocument,
  ReadModelWrite,
  ReadStore,
  SideWrite,
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
  isCollectionName,
} from '../read-store-checks';

const CHECKPOINTS = '_checkpoints';
const POSITION_DIGITS = 20;
/** Direct writes reflect no event: any projection write may replace them. */
const DIRECT_POSITION = 0n;
const NAMESPACE_EXISTS = 48;

interface StoredDoc {
  _id: string;
  _pos: string;
  [field: string]: unknown;
}

interface CheckpointDoc {
  _id: string;
  position: string;
}

export class MongoReadStore implements ReadStore {
  private readonly mongo: MongoConnection;
  private readonly database: string;

  /** A store whose server answered a ping (closed again when it did not). */
  static connect(uri: string, database: string, options: MongoStoreOptions = {}): Promise<MongoReadStore> {
    return pinged(new MongoReadStore(uri, database, options));
  }

  /** Connects lazily, on the first operation. */
  constructor(uri: string, database: string, options: MongoStoreOptions = {}) {
    // ignoreUndefined: as JSON does (and the SQLite store), an undefined field is absent, not null.
    this.mongo = new MongoConnection(uri, 'MongoDB read store', options, { ignoreUndefined: true });
    this.database = database;
  }

  /** Read for every operation: the connection may have replaced a stuck client (mongo-connection.ts). */
  private get db(): Db {
    return this.mongo.client.db(this.database);
  }

  async ensureCollection(collection: string, indexes: IndexSpec[]): Promise<void> {
    const target = this.collection(collection);
    const keys = indexes
      .filter((index) => !(index.fields.length === 1 && index.fields[0] === 'id'))
      .map((index) => {
        checkIndexFields(collection, index.fields);
        return { key: Object.fromEntries(index.fields.map((field) => [fieldOf(field), 1])), unique: index.unique ?? false };
      });
    await this.mongo.run(async () => {
      await this.db.createCollection(collection).catch((error: unknown) => {
        if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
      });
      for (const { key, unique } of keys) await target.createIndex(key, { unique });
    });
  }

  async dropCollection(collection: string): Promise<void> {
    await this.mongo.run(() => this.collection(collection).drop());
  }

  async listCollections(prefix: string): Promise<string[]> {
    const collections = await this.mongo.run(() => this.db.listCollections({}, { nameOnly: true }).toArray());
    return collections
      .map((c) => c.name)
      .filter((name) => isCollectionName(name) && name.startsWith(prefix))
      .sort();
  }

  async get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null> {
    const target = this.collection(collection);
    const stored = await this.mongo.run(() => target.findOne({ _id: id }));
    return stored ? fromStored<T>(stored) : null;
  }

  async positionOf(collection: string, id: string): Promise<bigint | null> {
    const target = this.collection(collection);
    const stored = await this.mongo.run(() => target.findOne({ _id: id }, { projection: { _pos: 1 } }));
    return stored ? BigInt(stored._pos) : null;
  }

  async find<T extends ReadDocument = ReadDocument>(collection: string, options: FindOptions = {}): Promise<T[]> {
    const target = this.collection(collection);
    const filter = compileFilter(options.filter);
    const sort = compileSort(options.sort);
    const limit = checkCount('limit', options.limit);
    const skip = checkCount('skip', options.skip);
    const fields = checkFields(options.fields);
    // MongoDB reads limit 0 as "no limit".
    if (limit === 0) return [];
    const projection = fields ? (fields.length > 0 ? Object.fromEntries(fields.map((field) => [field, 1])) : { _id: 1 }) : undefined;
    const stored = await this.mongo.run(() => target.find(filter, { sort, limit, skip, projection }).toArray());
    if (!fields) return stored.map((doc) => fromStored<T>(doc));
    // In the order asked, as the SQLite store gives them; absent fields left out.
    return stored.map((doc) => {
      const picked: Record<string, unknown> = { id: doc._id };
      for (const field of fields) if (field in doc) picked[field] = (doc as Record<string, unknown>)[field];
      return picked as T;
    });
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    const target = this.collection(collection);
    const compiled = compileFilter(filter);
    return this.mongo.run(() => target.countDocuments(compiled));
  }

  async upsert(collection: string, doc: ReadDocument): Promise<void> {
    await this.mongo.run(() => this.write({ op: 'upsert', collection, doc }, DIRECT_POSITION, false));
  }

  async delete(collection: string, id: string): Promise<void> {
    await this.mongo.run(() => this.write({ op: 'delete', collection, id }, DIRECT_POSITION, false));
  }

  async insertAllIfAbsent(collection: string, docs: ReadDocument[]): Promise<number> {
    if (docs.length === 0) return 0;
    const target = this.collection(collection);
    const stored = docs.map((doc) => toStored(collection, doc, encodePosition(DIRECT_POSITION)));
    return this.mongo.run(async () => {
      try {
        return (await target.insertMany(stored, { ordered: false })).insertedCount;
      } catch (error) {
        // Unordered: every document not already there was inserted; only taken ids may have failed.
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        if (errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
        return error.insertedCount;
      }
    });
  }

  async insertIfAbsent(collection: string, doc: ReadDocument): Promise<boolean> {
    const target = this.collection(collection);
    const stored = toStored(collection, doc, encodePosition(DIRECT_POSITION));
    return this.mongo.run(async () => {
      try {
        await target.insertOne(stored);
        return true;
      } catch (error) {
        // The _id is taken (another unique index raises the same code: look before answering false).
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
        if (!(await target.findOne({ _id: doc.id }, { projection: { _id: 1 } }))) throw error;
        return false;
      }
    });
  }

  async replaceIf(collection: string, doc: ReadDocument, expected: Filter): Promise<boolean> {
    const target = this.collection(collection);
    const replacement = toStored(collection, doc, encodePosition(DIRECT_POSITION));
    const filter = { ...compileFilter(expected), _id: doc.id } as MongoFilter<StoredDoc>;
    // One replaceOne: MongoDB matches and replaces a single document atomically. FerretDB 1.x on SQLite
    // does not (a read, then a write): callers that must hold alone (the lease) read their document back.
    const result = await this.mongo.run(() => target.replaceOne(filter, replacement));
    return result.matchedCount === 1;
  }

  async updateAllUnder(collection: string, idPrefix: string, change: UnderPrefixChange): Promise<number> {
    const { where, set, increment } = checkUnderPrefixChange(idPrefix, change);
    const target = this.collection(collection);
    const filter = { ...compileFilter(where), _id: { $gte: idPrefix, $lt: `${idPrefix}\uffff` } } as MongoFilter<StoredDoc>;
    // One round trip; each document is matched and changed as one step.
    // The increment's field is checked (read-store-checks.ts) but not typed: StoredDoc's other fields are unknown.
    const update = { $set: { ...set, _pos: encodePosition(DIRECT_POSITION) }, $inc: { [increment]: 1 } } as UpdateFilter<StoredDoc>;
    const result = await this.mongo.run(() => target.updateMany(filter, update));
    return result.modifiedCount;
  }

  async applyBatch(batch: ProjectionBatch): Promise<void> {
    const position = encodePosition(batch.position);
    for (const write of batch.writes) encodePosition(write.position);
    const stored = await this.getCheckpoint(batch.checkpoint);
    if (stored !== null && batch.position <= stored) return;
    await this.mongo.run(async () => {
      for (const write of batch.writes) await this.write(write, write.position, true);
    });
    // Before the checkpoint, which says the batch is done: a crash before it makes them again on the replay, alike.
    for (const side of batch.sideWrites ?? []) await this.sideWrite(side);
    // $max: the checkpoint never moves back, even if a stale runner writes it late.
    await this.mongo.run(() => this.checkpoints().updateOne({ _id: batch.checkpoint }, { $max: { position } }, { upsert: true }));
  }

  private async sideWrite(side: SideWrite): Promise<void> {
    if (side.op === 'insertAllIfAbsent') await this.insertAllIfAbsent(side.collection, side.docs);
    else if (side.op === 'updateAllUnder') await this.updateAllUnder(side.collection, side.idPrefix, side.change);
    else throw new TypeError(`Unknown side write: ${JSON.stringify(side)}`);
  }

  async getCheckpoint(checkpoint: string): Promise<bigint | null> {
    const stored = await this.mongo.run(() => this.checkpoints().findOne({ _id: checkpoint }));
    return stored ? BigInt(stored.position) : null;
  }

  async deleteCheckpoint(checkpoint: string): Promise<void> {
    await this.mongo.run(() => this.checkpoints().deleteOne({ _id: checkpoint }));
  }

  async ping(): Promise<void> {
    await this.mongo.run(() => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.mongo.close();
  }

  /** Guarded writes apply only if the document reflects no later event (the same position may write it again). */
  private async write(write: ReadModelWrite, position: bigint, guarded: boolean): Promise<void> {
    const target = this.collection(write.collection);
    const pos = encodePosition(position);
    if (write.op === 'delete') {
      await target.deleteOne(guarded ? { _id: write.id, _pos: { $lte: pos } } : { _id: write.id });
      return;
    }
    if (write.op !== 'upsert') throw new TypeError(`Unknown read-model write: ${JSON.stringify(write)}`);
    const replacement = toStored(write.collection, write.doc, pos);
    if (!guarded) {
      await target.replaceOne({ _id: write.doc.id }, replacement, { upsert: true });
      return;
    }
    try {
      await target.replaceOne({ _id: write.doc.id, _pos: { $lte: pos } }, replacement, { upsert: true });
    } catch (error) {
      // The filter missed an existing document, so the upsert's insert hit its _id: the document is newer.
      // A unique index raises the same code (FerretDB names no key), so look before swallowing it.
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      if (!(await target.findOne({ _id: write.doc.id, _pos: { $gt: pos } }, { projection: { _id: 1 } }))) throw error;
    }
  }

  private collection(name: string): Collection<StoredDoc> {
    return this.db.collection<StoredDoc>(checkCollection(name));
  }

  private checkpoints(): Collection<CheckpointDoc> {
    return this.db.collection<CheckpointDoc>(CHECKPOINTS);
  }
}

function encodePosition(position: bigint): string {
  const digits = typeof position === 'bigint' && position >= 0n ? position.toString() : '';
  if (digits === '' || digits.length > POSITION_DIGITS) throw new RangeError(`Invalid position: ${String(position)}`);
  return digits.padStart(POSITION_DIGITS, '0');
}

function toStored(collection: string, doc: ReadDocument, pos: string): StoredDoc {
  checkDocumentId(collection, doc);
  const { id, ...fields } = doc;
  if ('_id' in fields || '_pos' in fields) throw new TypeError(`A document of ${collection} uses the reserved field _id or _pos`);
  return { _id: id, _pos: pos, ...fields };
}

function fromStored<T extends ReadDocument>(stored: StoredDoc): T {
  const { _id, _pos, ...fields } = stored;
  return { id: _id, ...fields } as T;
}

function fieldOf(field: string): string {
  return checkField(field) === 'id' ? '_id' : field;
}

function compileSort(sort: Record<string, 1 | -1> | undefined): Sort {
  const compiled: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(sort ?? {})) {
    checkSortDirection(field, direction);
    compiled[fieldOf(field)] = direction;
  }
  // Ties broken by id, so that pages with skip/limit are stable.
  if (!('_id' in compiled)) compiled._id = 1;
  return compiled;
}

/** Rebuilds the filter from checked parts only: no operator but $in and the ranges reaches the server. */
function compileFilter(filter: Filter | undefined): MongoFilter<StoredDoc> {
  const compiled: Record<string, unknown> = {};
  for (const [field, condition] of Object.entries(filter ?? {})) compiled[fieldOf(field)] = compileCondition(field, condition);
  return compiled;
}

function compileCondition(field: string, condition: FieldCondition): unknown {
  const checked = checkCondition(field, condition);
  if (checked.kind === 'equals') return checked.value;
  if (checked.kind === 'in') return { $in: checked.values };
  return Object.fromEntries(checked.bounds);
}
