import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { checkpointKey, physicalName } from './generations';
import { Projection } from './projection';
import { ProjectionUnitOfWork } from './projection-unit-of-work';

/** Applies a batch of events to one generation of a projection, with its checkpoint, in one write. */
export async function applyEvents(store: ReadStore, projection: Projection, generation: number, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const unit = new ProjectionUnitOfWork(store, (collection) => {
    if (!(collection in projection.collections)) throw new Error(`Projection ${projection.name} has no collection ${collection}`);
    return physicalName(collection, generation);
  });
  for (const event of events) {
    unit.at(event.position);
    await projection.handle(event, unit);
  }
  await store.applyBatch(unit.batch(checkpointKey(projection, generation), events[events.length - 1].position));
}
