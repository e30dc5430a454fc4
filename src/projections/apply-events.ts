import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { checkpointKey, physicalName } from './generations';
import { Projection } from './projection';
import { ProjectionUnitOfWork } from './projection-unit-of-work';

/**
 * The longest a batch keeps the event loop before letting timers and I/O run. A
 * handler's reads and writes are synchronous SQLite calls behind promises that are
 * already resolved, so a batch never waits on I/O by itself: the reminder reactor
 * (≈170 outbox inserts per opened case, in the thread that answers HTTP) held the
 * loop for 15 s over a batch of 500 events (bench:reminders), and commands timed out.
 */
export const YIELD_EVERY_MS = 20;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Applies a batch of events to one generation of a projection, with its checkpoint, in one write.
 * The checkpoint is the last event's position, or `through` when the events are those of a longer
 * stretch of the log that the projection acts on (Projection.eventTypes): it may also be written alone.
 *
 * With `checkpointAlone: false`, a batch that wrote nothing writes nothing, not even its checkpoint,
 * and answers false: the caller keeps that checkpoint to write later (ProjectionRunner).
 * Otherwise it answers true once the batch is committed.
 */
export async function applyEvents(
  store: ReadStore,
  projection: Projection,
  generation: number,
  events: RecordedEvent[],
  through: bigint | undefined = events.at(-1)?.position,
  { checkpointAlone = true }: { checkpointAlone?: boolean } = {},
): Promise<boolean> {
  if (through === undefined) return false;
  const unit = new ProjectionUnitOfWork(store, (collection) => {
    if (!(collection in projection.collections)) throw new Error(`Projection ${projection.name} has no collection ${collection}`);
    return physicalName(collection, generation);
  });
  let since = performance.now();
  for (const event of events) {
    unit.at(event.position);
    await projection.handle(event, unit);
    if (performance.now() - since >= YIELD_EVERY_MS) {
      await nextTurn();
      since = performance.now();
    }
  }
  if (!checkpointAlone && !unit.wrote()) return false;
  await store.applyBatch(unit.batch(checkpointKey(projection, generation), through));
  unit.committed();
  return true;
}
