import { EventStore } from '../infrastructure/event-store/event-store.port';
import { ChainCursor, ChainProblem } from './chain-verifier';
import { logPages, streamPages } from './stored-events';

export interface BrokenChain {
  stream: string;
  revision: number;
  problem: ChainProblem;
  detail: string;
}

/** The answer of GET /api/audit/verify (API.md, Audit). */
export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** The stream's first revision that does not hold; for the whole store, in the stream that appears first in the log. Null when ok. */
  firstBroken: BrokenChain | null;
}

/** One stream, page by page in revision order; its positions in the log must grow with its revisions. */
export async function verifyStream(store: EventStore, stream: string): Promise<VerificationReport> {
  const cursor = new ChainCursor();
  for await (const page of streamPages(store, stream)) for (const event of page) cursor.check(event);
  return {
    ok: cursor.broken === null,
    streamsChecked: cursor.events > 0 ? 1 : 0,
    eventsChecked: cursor.events,
    firstBroken: cursor.broken && brokenChain(stream, cursor),
  };
}

/**
 * Every stream, each checked like a single one (so both answers agree), in the
 * order the streams first appear in the global log, read page by page. The
 * streams come from the log itself, not from the stream catalog read model, so
 * a stream a read model missed cannot hide. Memory holds the names of the
 * streams seen and one page, never all events.
 */
export async function verifyStore(store: EventStore): Promise<VerificationReport> {
  const seen = new Set<string>();
  let eventsChecked = 0;
  let firstBroken: BrokenChain | null = null;
  for await (const page of logPages(store)) {
    for (const { stream } of page) {
      if (seen.has(stream)) continue;
      seen.add(stream);
      const report = await verifyStream(store, stream);
      eventsChecked += report.eventsChecked;
      firstBroken ??= report.firstBroken;
    }
  }
  return { ok: firstBroken === null, streamsChecked: seen.size, eventsChecked, firstBroken };
}

function brokenChain(stream: string, cursor: ChainCursor): BrokenChain {
  const { revision, problem, detail } = cursor.broken!;
  return { stream, revision: Number(revision), problem, detail };
}
