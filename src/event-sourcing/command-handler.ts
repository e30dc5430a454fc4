import { Decider, DomainEvent } from '../domain/decider';
import { EventStore, RecordedEvent, WrongExpectedRevisionError } from '../infrastructure/event-store/event-store.port';
import { CommandContext, EmittedEvent, EventMetadata, eventIdFor, hashOf, toEnvelopes } from './envelope';
import { keptFoldsOf } from './kept-folds';

export interface CommandResult<Event extends DomainEvent = DomainEvent> {
  stream: string;
  /** The stream's revision after the command (-1 would mean empty; a command that changed nothing keeps the old one). */
  revision: bigint;
  /** Global position of the last event written, or of the stream's last event when nothing was written. */
  position: bigint;
  /** As decided, or as first written when the command is a retry (read back through the aggregate's seam). */
  events: Array<Event & Pick<EmittedEvent, 'effectiveDate'>>;
}

/** The command lost the race for its stream every time it tried (HTTP 409 CONCURRENCY). */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY';
  constructor(
    readonly stream: string,
    readonly attempts: number,
  ) {
    super(`Stream ${stream} kept changing while the command was retried ${attempts} times; try again.`);
    this.name = 'ConcurrencyConflictError';
  }
}

/**
 * The Idempotency-Key names a command this caller already sent on this route with
 * another request (HTTP 422 IDEMPOTENCY_KEY_REUSED): neither replayed nor written.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly stream: string) {
    super('This Idempotency-Key was already used for another request on this route; send a new key for a new command.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface HandleOptions<State = unknown> {
  /** Attempts before a conflict is surfaced as ConcurrencyConflictError. */
  maxAttempts?: number;
  /**
   * The application's own check of the state before the decision (a 404 for a stream whose
   * subject does not exist), on the state the command is decided on: not read a second time.
   */
  checkBefore?: (state: State) => void | Promise<void>;
  /**
   * For append-only logs whose decider needs no history (the refusal log): read
   * only the last event, for its revision and hash, instead of the whole stream
   * (an idempotency key is then not looked for in the history).
   */
  lastEventOnly?: boolean;
}

/**
 * The only place that loads a stream, folds it, decides and appends (docs/DESIGN.md,
 * application layer). A concurrent writer makes the append fail on its expected
 * revision; the command is then decided again on the new state, a bounded
 * number of times.
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  command: Command,
  context: CommandContext,
  options: HandleOptions<State> = {},
): Promise<CommandResult<Event>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const { state, last, replayed } = await current(store, stream, decider, context, options);
    if (replayed) return replayed;
    await options.checkBefore?.(state);
    const events: Array<Event & Pick<EmittedEvent, 'effectiveDate'>> = decider.decide(command, state);
    if (events.length === 0) {
      return { stream, revision: last?.revision ?? -1n, position: last?.position ?? 0n, events };
    }
    const envelopes = toEnvelopes(stream, events, context, hashOf(last), decider.events.versionOf);
    try {
      const result = await store.appendToStream(stream, last ? last.revision : 'no_stream', envelopes);
      return { stream, revision: result.nextExpectedRevision, position: result.position, events };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyConflictError(stream, attempt);
    }
  }
}

interface Current<State, Event extends DomainEvent> {
  state: State;
  /** The stream's last event, none for an empty stream. */
  last: RecordedEvent | undefined;
  /** Set when the command's idempotency key names events already written. */
  replayed?: CommandResult<Event> | null;
}

/**
 * The stream's state and last event for a command: folded on from the state the last
 * command on the stream kept (kept-folds.ts), reading only what came since. A command
 * under an idempotency key reads the whole stream for its earlier events, unless the
 * ids kept with the fold show the key unused.
 */
async function current<Command, State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  context: CommandContext,
  options: HandleOptions<State>,
): Promise<Current<State, Event>> {
  if (options.lastEventOnly) {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return { state: decider.initialState, last };
  }
  if (!context.idempotencyKey) return currentFold(store, stream, decider);
  // Folded on like any other command while the kept ids show the key unused; asked again after the
  // read, which may have brought the key's events (a retry that raced its first attempt).
  const folds = keptFoldsOf(store);
  const firstId = eventIdFor(context, stream, 0);
  if (folds.lacks(stream, firstId)) {
    const current = await currentFold(store, stream, decider);
    if (folds.lacks(stream, firstId)) return current;
  }
  const history = await store.readStream(stream);
  const replayed = alreadyHandled(decider, stream, history, context);
  const state = fold(decider, history);
  const last = history.at(-1);
  folds.keep(stream, decider, last ? { state, last } : null, history);
  return { state, last, replayed };
}

/** The stream's current state, folded on from the kept one when there is one, and kept for the next reader. */
async function currentFold<State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<never, State, Event>,
): Promise<Current<State, Event>> {
  const folds = keptFoldsOf(store);
  const kept = folds.get(stream, decider);
  const since = kept ? await store.readStream(stream, { fromRevision: kept.last.revision + 1n }) : await store.readStream(stream);
  const state = fold(decider, since, kept?.state);
  const last = since.at(-1) ?? kept?.last;
  folds.keep(stream, decider, last ? { state, last } : null, since);
  return { state, last };
}

/** The current state of one aggregate, read from its own stream (never from a read model: docs/DESIGN.md). */
export async function loadState<State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<never, State, Event>,
): Promise<State> {
  return (await currentFold(store, stream, decider)).state;
}

/**
 * Folds stored events onto `from` (the initial state unless given), each read through the
 * aggregate's seam: older schema versions are upcast, an unknown type or version throws.
 */
export function fold<State, Event extends DomainEvent>(
  decider: Decider<unknown, State, Event>,
  history: readonly RecordedEvent[],
  from: State = decider.initialState,
): State {
  return history.reduce((state, e) => decider.evolve(state, decider.events.read(e)), from);
}

/**
 * A retried request (same idempotency key) answers with what the first attempt wrote;
 * under the key, another request (its fingerprint differs) is refused. Events written
 * without a fingerprint (application keys, events from before fingerprints) replay.
 */
function alreadyHandled<Event extends DomainEvent>(
  decider: Decider<never, unknown, Event>,
  stream: string,
  history: RecordedEvent[],
  context: CommandContext,
): CommandResult<Event> | null {
  const firstId = eventIdFor(context, stream, 0);
  const start = history.findIndex((e) => e.id === firstId);
  if (start < 0) return null;
  const mine: RecordedEvent[] = [];
  for (let i = start; i < history.length && history[i].id === eventIdFor(context, stream, mine.length); i++) mine.push(history[i]);
  const stored = (mine[0].metadata as Partial<EventMetadata>).requestFingerprint;
  if (stored && context.requestFingerprint && stored !== context.requestFingerprint) throw new IdempotencyKeyReusedError(stream);
  const lastMine = mine[mine.length - 1];
  return {
    stream,
    revision: lastMine.revision,
    position: lastMine.position,
    events: mine.map((e) => decider.events.read(e)),
  };
}
