import { EventStore } from '../infrastructure/event-store/event-store.port';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { applyEvents } from './apply-events';
import { prepareGeneration, readPointer, switchTo } from './generations';
import { Projection } from './projection';

export interface RebuildProgress {
  projection: string;
  generation: number;
  position: bigint;
  head: bigint;
  events: number;
}

export interface RebuildResult extends RebuildProgress {
  previousGeneration: number | null;
}

const PAGE = 1000;

/**
 * Rebuilds a projection from position 0 into a fresh generation, then switches
 * readers to it. The current generation keeps answering (and a running API keeps
 * updating it) until the switch; the API's runner then carries on from the new
 * generation's checkpoint.
 */
export async function rebuildProjection(
  events: EventStore,
  reads: ReadStore,
  projection: Projection,
  options: { now: () => Date; onProgress?: (p: RebuildProgress) => void; signal?: AbortSignal },
): Promise<RebuildResult> {
  const pointer = await readPointer(reads, projection);
  const generation = (pointer?.generation ?? 0) + 1;
  await prepareGeneration(reads, projection, generation);
  let position: bigint | undefined;
  let count = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await events.readAll({ after: position, maxCount: PAGE });
    if (page.length === 0) break;
    await applyEvents(reads, projection, generation, page);
    position = page[page.length - 1].position;
    count += page.length;
    options.onProgress?.({ projection: projection.name, generation, position, head: await events.headPosition(), events: count });
  }
  await switchTo(reads, projection, generation, options.now());
  return {
    projection: projection.name,
    generation,
    position: position ?? 0n,
    head: position ?? 0n,
    events: count,
    previousGeneration: pointer?.generation ?? null,
  };
}
