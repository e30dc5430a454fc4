import { RecordedEvent } from '../event-store.port';

/** An event as its row is stored: decoded only when read. */
export interface StoredRow {
  revision: bigint;
  decode(): RecordedEvent;
}

interface Tail {
  /** The stream's last revision. */
  head: bigint;
  /** Its newest events, as this store wrote them, ending at `head`; none when the head was only read. */
  rows: StoredRow[];
}

/** Streams whose end is known; the least recently touched go first. Rows are kept undecoded, about a kilobyte each. */
const MAX_STREAMS = 20_000;

/**
 * Where each stream this store appended to (or read to its end) ends, and the
 * events of its last append, so that a command folding on from its kept state
 * (event-sourcing/kept-folds.ts) learns what came since without a query: nothing,
 * or the events the previous command on the stream appended. A query that finds
 * nothing still opens a read transaction on the file; under bench:api's
 * contributions, two such reads per command were 14 % of the request thread.
 *
 * Valid while no other connection writes the file (`changedElsewhere`, SQLite's
 * data_version, as for the kept streams and pages): a write elsewhere clears
 * everything, and the next reads ask SQLite.
 */
export class StreamTails {
  private readonly tails = new Map<string, Tail>();

  constructor(
    private readonly changedElsewhere: () => boolean,
    private readonly maxStreams = MAX_STREAMS,
  ) {}

  /** The stream's events from revision `from` to its end, when known without a query; null when they must be read. */
  from(stream: string, from: bigint): RecordedEvent[] | null {
    if (this.changedElsewhere()) {
      this.tails.clear();
      return null;
    }
    const tail = this.tails.get(stream);
    if (!tail) return null;
    if (from > tail.head) return [];
    const first = tail.rows[0];
    if (!first || from < first.revision) return null;
    return tail.rows.slice(Number(from - first.revision)).map((row) => row.decode());
  }

  /** This store committed `rows` to the stream: they are its newest. None (a retry that wrote nothing) tells nothing of its end. */
  appended(stream: string, rows: StoredRow[]): void {
    if (rows.length === 0) this.tails.delete(stream);
    else this.set(stream, { head: rows[rows.length - 1].revision, rows });
  }

  /** A read to the stream's end found `head` its last revision. */
  readTo(stream: string, head: bigint): void {
    const known = this.tails.get(stream);
    if (known && known.head === head) return;
    this.set(stream, { head, rows: [] });
  }

  private set(stream: string, tail: Tail): void {
    this.tails.delete(stream);
    this.tails.set(stream, tail);
    if (this.tails.size > this.maxStreams) this.tails.delete(this.tails.keys().next().value!);
  }
}
