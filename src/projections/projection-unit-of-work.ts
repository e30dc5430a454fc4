import {
  ProjectionBatch,
  ReadDocument,
  ReadModelWrite,
  ReadStore,
  SideWrite,
  UnderPrefixChange,
} from '../infrastructure/read-store/read-store.port';
import { ProjectionView } from './projection';

type BatchWrite = ProjectionBatch['writes'][number];

/**
 * Collects one batch's writes in memory so that they reach the read store in one
 * applyBatch, together with the checkpoint and the side writes (an outbox's, kept in
 * the order asked, every one). Later events of the batch read what earlier ones wrote
 * of the read model.
 *
 * Only the last write of each document is kept: a person with 50 events in a
 * batch is stored once, as the last of them left it, instead of 50 times. That
 * write keeps the position of the event that made it, which is what the MongoDB
 * adapter's per-document guard compares (a delete as well as an upsert).
 * Documents are not copied (see ProjectionView for the rule that makes this safe):
 * copying a person's growing document on every get and upsert made each event
 * cost in proportion to the person's history.
 */
export class ProjectionUnitOfWork implements ProjectionView {
  /** Keyed by physical collection and id; re-inserted on every write so that the order is that of the last writes. */
  private readonly writes = new Map<string, BatchWrite>();
  private readonly sideWrites: SideWrite[] = [];
  /** A Set: an outbox asks to be told once per batch, however many events enqueued. */
  private readonly committedListeners = new Set<() => void>();
  private position = 0n;

  constructor(
    private readonly store: ReadStore,
    /** Logical collection name -> physical name of the generation being written. */
    private readonly physical: (collection: string) => string,
  ) {}

  /** The position of the event being handled: every write it makes is tagged with it. */
  at(position: bigint): void {
    this.position = position;
  }

  async get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null> {
    const name = this.physical(collection);
    const pending = this.writes.get(keyOf(name, id));
    if (pending) return pending.op === 'upsert' ? (pending.doc as T) : null;
    return this.store.get<T>(name, id);
  }

  upsert(collection: string, doc: ReadDocument): void {
    this.record({ op: 'upsert', collection: this.physical(collection), doc });
  }

  delete(collection: string, id: string): void {
    this.record({ op: 'delete', collection: this.physical(collection), id });
  }

  insertAllIfAbsent(collection: string, docs: ReadDocument[]): void {
    if (docs.length > 0) this.sideWrites.push({ op: 'insertAllIfAbsent', collection, docs });
  }

  updateAllUnder(collection: string, idPrefix: string, change: UnderPrefixChange): void {
    this.sideWrites.push({ op: 'updateAllUnder', collection, idPrefix, change });
  }

  afterCommit(listener: () => void): void {
    this.committedListeners.add(listener);
  }

  /** Whether any event of the batch wrote (or deleted) a document, or asked for a side write. */
  wrote(): boolean {
    return this.writes.size > 0 || this.sideWrites.length > 0;
  }

  batch(checkpoint: string, position: bigint): ProjectionBatch {
    return {
      checkpoint,
      position,
      writes: [...this.writes.values()],
      ...(this.sideWrites.length > 0 ? { sideWrites: [...this.sideWrites] } : {}),
    };
  }

  /** The batch is committed: tells those that asked (afterCommit). */
  committed(): void {
    for (const listener of this.committedListeners) listener();
  }

  private record(write: ReadModelWrite): void {
    const key = keyOf(write.collection, write.op === 'upsert' ? write.doc.id : write.id);
    this.writes.delete(key);
    this.writes.set(key, { ...write, position: this.position });
  }
}

const keyOf = (collection: string, id: string): string => `${collection}\u0000${id}`;
