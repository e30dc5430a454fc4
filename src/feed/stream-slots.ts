/**
 * How many event streams each caller holds open: a stream holds a connection, a
 * subscription to the log and a timer for as long as the client stays, so one
 * token may not open them without bound. Counted per token subject, in this
 * process (each replica bounds its own).
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(readonly perCaller: number) {}

  /** A release function when the caller has a slot free, null when they hold `perCaller` already. */
  take(caller: string): (() => void) | null {
    const held = this.open.get(caller) ?? 0;
    if (held >= this.perCaller) return null;
    this.open.set(caller, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(caller) ?? 1) - 1;
      if (now > 0) this.open.set(caller, now);
      else this.open.delete(caller);
    };
  }

  /** Streams open, all callers together (the metric). */
  get total(): number {
    let sum = 0;
    for (const n of this.open.values()) sum += n;
    return sum;
  }
}
