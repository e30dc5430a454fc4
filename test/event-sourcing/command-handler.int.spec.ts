import { Decider, DomainError } from '../../src/domain/decider';
import { eventSchemas } from '../../src/domain/stored-event';
import { ConcurrencyConflictError, handleCommand, IdempotencyKeyReusedError } from '../../src/event-sourcing/command-handler';
import { CommandContext, underApplicationKey } from '../../src/event-sourcing/envelope';
import { hashEvent } from '../../src/event-sourcing/hash-chain';
import { EventStore, ExpectedRevision, EventToAppend } from '../../src/infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anEvent } from '../infrastructure/event-store/event-store.contract';

type Counted = { type: 'Counted'; data: { by: number } };
type Count = { by: number };
const countedEvents = eventSchemas<Counted>('counter', { Counted: { current: 1 } });
/** A counter that refuses to go above 10: enough to exercise load, decide, append. */
const counter: Decider<Count, number, Counted> = {
  initialState: 0,
  decide: (c, total) => {
    if (total + c.by > 10) throw new DomainError('TOO_MANY', 'The counter stops at 10');
    return c.by === 0 ? [] : [{ type: 'Counted', data: { by: c.by } }];
  },
  evolve: (total, e) => total + e.data.by,
  events: countedEvents,
};

const context = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'hr-1', role: 'hr_specialist' },
  recordedAt: new Date('2024-05-10T08:00:00Z'),
  correlationId: 'corr-1',
  source: 'api',
  ...over,
});

/** Lets a rival writer slip in before each of the first `times` appends of the handler. */
function racing(store: EventStore, stream: string, times: number): EventStore {
  let left = times;
  return Object.assign(Object.create(store), {
    appendToStream: async (s: string, expected: ExpectedRevision, events: EventToAppend[]) => {
      if (left-- > 0) await store.appendToStream(stream, 'any', [{ ...anEvent('Counted', { by: 1 }) }]);
      return store.appendToStream(s, expected, events);
    },
  });
}

describe('handleCommand', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
  });
  afterEach(() => store.close());

  it('folds the stream, decides, and appends the envelope with actor, times, ids and causation', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 2 }, context());
    const result = await handleCommand(
      store,
      'counter-1',
      counter,
      { by: 3 },
      context({ effectiveDate: '2024-03-01', causationId: 'cmd-9' }),
    );
    expect(result.revision).toBe(1n);
    const [, second] = await store.readStream('counter-1');
    expect(second.position).toBe(result.position);
    expect(second.metadata).toMatchObject({
      actor: { id: 'hr-1', role: 'hr_specialist' },
      recordedAt: '2024-05-10T08:00:00.000Z',
      effectiveDate: '2024-03-01',
      correlationId: 'corr-1',
      causationId: 'cmd-9',
      source: 'api',
    });
    expect(second.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('chains each event hash to the previous event of the stream', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 1 }, context());
    await handleCommand(store, 'counter-1', counter, { by: 1 }, context());
    const [first, second] = await store.readStream('counter-1');
    expect(first.metadata.prevHash).toBeNull();
    expect(first.metadata.hash).toBe(hashEvent(first));
    expect(second.metadata.prevHash).toBe(first.metadata.hash);
    expect(second.metadata.hash).toBe(hashEvent(second));
    expect(hashEvent({ ...second, data: { by: 2 } })).not.toBe(second.metadata.hash);
  });

  it('writes nothing when the decider refuses', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 9 }, context());
    await expect(handleCommand(store, 'counter-1', counter, { by: 2 }, context())).rejects.toMatchObject({ code: 'TOO_MANY' });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('decides again on the new state when another writer won the race', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 8 }, context());
    // The rival's +1 makes 9; the retried +2 must now be refused on the fresh state.
    await expect(handleCommand(racing(store, 'counter-1', 1), 'counter-1', counter, { by: 2 }, context())).rejects.toMatchObject({
      code: 'TOO_MANY',
    });
    const ok = await handleCommand(racing(store, 'counter-2', 2), 'counter-2', counter, { by: 2 }, context());
    expect(ok.revision).toBe(2n);
  });

  it('gives up with a concurrency conflict after the bounded number of attempts', async () => {
    const attempt = handleCommand(racing(store, 'counter-1', 10), 'counter-1', counter, { by: 1 }, context(), { maxAttempts: 3 });
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.readStream('counter-1')).toHaveLength(3);
  });

  it('answers a retried request with the same idempotency key from what the first attempt wrote', async () => {
    const first = await handleCommand(store, 'counter-1', counter, { by: 6 }, context({ idempotencyKey: 'req-42' }));
    const retry = await handleCommand(store, 'counter-1', counter, { by: 6 }, context({ idempotencyKey: 'req-42' }));
    expect(retry).toEqual(first);
    expect(await store.readStream('counter-1')).toHaveLength(1);
    await handleCommand(store, 'counter-1', counter, { by: 1 }, context({ idempotencyKey: 'req-43' }));
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('refuses another request under a used key (its fingerprint differs) and writes nothing', async () => {
    await handleCommand(store, 'counter-1', counter, { by: 6 }, context({ idempotencyKey: 'req-42', requestFingerprint: 'f-6' }));
    expect((await store.readStream('counter-1'))[0].metadata.requestFingerprint).toBe('f-6');
    await expect(
      handleCommand(store, 'counter-1', counter, { by: 2 }, context({ idempotencyKey: 'req-42', requestFingerprint: 'f-2' })),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('keeps no trace of a key whose first attempt wrote nothing: the next request under it is decided afresh', async () => {
    const noop = await handleCommand(
      store,
      'counter-1',
      counter,
      { by: 0 },
      context({ idempotencyKey: 'req-42', requestFingerprint: 'f-0' }),
    );
    expect(noop.events).toEqual([]);
    const next = await handleCommand(
      store,
      'counter-1',
      counter,
      { by: 3 },
      context({ idempotencyKey: 'req-42', requestFingerprint: 'f-3' }),
    );
    expect(next.events).toEqual([{ type: 'Counted', data: { by: 3 } }]);
  });

  it('replays events written under an application key whichever request reaches them', async () => {
    const first = await handleCommand(
      store,
      'counter-1',
      counter,
      { by: 6 },
      underApplicationKey(context({ requestFingerprint: 'request-a' }), 'open-case:C1'),
    );
    expect((await store.readStream('counter-1'))[0].metadata).not.toHaveProperty('requestFingerprint');
    const other = await handleCommand(
      store,
      'counter-1',
      counter,
      { by: 6 },
      underApplicationKey(context({ requestFingerprint: 'request-b' }), 'open-case:C1'),
    );
    expect(other).toEqual(first);
  });

  it("runs the application's check on the state it decides on, before deciding, and writes nothing when it throws", async () => {
    await handleCommand(store, 'counter-1', counter, { by: 4 }, context({ idempotencyKey: 'req-1' }));
    const seen: number[] = [];
    const check = (total: number) => {
      seen.push(total);
      if (total > 5) throw new Error('no such counter');
    };
    await handleCommand(store, 'counter-1', counter, { by: 2 }, context(), { checkBefore: check });
    await expect(handleCommand(store, 'counter-1', counter, { by: 1 }, context(), { checkBefore: check })).rejects.toThrow(
      'no such counter',
    );
    // A retry answers what was written, unchecked: the check was made when it was written.
    await handleCommand(store, 'counter-1', counter, { by: 4 }, context({ idempotencyKey: 'req-1' }), { checkBefore: check });
    expect(seen).toEqual([4, 6]);
    expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 4 }, { by: 2 }]);
  });

  it('appends to a log whose decider needs no history after reading only its last event, keeping the chain', async () => {
    const log: Decider<Count, null, Counted> = {
      initialState: null,
      decide: (c) => [{ type: 'Counted', data: { by: c.by } }],
      evolve: () => null,
      events: countedEvents,
    };
    for (let i = 0; i < 3; i++) await handleCommand(store, 'log-1', log, { by: i }, context(), { lastEventOnly: true });
    const read = jest.spyOn(store, 'readStream');
    await handleCommand(store, 'log-1', log, { by: 9 }, context(), { lastEventOnly: true });
    expect(read).toHaveBeenCalledWith('log-1', { direction: 'backwards', maxCount: 1 });
    const events = await store.readStream('log-1');
    expect(events).toHaveLength(4);
    expect(events[3].metadata.prevHash).toBe(events[2].metadata.hash);
  });

  describe('folding on from the state the last command kept', () => {
    it('reads only the events appended since the last command on the stream', async () => {
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context());
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context()); // the first to read an event: keeps its fold
      const read = jest.spyOn(store, 'readStream');
      await handleCommand(store, 'counter-1', counter, { by: 3 }, context());
      expect(read).toHaveBeenCalledWith('counter-1', { fromRevision: 1n });
      expect(read).toHaveBeenCalledTimes(1);
      // 1 + 1 + 3 + 6 > 10: refused on the state folded on, not on a stale one.
      await expect(handleCommand(store, 'counter-1', counter, { by: 6 }, context())).rejects.toMatchObject({ code: 'TOO_MANY' });
    });

    it('folds in what another connection to the file appended meanwhile', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kept-folds-'));
      const mine = new SqliteEventStore({ file: join(dir, 'events.db') });
      const rival = new SqliteEventStore({ file: join(dir, 'events.db') });
      try {
        await handleCommand(mine, 'counter-1', counter, { by: 4 }, context());
        await handleCommand(rival, 'counter-1', counter, { by: 5 }, context());
        await expect(handleCommand(mine, 'counter-1', counter, { by: 2 }, context())).rejects.toMatchObject({ code: 'TOO_MANY' });
        const last = await handleCommand(mine, 'counter-1', counter, { by: 1 }, context());
        expect(last.revision).toBe(2n);
        const events = await rival.readStream('counter-1');
        expect(events[2].metadata.prevHash).toBe(events[1].metadata.hash);
      } finally {
        await Promise.all([mine.close(), rival.close()]);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('folds on for a command under a key the stream has not seen, reading only the events since', async () => {
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context({ idempotencyKey: 'req-1' })); // nothing to fold yet
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context({ idempotencyKey: 'req-2' })); // reads it whole: kept
      const read = jest.spyOn(store, 'readStream');
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context({ idempotencyKey: 'req-3' }));
      expect(read.mock.calls).toEqual([['counter-1', { fromRevision: 1n }]]);
      expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 1 }, { by: 1 }, { by: 1 }]);
    });

    it('answers a retry with what its first attempt wrote after the stream was kept, when only the events since show the key', async () => {
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context());
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context()); // kept, with the stream's keys (none)
      // Decided again, 5 more would pass 10: only a replay answers it.
      const first = await handleCommand(
        store,
        'counter-1',
        counter,
        { by: 5 },
        context({ idempotencyKey: 'req-7', requestFingerprint: 'f' }),
      );
      const retry = await handleCommand(
        store,
        'counter-1',
        counter,
        { by: 5 },
        context({ idempotencyKey: 'req-7', requestFingerprint: 'f' }),
      );
      expect(retry).toEqual(first);
      await expect(
        handleCommand(store, 'counter-1', counter, { by: 2 }, context({ idempotencyKey: 'req-7', requestFingerprint: 'other' })),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      await handleCommand(store, 'counter-1', counter, { by: 1 }, context()); // folds on past the keyed event
      expect(
        await handleCommand(store, 'counter-1', counter, { by: 5 }, context({ idempotencyKey: 'req-7', requestFingerprint: 'f' })),
      ).toEqual(first);
      expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 1 }, { by: 1 }, { by: 5 }, { by: 1 }]);
    });

    it('reads a stream holding personal data whole on every command', async () => {
      type Personal = { type: 'PersonalDataRecorded'; data: { name: string } };
      const archive: Decider<{ name: string }, string[], Personal> = {
        initialState: [],
        decide: (c) => [{ type: 'PersonalDataRecorded', data: { name: c.name } }],
        evolve: (names, e) => [...names, e.data.name],
        events: eventSchemas<Personal>('archive', { PersonalDataRecorded: { current: 1 } }),
      };
      await handleCommand(store, 'archive-1', archive, { name: 'a' }, context());
      const read = jest.spyOn(store, 'readStream');
      await handleCommand(store, 'archive-1', archive, { name: 'b' }, context());
      expect(read).toHaveBeenCalledWith('archive-1');
      expect(read).not.toHaveBeenCalledWith('archive-1', expect.objectContaining({ fromRevision: expect.anything() }));
    });

    it('fails loudly when a decider changes the state it was given, instead of corrupting the next fold', async () => {
      const changing: Decider<Count, { total: number }, Counted> = {
        initialState: { total: 0 },
        decide: (c) => [{ type: 'Counted', data: { by: c.by } }],
        evolve: (state, e) => {
          state.total += e.data.by;
          return state;
        },
        events: countedEvents,
      };
      await handleCommand(store, 'counter-1', changing, { by: 1 }, context());
      await handleCommand(store, 'counter-1', changing, { by: 1 }, context()); // folds the first event: this state is kept
      await expect(handleCommand(store, 'counter-1', changing, { by: 1 }, context())).rejects.toThrow(TypeError);
    });
  });
});
