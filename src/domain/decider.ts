import type { DomainEvent } from './domain-event';
import type { EventSchemas } from './stored-event';

export type { DomainEvent } from './domain-event';

/**
 * A decider (docs/DESIGN.md, after Emmett and Oskar Dudycz's samples): pure functions,
 * no I/O, no clock. `decide` returns the events a command causes or throws a
 * DomainError; `evolve` folds one event into the state. `events` is the seam to
 * the store: the schema version each event is written with, and how a stored
 * event, of any version, is read back as one `evolve` takes (stored-event.ts).
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  initialState: State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  events: EventSchemas<Event>;
}

/** A refusal by a domain rule: `code` maps to HTTP 409 and to the audit record. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
