import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';
import { inBatches } from '../../src/projections/batches';

const event = (n: number) => ({ position: BigInt(n) }) as RecordedEvent;

describe('inBatches', () => {
  it('groups events that are already at hand, up to the maximum', async () => {
    async function* source() {
      for (let i = 1; i <= 7; i++) yield event(i);
    }
    const sizes: number[] = [];
    for await (const batch of inBatches(source(), 3)) sizes.push(batch.length);
    expect(sizes).toEqual([3, 3, 1]);
  });

  it('does not hold back an event while waiting for the next one', async () => {
    let secondProduced = false;
    async function* source() {
      yield event(1);
      await new Promise((r) => setTimeout(r, 30));
      secondProduced = true;
      yield event(2);
    }
    const seen: Array<{ positions: bigint[]; secondProduced: boolean }> = [];
    for await (const batch of inBatches(source(), 10)) seen.push({ positions: batch.map((e) => e.position), secondProduced });
    expect(seen).toEqual([
      { positions: [1n], secondProduced: false },
      { positions: [2n], secondProduced: true },
    ]);
  });
});
