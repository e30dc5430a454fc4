import { SlidingWindowCounter } from '../../src/http/rate-limits';

describe('requests counted over a sliding minute', () => {
  let now = 0;
  const counter = () => new SlidingWindowCounter(60_000, () => now);

  it('counts each key apart, and says when the current window ends', () => {
    now = 10_000;
    const c = counter();
    expect(c.hit('a')).toEqual({ count: 1, retryAfterSeconds: 50 });
    expect(c.hit('a')).toEqual({ count: 2, retryAfterSeconds: 50 });
    expect(c.hit('b').count).toBe(1);
  });

  it('weights the previous minute by the part of it still inside the last 60 s, so a burst at a boundary is not counted twice over', () => {
    const c = counter();
    now = 59_000;
    for (let i = 0; i < 30; i++) c.hit('a');
    now = 60_000; // the whole previous window still counts
    expect(c.hit('a').count).toBe(31);
    now = 90_000; // half of it
    expect(c.hit('a').count).toBe(15 + 2);
    now = 180_000; // two windows later: nothing left
    expect(c.hit('a').count).toBe(1);
  });

  it('forgets keys idle for two windows, and only those', () => {
    const c = counter();
    now = 0;
    c.hit('old');
    now = 60_000;
    c.hit('recent');
    now = 125_000;
    c.sweep();
    expect(c.size).toBe(1);
    expect(c.hit('recent').count).toBe(1);
  });
});
