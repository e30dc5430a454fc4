import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { IndexSpec, ReadDocument } from '../infrastructure/read-store/read-store.port';

/**
 * What a projection handler sees of its read model while it applies a batch:
 * reads include the batch's own earlier writes; writes are kept until the
 * runner commits them together with the checkpoint.
 */
export interface ProjectionView {
  get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null>;
  upsert(collection: string, doc: ReadDocument): void;
  delete(collection: string, id: string): void;
}

/**
 * A read model built from the global log. Bump `version` when `handle` changes
 * meaning: the runner then rebuilds it from position 0 into fresh collections
 * while the old ones keep answering queries.
 */
export interface Projection {
  /** Lower-case letters, digits and underscores. */
  readonly name: string;
  readonly version: number;
  /** Logical collection names (unique across projections) and their indexes. */
  readonly collections: Record<string, IndexSpec[]>;
  handle(event: RecordedEvent, view: ProjectionView): Promise<void>;
}
