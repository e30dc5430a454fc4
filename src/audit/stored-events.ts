import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';

export const PAGE_SIZE = 500;

/** One stream, oldest first, a page at a time (a stream may be longer than memory should hold). */
export async function* streamPages(store: EventStore, stream: string, pageSize = PAGE_SIZE): AsyncGenerator<RecordedEvent[]> {
  let from = 0n;
  for (;;) {
    const page = await store.readStream(stream, { fromRevision: from, maxCount: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    from = page[page.length - 1].revision + 1n;
  }
}

/** The global log in commit order, a page at a time. */
export async function* logPages(store: EventStore, pageSize = PAGE_SIZE): AsyncGenerator<RecordedEvent[]> {
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].position;
  }
}
