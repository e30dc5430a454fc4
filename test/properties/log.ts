import { EventStore, RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';

/** The whole global log, in position order, as stored. */
export async function wholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all.at(-1)?.position, maxCount: 5000 });
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** Events grouped by stream, each in revision order. */
export function byStream(log: RecordedEvent[]): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of log) {
    const events = streams.get(event.stream);
    if (events) events.push(event);
    else streams.set(event.stream, [event]);
  }
  for (const events of streams.values()) events.sort((a, b) => (a.revision < b.revision ? -1 : 1));
  return streams;
}

export const effectiveDateOf = (event: RecordedEvent) => String(event.metadata.effectiveDate);
