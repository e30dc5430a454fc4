import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { ProjectionBatch, ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { applyEvents, YIELD_EVERY_MS } from '../../src/projections/apply-events';
import { Projection } from '../../src/projections/projection';

/** Keeps the CPU for `ms` without giving the event loop a turn, as synchronous SQLite calls do. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const event = (position: number): RecordedEvent =>
  ({
    id: `e${position}`,
    stream: 's-1',
    type: 'Happened',
    revision: BigInt(position),
    position: BigInt(position),
    data: {},
    metadata: {},
  }) as RecordedEvent;

describe('applyEvents', () => {
  it('gives the event loop a turn during a batch whose handlers never wait on I/O', async () => {
    // Given a projection whose every event takes half of YIELD_EVERY_MS of synchronous work
    let handled = 0;
    const projection: Projection = {
      name: 'busy',
      version: 1,
      collections: {},
      handle: async () => {
        busy(YIELD_EVERY_MS / 2);
        handled++;
      },
    };
    const store = { applyBatch: async () => undefined } as unknown as ReadStore;
    const events = Array.from({ length: 12 }, (_, k) => event(k + 1));
    // When a batch of 12 is applied while an I/O-phase callback waits
    let handledWhenTheLoopTurned: number | null = null;
    setImmediate(() => (handledWhenTheLoopTurned = handled));
    await applyEvents(store, projection, 1, events);
    // Then the callback ran before the batch ended (every 2 events here), not after all 12
    expect(handled).toBe(12);
    expect(handledWhenTheLoopTurned).not.toBeNull();
    expect(handledWhenTheLoopTurned!).toBeLessThan(12);
  });

  it('tells what a batch asked to be told after its commit only once the store has committed it, and never when it failed', async () => {
    const told: string[] = [];
    const projection: Projection = {
      name: 'pushing',
      version: 1,
      collections: {},
      handle: async (_event, view) => {
        view.insertAllIfAbsent('outbox', [{ id: 'm1' }]);
        view.afterCommit(() => told.push('pushed'));
      },
    };
    const committing = {
      applyBatch: async (batch: ProjectionBatch) => {
        told.push(`committed ${batch.sideWrites?.length} side write`);
      },
    } as unknown as ReadStore;
    await applyEvents(committing, projection, 1, [event(1)], 1n, { checkpointAlone: false });
    expect(told).toEqual(['committed 1 side write', 'pushed']);

    told.length = 0;
    const failing = { applyBatch: async () => Promise.reject(new Error('disk full')) } as unknown as ReadStore;
    await expect(applyEvents(failing, projection, 1, [event(2)])).rejects.toThrow('disk full');
    expect(told).toEqual([]);
  });
});
