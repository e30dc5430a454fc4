import { AllSubscription, RecordedEvent } from './event-store.port';

/**
 * A catch-up subscription for stores that can read "everything after position p"
 * cheaply (SQLite, and the stand-ins used in tests). It reads pages until it has
 * caught up, then sleeps until woken by an append in this process, or until the
 * poll interval passes (to see appends made by other processes on the same file).
 *
 * No gap and no duplicate at the hand-over by construction: there is no
 * hand-over. Every read asks for positions strictly after the last one delivered,
 * and the store assigns positions in commit order.
 *
 * A page shorter than `pageSize` means the log had nothing more at the time of
 * the read, so the subscription sleeps instead of reading again to find nothing
 * (that second read was one more query per subscription and append). An append
 * that lands after the read sets `notified`, and then the sleep does not wait.
 */
export class PollingSubscription implements AllSubscription {
  private closed = false;
  private wake: (() => void) | null = null;
  /** An append that happened while a page was being read (or delivered) must not wait for the poll. */
  private notified = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly readPage: (after: bigint | undefined) => Promise<RecordedEvent[]>,
    private after: bigint | undefined,
    private readonly pollIntervalMs: number,
    private readonly onClose: (sub: PollingSubscription) => void,
    /** The most events readPage returns; a shorter page means caught up. */
    private readonly pageSize = Number.POSITIVE_INFINITY,
  ) {}

  /** Called by the store after a local append, so live events arrive without waiting for the poll. */
  notify(): void {
    this.notified = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    this.onClose(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      while (!this.closed) {
        this.notified = false;
        const page = await this.readPage(this.after);
        for (const event of page) {
          if (this.closed) return;
          this.after = event.position;
          yield event;
        }
        if (page.length < this.pageSize) await this.sleep();
      }
    } finally {
      await this.close();
    }
  }

  private sleep(): Promise<void> {
    if (this.notified || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.wake = null;
        resolve();
      };
      this.wake = done;
      this.timer = setTimeout(done, this.pollIntervalMs);
    });
  }
}
