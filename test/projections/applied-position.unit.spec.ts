import { AppliedPosition, lowestCheckpoint } from '../../src/projections/applied-position';

describe('AppliedPosition (how far every read model has applied the log)', () => {
  it('answers at once for a position already applied', async () => {
    const applied = new AppliedPosition();
    applied.set(7n);
    await expect(applied.reached(7n, 1)).resolves.toBe(true);
    await expect(applied.reached(3n, 1)).resolves.toBe(true);
  });

  it('wakes a waiting read when the position is reached, not before', async () => {
    const applied = new AppliedPosition();
    const read = applied.reached(5n, 60_000);
    let answered = false;
    void read.then(() => (answered = true));
    applied.set(4n);
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    applied.set(5n);
    await expect(read).resolves.toBe(true);
  });

  it('answers false when the bound passes first', async () => {
    await expect(new AppliedPosition().reached(1n, 5)).resolves.toBe(false);
  });

  it('is seen through the same shared memory from another view of it (the worker writes, the request thread reads)', () => {
    const writer = new AppliedPosition();
    const reader = new AppliedPosition(writer.buffer);
    writer.set(2n ** 62n);
    expect(reader.get()).toBe(2n ** 62n);
  });

  it('the lowest checkpoint holds the answer; a runner before its first event holds it at 0', () => {
    expect(lowestCheckpoint([5n, 3n, 9n])).toBe(3n);
    expect(lowestCheckpoint([5n, null])).toBe(0n);
    expect(lowestCheckpoint([])).toBe(0n);
  });
});
