import { RecordedEvent } from '../../../src/infrastructure/event-store/event-store.port';
import { AppUnderTest } from '../app-under-test';
import { Outcome } from '../runner';

/** What an invariant is checked against once a history has run and every projection has caught up. */
export interface Checked {
  app: AppUnderTest;
  log: RecordedEvent[];
  streams: Map<string, RecordedEvent[]>;
  outcomes: Outcome[];
}

export interface Invariant {
  name: string;
  /** The violations found, each a sentence naming the stream and events; empty when the invariant holds. */
  check(checked: Checked): Promise<string[]> | string[];
}
