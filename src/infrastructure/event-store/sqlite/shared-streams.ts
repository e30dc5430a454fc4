import { RecordedEvent } from '../event-store.port';
import { deepFreeze } from '../../../domain/shared/deep-freeze';

/**
 * Events kept over all streams; the streams read least recently go first. Kept
 * events are decoded envelopes (hashes and all) and cost a few KB of heap each:
 * the process manager's rebuild at 5M events peaked at 176 MiB RSS without this
 * cache, 502 MiB with 100,000 kept, 434 MiB with 50,000 (BENCHMARKS.md). 50,000
 * holds the working set of bench:api's contribution scenario (~42,000 events).
 */
const MAX_EVENTS = 50_000;

/**
 * Whole streams as this process last read them, decoded and frozen, so that reading
 * a stream again reads from SQLite only the events appended since, and nothing at
 * all when this store has not appended to it and no other connection has written
 * the file. Whole streams are read by queries, by commands retried under an
 * idempotency key, and by a command on a stream whose fold is not kept
 * (event-sourcing/kept-folds.ts: streams with personal data, or the first command
 * after a restart); the others read on from their kept state (stream-tails.ts).
 *
 * Always correct, never stale: a stream's events never change once stored and its
 * revisions have no holes, so a kept prefix plus a read from the next revision is
 * the whole stream. Commits by another connection (an import or rebuild command, or
 * anything else writing the file) clear everything (`changedElsewhere`, SQLite's
 * data_version), so even an event altered in the file behind the service's back is
 * read as it now is, for the audit's chain check among others.
 *
 * Events are frozen, deep, as they are shared by every reader of the stream.
 */
export class SharedStreams {
  private readonly streams = new Map<string, readonly RecordedEvent[]>();
  /** Kept streams this store has appended to since they were read: the only ones that may have grown, as long as no other connection wrote. */
  private readonly grown = new Set<string>();
  private events = 0;

  constructor(
    private readonly readFrom: (stream: string, fromRevision: bigint) => RecordedEvent[],
    private readonly changedElsewhere: () => boolean,
    private readonly maxEvents = MAX_EVENTS,
  ) {}

  /** The whole stream, oldest first. */
  stream(stream: string): readonly RecordedEvent[] {
    if (this.changedElsewhere()) this.clear();
    const known = this.streams.get(stream) ?? [];
    if (known.length > 0 && !this.grown.has(stream)) return this.touch(stream, known);
    this.grown.delete(stream);
    const fresh = this.readFrom(stream, known.length === 0 ? 0n : known[known.length - 1].revision + 1n);
    const whole = fresh.length === 0 ? known : Object.freeze([...known, ...fresh.map(deepFreeze)]);
    // Map order is the order of last reads: delete and set again to make it the newest.
    this.streams.delete(stream);
    this.events -= known.length;
    if (whole.length > 0) {
      this.streams.set(stream, whole);
      this.events += whole.length;
    }
    this.evict();
    return whole;
  }

  /**
   * The stream's first `count` events, up to date as `stream` reads it, when the stream
   * is kept; null when it is not, rather than reading it whole for a prefix. The reminder
   * reactor reads a case up to the event it reacts to, just after the command that
   * appended it read the case: from SQLite, that read was 8 % of the request thread
   * in bench:api's step commands.
   */
  prefix(stream: string, count: number): RecordedEvent[] | null {
    if (this.changedElsewhere()) this.clear();
    if (!this.streams.has(stream)) return null;
    return this.stream(stream).slice(0, count);
  }

  /**
   * This store committed an append to the stream. When the events it wrote (as
   * stored: `written`, decoded only if the stream is kept) follow the kept ones
   * directly, they are kept too and the next read touches no SQLite: reading back
   * the event a command had just appended was 6-9 % of the request thread in
   * bench:api's command scenarios. Otherwise the next read looks for the new events.
   */
  appended(stream: string, written?: () => RecordedEvent[]): void {
    const known = this.streams.get(stream);
    if (!known) return;
    const fresh = written && !this.grown.has(stream) ? written() : [];
    if (fresh.length === 0 || fresh[0].revision !== known[known.length - 1].revision + 1n) {
      this.grown.add(stream);
      return;
    }
    this.streams.set(stream, Object.freeze([...known, ...fresh.map(deepFreeze)]));
    this.events += fresh.length;
    this.evict();
  }

  /** Drops the streams read least recently until the kept events are within the cap. */
  private evict(): void {
    for (const [oldest, kept] of this.streams) {
      if (this.events <= this.maxEvents) break;
      this.streams.delete(oldest);
      this.grown.delete(oldest);
      this.events -= kept.length;
    }
  }

  clear(): void {
    this.streams.clear();
    this.grown.clear();
    this.events = 0;
  }

  private touch(stream: string, kept: readonly RecordedEvent[]): readonly RecordedEvent[] {
    this.streams.delete(stream);
    this.streams.set(stream, kept);
    return kept;
  }
}
