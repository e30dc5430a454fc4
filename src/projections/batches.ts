import { RecordedEvent } from '../infrastructure/event-store/event-store.port';

const IDLE = Symbol('idle');

/**
 * Groups a subscription's events into batches: as many as are already at hand
 * (up to `max`), without waiting for more. Catch-up reads become large batches,
 * live events go out one by one with no added latency.
 */
export async function* inBatches(source: AsyncIterable<RecordedEvent>, max: number): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch = [first.value];
    pending = iterator.next();
    while (batch.length < max) {
      const next = await Promise.race([pending, new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)))]);
      if (next === IDLE) break;
      if (next.done) {
        yield batch;
        return;
      }
      batch.push(next.value);
      pending = iterator.next();
    }
    yield batch;
  }
}
