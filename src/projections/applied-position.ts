import { waitAsync } from './doorbell';
/**
 * How far every read model has applied the log, in shared memory: the position
 * that all projections have reached (the lowest of their checkpoints) and a
 * counter rung each time it moves. The projection worker writes it and the
 * request thread reads it (read-your-writes, http/read-your-writes.guard.ts)
 * without a message per batch: a read that waits for a position sleeps on the
 * counter (Atomics.waitAsync) and wakes when the worker moves it, and a read that
 * does not wait costs nothing. Without a worker, the same object lives in one thread.
 */
export class AppliedPosition {
  private readonly position: BigInt64Array;
  private readonly counter: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.position = new BigInt64Array(buffer, 0, 1);
    this.counter = new Int32Array(buffer, 8, 1);
  }

  /** Every read model has applied the log through this position (0n before any). */
  get(): bigint {
    return Atomics.load(this.position, 0);
  }

  /** Records the lowest checkpoint of the read models; wakes the reads waiting for it. */
  set(position: bigint): void {
    if (Atomics.load(this.position, 0) === position) return;
    Atomics.store(this.position, 0, position);
    Atomics.add(this.counter, 0, 1);
    Atomics.notify(this.counter, 0);
  }

  /** Resolves true once the read models have applied `position`, false when `timeoutMs` passes first. */
  async reached(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.counter, 0);
      if (this.get() >= position) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      const waiting = waitAsync(this.counter, 0, seen, left);
      if (waiting.async) await waiting.value;
    }
  }
}

/** The lowest of the runners' checkpoints: a runner before its first event holds the whole answer at 0. */
export function lowestCheckpoint(checkpoints: Array<bigint | null>): bigint {
  let lowest: bigint | null = null;
  for (const checkpoint of checkpoints) {
    const at = checkpoint ?? 0n;
    if (lowest === null || at < lowest) lowest = at;
  }
  return lowest ?? 0n;
}
