import { parseStream } from '../domain/shared/streams';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { TimelineEntryDocument } from './timeline.projection';

/** Revisions this close in one stream are read in one range: a few events more rather than another read. */
const NEAR = 8n;

/**
 * The events behind a page of timeline entries, read from the log by stream and
 * revision, in the entries' order: the entries hold what a page is found by, the
 * log everything shown of an event.
 *
 * A person's own streams (archive, account, cases) are read whole: one working
 * life bounds them, and the embedded store keeps whole streams decoded, as the
 * commands read them, so that paging through a timeline decodes each event once.
 * A month's refusal log, shared by everyone, is read in ranges around the page's
 * revisions.
 *
 * An entry whose event is not where it says (a log restored from an older backup
 * than the read models) fails the page rather than showing something else.
 */
export async function eventsOfEntries(events: EventStore, entries: TimelineEntryDocument[]): Promise<RecordedEvent[]> {
  const revisions = new Map<string, bigint[]>();
  for (const entry of entries) {
    const list = revisions.get(entry.stream) ?? [];
    list.push(BigInt(entry.revision));
    revisions.set(entry.stream, list);
  }
  const pages = await Promise.all(
    [...revisions].flatMap(([stream, list]) =>
      ownStream(stream)
        ? [events.readStream(stream)]
        : rangesOf(list).map(({ from, to }) => events.readStream(stream, { fromRevision: from, maxCount: Number(to - from + 1n) })),
    ),
  );
  const found = new Map<string, RecordedEvent>();
  for (const event of pages.flat()) found.set(`${event.stream}@${event.revision}`, event);
  return entries.map((entry) => {
    const event = found.get(`${entry.stream}@${entry.revision}`);
    if (!event || event.position !== BigInt(entry.positionKey)) {
      throw new Error(
        `Timeline entry ${entry.positionKey} names ${entry.stream}@${entry.revision}, which the log ${event ? `holds at position ${event.position}` : 'does not hold'}`,
      );
    }
    return event;
  });
}

function ownStream(stream: string): boolean {
  const kind = parseStream(stream)?.kind;
  return kind === 'employee' || kind === 'insurance' || kind === 'offboarding';
}

/** Sorted, merged ranges of revisions: neighbours within NEAR of each other share one. */
function rangesOf(revisions: bigint[]): Array<{ from: bigint; to: bigint }> {
  const sorted = [...revisions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ranges: Array<{ from: bigint; to: bigint }> = [];
  for (const revision of sorted) {
    const last = ranges.at(-1);
    if (last && revision - last.to <= NEAR) last.to = revision;
    else ranges.push({ from: revision, to: revision });
  }
  return ranges;
}
