import { RecordedEvent } from '../../../src/infrastructure/event-store/event-store.port';
import { SharedStreams } from '../../../src/infrastructure/event-store/sqlite/shared-streams';

/** A log of streams in memory, and the reads the cache makes of it. */
function fakeLog() {
  const streams = new Map<string, RecordedEvent[]>();
  const reads: Array<[string, bigint]> = [];
  let position = 0n;
  return {
    reads,
    append(stream: string, count = 1) {
      const events = streams.get(stream) ?? [];
      for (let i = 0; i < count; i++) {
        events.push({
          id: `${stream}-${events.length}`,
          stream,
          revision: BigInt(events.length),
          position: ++position,
          type: 'T',
          schemaVersion: 1,
          data: {},
          metadata: {},
        } as unknown as RecordedEvent);
      }
      streams.set(stream, events);
    },
    readFrom(stream: string, from: bigint): RecordedEvent[] {
      reads.push([stream, from]);
      return (streams.get(stream) ?? []).filter((e) => e.revision >= from).map((e) => ({ ...e }));
    },
  };
}

/** The cache over the fake log; `changedElsewhere` says whether another connection wrote since. */
function cacheOver(log: ReturnType<typeof fakeLog>, changedElsewhere: () => boolean = () => false, limit?: number): SharedStreams {
  return limit === undefined
    ? new SharedStreams((s, from) => log.readFrom(s, from), changedElsewhere)
    : new SharedStreams((s, from) => log.readFrom(s, from), changedElsewhere, limit);
}

describe('SharedStreams', () => {
  it('reads a kept stream again only after an append to it, and then from its next revision', () => {
    const log = fakeLog();
    const cache = cacheOver(log);
    log.append('a', 3);
    expect(cache.stream('a')).toHaveLength(3);
    expect(cache.stream('a')).toHaveLength(3);
    log.append('a', 2);
    cache.appended('a');
    expect(cache.stream('a').map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(cache.stream('a')).toHaveLength(5);
    expect(log.reads).toEqual([
      ['a', 0n],
      ['a', 3n],
    ]);
  });

  it('sees appends by another connection through changedElsewhere, not by itself', () => {
    const log = fakeLog();
    let elsewhere = false;
    const cache = cacheOver(log, () => elsewhere);
    log.append('a');
    cache.stream('a');
    log.append('a');
    elsewhere = true;
    expect(cache.stream('a')).toHaveLength(2);
  });

  it('gives the start of a kept stream without reading the store, and nothing for a stream it does not keep', () => {
    const log = fakeLog();
    const cache = cacheOver(log);
    log.append('a', 4);
    expect(cache.prefix('a', 2)).toBeNull();
    expect(log.reads).toEqual([]);
    cache.stream('a');
    expect(cache.prefix('a', 2)?.map((e) => e.revision)).toEqual([0n, 1n]);
    log.append('a');
    cache.appended('a');
    expect(cache.prefix('a', 5)?.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(log.reads).toEqual([
      ['a', 0n],
      ['a', 4n],
    ]);
  });

  it('keeps nothing for a stream that does not exist', () => {
    const log = fakeLog();
    const cache = cacheOver(log);
    expect(cache.stream('none')).toEqual([]);
    log.append('none');
    expect(cache.stream('none')).toHaveLength(1);
  });

  it('starts over when another connection has written', () => {
    const log = fakeLog();
    let elsewhere = false;
    const cache = cacheOver(log, () => elsewhere);
    log.append('a', 2);
    cache.stream('a');
    elsewhere = true;
    cache.stream('a');
    expect(log.reads).toEqual([
      ['a', 0n],
      ['a', 0n],
    ]);
  });

  it('drops the streams read least recently once it holds more events than its limit', () => {
    const log = fakeLog();
    const cache = cacheOver(log, () => false, 5);
    for (const s of ['a', 'b', 'c']) log.append(s, 2);
    cache.stream('a');
    cache.stream('b');
    cache.stream('a'); // a is now the most recent
    cache.stream('c'); // 6 events kept: b goes
    log.reads.length = 0;
    cache.stream('a');
    cache.stream('c');
    cache.stream('b');
    // a and c are still kept (no read), b is read again whole.
    expect(log.reads).toEqual([['b', 0n]]);
  });
  describe('an append by this store, with the events as written', () => {
    const written = (log: ReturnType<typeof fakeLog>, stream: string, count: number) => () => {
      const all = log.readFrom(stream, 0n);
      log.reads.pop();
      return all.slice(all.length - count);
    };

    it('keeps them after the kept events when they follow directly: the next read touches no store', () => {
      const log = fakeLog();
      const cache = cacheOver(log);
      log.append('a', 2);
      cache.stream('a');
      log.append('a', 2);
      cache.appended('a', written(log, 'a', 2));
      expect(cache.stream('a').map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(Object.isFrozen(cache.stream('a')[3].data)).toBe(true);
      expect(log.reads).toEqual([['a', 0n]]);
    });

    it('reads from the store when they do not follow the kept events (another writer came between)', () => {
      const log = fakeLog();
      const cache = cacheOver(log);
      log.append('a', 2);
      cache.stream('a');
      log.append('a', 1); // not through this store
      log.append('a', 1);
      cache.appended('a', written(log, 'a', 1));
      expect(cache.stream('a').map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(log.reads).toEqual([
        ['a', 0n],
        ['a', 2n],
      ]);
    });

    it('decodes nothing for a stream it does not keep, and keeps nothing for it', () => {
      const log = fakeLog();
      const cache = cacheOver(log);
      log.append('a', 1);
      cache.appended('a', () => {
        throw new Error('decoded a stream nobody keeps');
      });
      expect(cache.stream('a')).toHaveLength(1);
      expect(log.reads).toEqual([['a', 0n]]);
    });

    it('counts them against its limit', () => {
      const log = fakeLog();
      const cache = new SharedStreams(
        (s, from) => log.readFrom(s, from),
        () => false,
        3,
      );
      log.append('a', 1);
      log.append('b', 2);
      cache.stream('a');
      cache.stream('b');
      log.append('b', 1);
      cache.appended('b', written(log, 'b', 1)); // 4 events kept: a goes
      log.reads.length = 0;
      cache.stream('b');
      cache.stream('a');
      expect(log.reads).toEqual([['a', 0n]]);
    });
  });
});
