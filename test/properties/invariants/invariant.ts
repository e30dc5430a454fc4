import { RecordedEvent } from '../../../src/infrastructure/event-store/event-store.port';
import { AppUnderTest } from '../app-under-test';
import { Outcome } from '../runner';

/**
 * What an invariant is checked against once a history has run and the process
 * manager has caught up. For a `history` invariant: the events appended while
 * the history ran (its employees' streams whole, since their ids are new; the
 * shared audit streams in part) and its outcomes. For a `global` one: the whole
 * log of the application, which many histories shared, and no outcomes.
 */
export interface Checked {
  app: AppUnderTest;
  log: RecordedEvent[];
  streams: Map<string, RecordedEvent[]>;
  outcomes: Outcome[];
}

export interface Invariant {
  name: string;
  /**
   * `history` (default): checked after each history on its own events.
   * `global`: about the whole store (hash chains, rebuilds), checked before an
   * application shared by several histories is closed.
   */
  scope?: 'history' | 'global';
  /** The violations found, each a sentence naming the stream and events; empty when the invariant holds. */
  check(checked: Checked): Promise<string[]> | string[];
}
