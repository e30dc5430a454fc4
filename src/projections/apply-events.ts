import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { checkpointKey, physicalName } from './generations';
import { Projection } from './projection';
import { ProjectionUnitOfWork } from './projection-unit-of-work';

/**
 * Applies a batch of events to one generation of a projection, with its checkpoint, in one write.
 * The checkpoint is the last event's position, or `through` when the events are those of a longer
 * stretch of the log that the projection acts on (Projection.eventTypes): it may also be written alone.
 */
export async function applyEvents(
  store: ReadStore,
  projection: Projection,
  generation: number,
  events: RecordedEvent[],
  through: bigint | undefined = events.at(-1)?.position,
): Promise<void> {
  if (through === undefined) return;
  const unit = new ProjectionUnitOfWork(store, (collection) => {
    if (!(collection in projection.collections)) throw new Error(`Projection ${projection.name} has no collection ${collection}`);
    return physicalName(collection, generation);
  });
  for (const event of events) {
    unit.at(event.position);
    await projection.handle(event, unit);
  }
  await store.applyBatch(unit.batch(checkpointKey(projection, generation), through));
}
