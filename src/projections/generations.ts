import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { Projection } from './projection';

/**
 * A projection's collections come in generations: a rebuild writes generation
 * n+1 from position 0 while generation n keeps answering, then one upsert of the
 * pointer switches readers over. The pointer lives in the read store, so a
 * rebuild run from the command line reaches a running API too.
 */
export const POINTERS = 'projection_generations';

export interface GenerationPointer {
  id: string;
  generation: number;
  version: number;
  switchedAt: string;
  [key: string]: unknown;
}

export const physicalName = (collection: string, generation: number) => `${collection}_g${generation}`;
export const checkpointKey = (projection: Projection, generation: number) => `${projection.name}_g${generation}`;

/** A read only: runners look every second, and a write (setting the collection up) would wait for the write lock. */
export async function readPointer(store: ReadStore, projection: Projection): Promise<GenerationPointer | null> {
  return store.get<GenerationPointer>(POINTERS, projection.name);
}

export async function switchTo(store: ReadStore, projection: Projection, generation: number, now: Date): Promise<GenerationPointer> {
  const pointer = { id: projection.name, generation, version: projection.version, switchedAt: now.toISOString() };
  await store.upsert(POINTERS, pointer);
  return pointer;
}

export async function prepareGeneration(store: ReadStore, projection: Projection, generation: number): Promise<void> {
  for (const [collection, indexes] of Object.entries(projection.collections)) {
    await store.dropCollection(physicalName(collection, generation));
    await store.ensureCollection(physicalName(collection, generation), indexes);
  }
  await store.deleteCheckpoint(checkpointKey(projection, generation));
}

/** Drops the generations older than the current one (a newer one may be a rebuild in progress). */
export async function dropOlderGenerations(store: ReadStore, projection: Projection, current: number): Promise<void> {
  for (const collection of Object.keys(projection.collections)) {
    for (const name of await store.listCollections(`${collection}_g`)) {
      const generation = Number(/_g(\d+)$/.exec(name)?.[1]);
      if (name === physicalName(collection, generation) && generation < current) {
        await store.dropCollection(name);
        await store.deleteCheckpoint(checkpointKey(projection, generation));
      }
    }
  }
}
