import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';

/** One row per stream: what exists, how long it is, when it last changed (for auditors and administrators). */
export interface StreamSummary extends ReadDocument {
  /** The stream name. */
  id: string;
  /** The part before the first '-', as EventStoreDB's $by_category reads it. */
  category: string;
  events: number;
  lastRevision: string;
  lastPosition: string;
  lastType: string;
  firstRecordedAt: string | null;
  lastRecordedAt: string | null;
}

export const streamCategory = (stream: string) => {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
};

export const streamCatalog: Projection = {
  name: 'stream_catalog',
  version: 1,
  collections: {
    // (category, id): a category's page by name (GET /api/audit/streams) reads the page alone, unsorted; created on start in the live generation too.
    streams: [{ fields: ['category'] }, { fields: ['lastRecordedAt'] }, { fields: ['category', 'id'] }],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const recordedAt = typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : null;
    const existing = await view.get<StreamSummary>('streams', event.stream);
    view.upsert('streams', {
      id: event.stream,
      category: streamCategory(event.stream),
      events: (existing?.events ?? 0) + 1,
      // Positions and revisions are 64-bit: kept as decimal strings, as JSON numbers would round them.
      lastRevision: event.revision.toString(),
      lastPosition: event.position.toString(),
      lastType: event.type,
      firstRecordedAt: existing ? existing.firstRecordedAt : recordedAt,
      lastRecordedAt: recordedAt ?? existing?.lastRecordedAt ?? null,
    } satisfies StreamSummary);
  },
};
