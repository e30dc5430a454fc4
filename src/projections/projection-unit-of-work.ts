import { ProjectionBatch, ReadDocument, ReadModelWrite, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionView } from './projection';

/**
 * Collects one batch's writes in memory so that they reach the read store in one
 * applyBatch, together with the checkpoint. Later events of the batch read what
 * earlier ones wrote.
 */
export class ProjectionUnitOfWork implements ProjectionView {
  private readonly writes: ProjectionBatch['writes'] = [];
  private readonly pending = new Map<string, ReadDocument | null>();
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
    const key = `${name}\u0000${id}`;
    if (this.pending.has(key)) return structuredClone(this.pending.get(key) ?? null) as T | null;
    return this.store.get<T>(name, id);
  }

  upsert(collection: string, doc: ReadDocument): void {
    this.record({ op: 'upsert', collection: this.physical(collection), doc: structuredClone(doc) });
  }

  delete(collection: string, id: string): void {
    this.record({ op: 'delete', collection: this.physical(collection), id });
  }

  batch(checkpoint: string, position: bigint): ProjectionBatch {
    return { checkpoint, position, writes: this.writes };
  }

  private record(write: ReadModelWrite): void {
    const id = write.op === 'upsert' ? write.doc.id : write.id;
    this.pending.set(`${write.collection}\u0000${id}`, write.op === 'upsert' ? write.doc : null);
    this.writes.push({ ...write, position: this.position });
  }
}
