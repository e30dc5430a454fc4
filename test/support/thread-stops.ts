/**
 * The longest the thread went without running a timer that asks every 5 ms: what a test sees
 * of a synchronous wait (SQLite's busy handler sleeps the whole thread; a wait on timers does not).
 */
export function watchThreadStops(): { restart(): void; longest(): number; stop(): void } {
  let last = performance.now();
  let longest = 0;
  const ticking = setInterval(() => {
    longest = Math.max(longest, performance.now() - last);
    last = performance.now();
  }, 5);
  return {
    /** Forgets what came before (the set-up's own stops). */
    restart: () => {
      last = performance.now();
      longest = 0;
    },
    longest: () => longest,
    stop: () => clearInterval(ticking),
  };
}
