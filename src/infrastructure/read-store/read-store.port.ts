/**
 * The read store port: documents in named collections, written only by
 * projections (a batch of writes plus the projection's checkpoint, atomically or
 * idempotently) and queried by the API with indexed filters.
 *
 * One contract suite (test/infrastructure/read-store/read-store.contract.ts) runs
 * against every adapter: SQLite (embedded default) and MongoDB.
 */

/** A read-model document: plain JSON with a string id. */
export type ReadDocument = { id: string } & Record<string, unknown>;

export type Scalar = string | number | boolean | null;

/** Per field: equality, `$in`, or a range. Field names may use dots for nested fields. */
export type FieldCondition =
  Scalar | { $in: Scalar[] } | { $gt?: string | number; $gte?: string | number; $lt?: string | number; $lte?: string | number };

export type Filter = Record<string, FieldCondition>;

export interface FindOptions {
  filter?: Filter;
  /** Field -> 1 (ascending) or -1 (descending), applied in key order. */
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
  /**
   * Only these top-level fields of each document (and its id), each as stored and
   * left out where the document has none: for a page that needs a few small
   * fields of large documents, so that the rest is neither sent nor parsed.
   */
  fields?: string[];
}

export interface IndexSpec {
  /** Fields of a compound index, in order. */
  fields: string[];
  unique?: boolean;
}

/** What updateAllUnder changes in each document it matches. */
export interface UnderPrefixChange {
  where: Filter;
  set: Record<string, Scalar>;
  increment: string;
}

export type ReadModelWrite = { op: 'upsert'; collection: string; doc: ReadDocument } | { op: 'delete'; collection: string; id: string };

/**
 * A write beside a batch's documents, made as the direct method of the same name makes it
 * (an outbox's: its messages belong to no projection). Made with the batch: a reactor's
 * messages and withdrawals are committed with its checkpoint, and one transaction carries
 * what was a commit of its own per step (a quarter of the projection worker's time under
 * bench:api's step commands).
 */
export type SideWrite =
  | { op: 'insertAllIfAbsent'; collection: string; docs: ReadDocument[] }
  | { op: 'updateAllUnder'; collection: string; idPrefix: string; change: UnderPrefixChange };

/** What a projection's batch writes besides its own documents (ProjectionView). */
export interface BatchSideWrites {
  /** insertAllIfAbsent, made with the batch. */
  insertAllIfAbsent(collection: string, docs: ReadDocument[]): void;
  /** updateAllUnder, made with the batch. */
  updateAllUnder(collection: string, idPrefix: string, change: UnderPrefixChange): void;
  /** Called once the batch is committed, when what it wrote can be read (not for a batch that fails). */
  afterCommit(listener: () => void): void;
}

export interface ProjectionBatch {
  /** The checkpoint's key (a projection's name, with its generation). */
  checkpoint: string;
  /** Global position of the last event the writes come from; becomes the checkpoint. */
  position: bigint;
  /**
   * Writes in order, each tagged with the position of the event that caused it, so
   * that a store without multi-document transactions can refuse to apply a write
   * older than what a document already reflects (MongoDB's replay guard).
   */
  writes: Array<ReadModelWrite & { position: bigint }>;
  /** Side writes in the order they were asked for, made after the writes. */
  sideWrites?: SideWrite[];
}

export interface ReadStore {
  /** Creates the collection and its indexes if missing (idempotent). */
  ensureCollection(collection: string, indexes: IndexSpec[]): Promise<void>;
  dropCollection(collection: string): Promise<void>;
  /** Collections whose names start with the prefix (for dropping a projection's old generation). */
  listCollections(prefix: string): Promise<string[]>;

  get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null>;
  find<T extends ReadDocument = ReadDocument>(collection: string, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter?: Filter): Promise<number>;
  /**
   * The position of the event the document last reflects, without reading the
   * document: 0 for one written outside a projection (upsert, insertIfAbsent,
   * replaceIf), which says nothing of its content; null when there is none. A
   * projection's document at the same position has the same content, so a caller
   * may keep what it made of the document for as long as this answers the same
   * (http/json-answers.ts).
   */
  positionOf(collection: string, id: string): Promise<bigint | null>;

  /** Direct writes outside projections (e.g. a projection's generation pointer). */
  upsert(collection: string, doc: ReadDocument): Promise<void>;
  delete(collection: string, id: string): Promise<void>;

  /**
   * Inserts the document unless one with its id exists (then leaves that one as it
   * is); answers whether it inserted. Atomic across processes: of callers racing
   * for one id, exactly one gets true (an outbox's idempotent enqueue).
   */
  insertIfAbsent(collection: string, doc: ReadDocument): Promise<boolean>;
  /**
   * insertIfAbsent for many documents at once, in one write where the store can (an
   * outbox taking a case's reminders: one commit, not one per message); answers how
   * many it inserted. Each document is kept or inserted as insertIfAbsent would.
   */
  insertAllIfAbsent(collection: string, docs: ReadDocument[]): Promise<number>;
  /**
   * Replaces the document with `doc.id` only if it exists and matches `expected`
   * (the same conditions as a find's filter); answers whether it replaced. A
   * compare-and-set for documents that processes share: a lease taken over only
   * once expired, a delivery claimed by one dispatcher (a `version` field in
   * `expected` makes it optimistic concurrency).
   */
  replaceIf(collection: string, doc: ReadDocument, expected: Filter): Promise<boolean>;
  /**
   * Changes every document whose id starts with `idPrefix` and that matches
   * `change.where` (a find's conditions): sets the top-level fields of `change.set`
   * and adds 1 to the number in `change.increment` (a `version`, so that a
   * compare-and-set made on the old version fails); answers how many it changed. One
   * write, found through the id alone whatever index `where` could use; each document
   * is changed only if it matches as it is written (an outbox withdrawing a step's
   * pending reminders: the documents are never read into the process). Like the
   * other direct writes, the changed documents reflect no event.
   */
  updateAllUnder(collection: string, idPrefix: string, change: UnderPrefixChange): Promise<number>;

  /**
   * Applies the writes, then the side writes in order, and moves the checkpoint to
   * `position`. A batch at or below the stored checkpoint is ignored, side writes and
   * all: replays after a crash never double-apply. In one transaction where the store
   * has them (SQLite); elsewhere (MongoDB) the checkpoint is written last, and a batch
   * cut short is made again on the replay: its side writes must be alike again (an
   * insert-if-absent, a withdrawal of what is still pending).
   */
  applyBatch(batch: ProjectionBatch): Promise<void>;
  /** The stored checkpoint, or null when the projection never ran. */
  getCheckpoint(checkpoint: string): Promise<bigint | null>;
  deleteCheckpoint(checkpoint: string): Promise<void>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('ReadStore');
