import { Decider, DomainEvent } from '../domain/decider';
import { PERSONAL_DATA_RECORDED } from '../domain/employee/employee.events';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { isKeyedEventId } from './envelope';

/** A stream's state folded up to its last event, from which the next command folds on. */
export interface KeptFold<State> {
  state: State;
  /**
   * The last event folded: its revision is where the next read starts, its hash chains the next append.
   * Kept without its data, which nothing reads from here: a case whose last event is its opening would
   * otherwise hold the opening's policy snapshot, ~19 KiB, beside the state's shared one.
   */
  last: RecordedEvent;
}

interface Entry {
  decider: object;
  fold: KeptFold<unknown>;
  /**
   * The ids of the stream's events written under an idempotency key (isKeyedEventId), from its first
   * event up to at least the fold's last; none when the events before a read were not all seen.
   */
  keyed?: Set<string>;
}

/**
 * Kept states are weighed by the events folded into them (a stream's revision + 1),
 * since a state grows with its stream. Past this many, the least recently used are
 * dropped.
 */
const MAX_FOLDED_EVENTS = 200_000;

/**
 * The state each command last folded from a stream, so that the next command on
 * that stream reads and folds only the events appended since, instead of the
 * whole stream. In bench:api, reading and folding an employee's whole account on
 * every contribution was about a quarter of the request thread, and a month's
 * payroll touches each account once, in turn: the least-recently-used cache of
 * decoded events (a stream of 40 events is 40 of its entries) then never hits.
 *
 * Always as correct as folding from the start: events never change once stored and
 * revisions have no holes, so a state folded up to revision r plus the events after
 * r is the state of the whole stream; a command that loses the race for its stream
 * reads on from its fold again. Every `evolve` returns a new state and never
 * changes the one it was given (deciders in Emmett's shape): the deciders' given/
 * when/then tests fold on deep-frozen states to hold them to it. A kept state is
 * frozen at its top only: freezing it deep on every command was 4 % of the request
 * thread under bench:api (a new account state copies each type's months).
 *
 * A command under an idempotency key folds on too: the ids its retry would have
 * written are kept beside the fold (about 92 bytes each, only for keyed events), so
 * that a key not in the stream is known without reading the stream whole. Reading
 * it whole on every keyed command cost 750 µs of the request thread per contribution
 * against 152 µs without a key (bench:api, accounts of ~50-100 months).
 *
 * A state folded from personal data is never kept: it would hold the person's
 * plaintext in memory after their key is destroyed, and a destroyed key must take
 * effect at once (those streams are read and opened on every command, as before).
 */
export class KeptFolds {
  private readonly folds = new Map<string, Entry>();
  private weight = 0;

  constructor(private readonly maxFoldedEvents = MAX_FOLDED_EVENTS) {}

  /** The kept fold of the stream by this decider, if any (and it becomes the most recently used). */
  get<State>(stream: string, decider: Decider<never, State, DomainEvent>): KeptFold<State> | undefined {
    const entry = this.folds.get(stream);
    if (!entry || entry.decider !== decider) return undefined;
    this.folds.delete(stream);
    this.folds.set(stream, entry);
    return entry.fold as KeptFold<State>;
  }

  /**
   * Keeps `state`, folded by `decider` up to `last`, unless a fold at least as far is
   * kept already. `folded` are the events this fold added: any personal data among
   * them drops the stream for good (its later folds carry that data forward).
   */
  keep<State>(
    stream: string,
    decider: Decider<never, State, DomainEvent>,
    fold: KeptFold<State> | null,
    folded: readonly RecordedEvent[],
  ): void {
    if (folded.some((e) => e.type === PERSONAL_DATA_RECORDED)) {
      this.drop(stream);
      return;
    }
    if (!fold) return;
    const known = this.folds.get(stream);
    if (known && known.decider === decider && known.fold.last.revision >= fold.last.revision) return;
    const keyed = keyedIdsThrough(known, folded, fold.last);
    this.drop(stream);
    const last = { ...fold.last, data: null };
    this.folds.set(stream, { decider, fold: { state: Object.freeze(fold.state), last }, keyed });
    this.weight += weightOf(fold.last);
    for (const oldest of this.folds.keys()) {
      if (this.weight <= this.maxFoldedEvents) break;
      this.drop(oldest);
    }
  }

  /**
   * True only when the stream was seen from its first event up to its kept fold and no event
   * with this id was among them: a command under an idempotency key then need not look for its
   * earlier events in the stream's past. False (look) for a stream not kept, or not seen whole.
   */
  lacks(stream: string, eventId: string): boolean {
    const keyed = this.folds.get(stream)?.keyed;
    return keyed !== undefined && !keyed.has(eventId);
  }

  private drop(stream: string): void {
    const entry = this.folds.get(stream);
    if (!entry) return;
    this.folds.delete(stream);
    this.weight -= weightOf(entry.fold.last);
  }
}

const weightOf = (last: RecordedEvent): number => Number(last.revision) + 1;

/**
 * The keyed ids of a stream up to `last`, from the events just `folded` and what the stream's
 * entry already knew: whole when the events start the stream, or when they carry on from where
 * (or before where) the known ids end; none when there is a gap. The known set grows in place:
 * it only ever holds ids of events that are in the stream, and a command finding its key there
 * reads the stream whole, so ids past an older fold do no harm.
 */
function keyedIdsThrough(known: Entry | undefined, folded: readonly RecordedEvent[], last: RecordedEvent): Set<string> | undefined {
  const from = folded[0]?.revision ?? last.revision + 1n;
  let keyed: Set<string>;
  if (from === 0n) keyed = new Set();
  else if (known?.keyed && known.fold.last.revision + 1n >= from) keyed = known.keyed;
  else return undefined;
  for (const event of folded) if (isKeyedEventId(event.id)) keyed.add(event.id);
  return keyed;
}

/** One set of kept folds per store: a state is only valid against the stream it was read from. */
const byStore = new WeakMap<EventStore, KeptFolds>();

export function keptFoldsOf(store: EventStore): KeptFolds {
  let folds = byStore.get(store);
  if (!folds) byStore.set(store, (folds = new KeptFolds()));
  return folds;
}
