/**
 * Request counts per client over a sliding minute, kept in memory without a
 * timer per request. The counter of @nestjs/throttler's in-memory storage set a
 * timeout per hit and filtered an array of every pending one when each fired:
 * at thousands of requests a second that is hundreds of thousands of timers
 * and a quadratic clean-up once the first minute has passed.
 *
 * The window slides by weighting the previous fixed window by the part of it
 * still inside the last `windowMs` (the usual approximation): a client cannot
 * send twice the limit across a window boundary, and each key costs two numbers.
 */
export interface Hit {
  /** Requests counted in the sliding window, this one included. */
  count: number;
  /** Seconds until the current fixed window ends; a limited client may retry then. */
  retryAfterSeconds: number;
}

interface Windows {
  start: number;
  current: number;
  previous: number;
}

export class SlidingWindowCounter {
  private readonly windows = new Map<string, Windows>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  hit(key: string): Hit {
    const now = this.now();
    const start = now - (now % this.windowMs);
    let w = this.windows.get(key);
    if (!w) {
      w = { start, current: 0, previous: 0 };
      this.windows.set(key, w);
    } else if (w.start !== start) {
      // The window just before this one still counts, in part; an older one not at all.
      w.previous = w.start === start - this.windowMs ? w.current : 0;
      w.current = 0;
      w.start = start;
    }
    w.current++;
    const elapsed = (now - start) / this.windowMs;
    return {
      count: Math.floor(w.previous * (1 - elapsed)) + w.current,
      retryAfterSeconds: Math.max(1, Math.ceil((start + this.windowMs - now) / 1000)),
    };
  }

  /** Forgets clients idle for two windows (they would count 0 anyway), so the map holds only recent ones. */
  sweep(): void {
    const now = this.now();
    const cutoff = now - (now % this.windowMs) - this.windowMs;
    for (const [key, w] of this.windows) if (w.start < cutoff) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
