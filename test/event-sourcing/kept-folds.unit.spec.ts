import { Decider } from '../../src/domain/decider';
import { eventSchemas } from '../../src/domain/stored-event';
import { eventIdFor } from '../../src/event-sourcing/envelope';
import { KeptFolds } from '../../src/event-sourcing/kept-folds';
import { RecordedEvent } from '../../src/infrastructure/event-store/event-store.port';

type Noted = { type: 'Noted'; data: { note: string } };
const notes: Decider<never, { notes: string[] }, Noted> = {
  initialState: { notes: [] },
  decide: () => [],
  evolve: (state, e) => ({ notes: [...state.notes, e.data.note] }),
  events: eventSchemas<Noted>('notes', { Noted: { current: 1 } }),
};
const other: Decider<never, { notes: string[] }, Noted> = { ...notes };

const event = (stream: string, revision: number, type = 'Noted', id = `${stream}-${revision}`): RecordedEvent => ({
  id,
  stream,
  revision: BigInt(revision),
  position: BigInt(revision + 1),
  type,
  schemaVersion: 1,
  data: { note: `n${revision}` },
  metadata: {},
});

/** A fold of `stream` up to `revision` (the state's content does not matter to the cache). */
const foldTo = (stream: string, revision: number) => ({ state: { notes: [`up to ${revision}`] }, last: event(stream, revision) });

describe('KeptFolds', () => {
  it('gives back the fold it kept, for the decider that folded it only', () => {
    const folds = new KeptFolds();
    folds.keep('s-1', notes, foldTo('s-1', 2), [event('s-1', 2)]);
    expect(folds.get('s-1', notes)).toMatchObject({ state: { notes: ['up to 2'] }, last: { revision: 2n } });
    expect(folds.get('s-1', other)).toBeUndefined();
    expect(folds.get('s-2', notes)).toBeUndefined();
  });

  it('keeps the last event without its data: its revision, position and hash are all a command reads of it', () => {
    const folds = new KeptFolds();
    folds.keep('s-1', notes, foldTo('s-1', 0), [event('s-1', 0)]);
    expect(folds.get('s-1', notes)?.last).toEqual({ ...event('s-1', 0), data: null });
  });

  it('keeps the furthest fold of a stream: a slower reader does not put an older one back', () => {
    const folds = new KeptFolds();
    folds.keep('s-1', notes, foldTo('s-1', 5), []);
    folds.keep('s-1', notes, foldTo('s-1', 3), []);
    expect(folds.get('s-1', notes)?.last.revision).toBe(5n);
    folds.keep('s-1', notes, foldTo('s-1', 6), []);
    expect(folds.get('s-1', notes)?.last.revision).toBe(6n);
  });

  it('freezes what it keeps, so that a decider replacing a field of the state it was given throws', () => {
    const folds = new KeptFolds();
    folds.keep('s-1', notes, foldTo('s-1', 0), []);
    const kept = folds.get('s-1', notes)!.state;
    expect(() => (kept.notes = ['changed'])).toThrow(TypeError);
  });

  it('never keeps a fold that took in personal data, and drops the stream it had kept', () => {
    const folds = new KeptFolds();
    folds.keep('employee-1', notes, foldTo('employee-1', 1), [event('employee-1', 0, 'PersonalDataRecorded'), event('employee-1', 1)]);
    expect(folds.get('employee-1', notes)).toBeUndefined();
    folds.keep('employee-2', notes, foldTo('employee-2', 0), [event('employee-2', 0)]);
    folds.keep('employee-2', notes, foldTo('employee-2', 1), [event('employee-2', 1, 'PersonalDataRecorded')]);
    expect(folds.get('employee-2', notes)).toBeUndefined();
  });

  it('drops the least recently used streams once the events folded into those kept pass the cap', () => {
    const folds = new KeptFolds(10);
    folds.keep('a', notes, foldTo('a', 3), []); // weighs 4
    folds.keep('b', notes, foldTo('b', 3), []); // 8
    folds.get('a', notes); // a is now the most recently used
    folds.keep('c', notes, foldTo('c', 1), []); // 10: all fit
    expect(['b', 'a', 'c'].map((s) => folds.get(s, notes)?.last.stream)).toEqual(['b', 'a', 'c']);
    folds.keep('d', notes, foldTo('d', 0), []); // 11: b goes
    expect(folds.get('b', notes)).toBeUndefined();
    expect(['a', 'c', 'd'].map((s) => folds.get(s, notes)?.last.stream)).toEqual(['a', 'c', 'd']);
    folds.keep('a', notes, foldTo('a', 8), []); // a grows from 4 to 9: with c (2) and d (1) that is 12, so c goes
    expect(folds.get('c', notes)).toBeUndefined();
    expect(folds.get('d', notes)?.last.revision).toBe(0n);
    expect(folds.get('a', notes)?.last.revision).toBe(8n);
  });

  describe('the ids written under idempotency keys, kept with the fold', () => {
    const keyOf = (key: string) => eventIdFor({ idempotencyKey: key } as never, 's-1', 0);
    const keyed = (revision: number, key: string) => event('s-1', revision, 'Noted', keyOf(key));

    it('knows a key unused only for a stream it saw from its first event', () => {
      const folds = new KeptFolds();
      expect(folds.lacks('s-1', keyOf('k1'))).toBe(false); // not kept: look in the stream
      folds.keep('s-1', notes, foldTo('s-1', 1), [event('s-1', 0), keyed(1, 'k1')]);
      expect(folds.lacks('s-1', keyOf('k1'))).toBe(false);
      expect(folds.lacks('s-1', keyOf('k2'))).toBe(true);
    });

    it('adds the keys of the events folded on, and forgets them all after a gap it did not see', () => {
      const folds = new KeptFolds();
      folds.keep('s-1', notes, foldTo('s-1', 0), [event('s-1', 0)]);
      folds.keep('s-1', notes, foldTo('s-1', 2), [event('s-1', 1), keyed(2, 'k2')]);
      expect(folds.lacks('s-1', keyOf('k2'))).toBe(false);
      expect(folds.lacks('s-1', keyOf('k3'))).toBe(true);
      folds.keep('s-1', other, foldTo('s-1', 5), [event('s-1', 5)]); // revisions 3 and 4 never seen
      expect(folds.lacks('s-1', keyOf('k3'))).toBe(false);
    });

    it('keeps no keys of a stream dropped for personal data or for the cap', () => {
      const folds = new KeptFolds(4);
      folds.keep('s-1', notes, foldTo('s-1', 0), [event('s-1', 0)]);
      folds.keep('s-1', notes, foldTo('s-1', 1), [event('s-1', 1, 'PersonalDataRecorded')]);
      expect(folds.lacks('s-1', keyOf('k1'))).toBe(false);
      folds.keep('s-2', notes, foldTo('s-2', 0), [event('s-2', 0)]);
      expect(folds.lacks('s-2', keyOf('k1'))).toBe(true);
      folds.keep(
        's-3',
        notes,
        foldTo('s-3', 3),
        [0, 1, 2, 3].map((r) => event('s-3', r)),
      ); // 5 events: s-2 goes
      expect(folds.lacks('s-2', keyOf('k1'))).toBe(false);
      // Folded on later from where the dropped fold had been (s-3 goes): kept, but its start was not seen again.
      folds.keep('s-2', notes, foldTo('s-2', 1), [event('s-2', 1)]);
      expect(folds.get('s-2', notes)?.last.revision).toBe(1n);
      expect(folds.lacks('s-2', keyOf('k1'))).toBe(false);
    });
  });
});
