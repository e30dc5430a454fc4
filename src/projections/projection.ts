import { CommandBus } from '@nestjs/cqrs';
import { Clock } from '../infrastructure/clock';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { BatchSideWrites, IndexSpec, ReadDocument } from '../infrastructure/read-store/read-store.port';

/**
 * What a projection handler sees of its read model while it applies a batch:
 * reads include the batch's own earlier writes; writes are kept until the
 * runner commits them together with the checkpoint (the last write of each
 * document only, with the position of the event that made it).
 *
 * Documents are passed by reference, not copied, because copying a large
 * document on every event is what made rebuilds slow. So a handler:
 * - hands `upsert` a document it will not change afterwards (build the next
 *   version from a new `get`), and not one object under two ids;
 * - changes a document it got only to upsert it within the same event: `get` may
 *   return the very object an earlier event of the batch upserted, so a change
 *   not upserted would still reach the batch;
 * - replaces nested values rather than changing them in place (as the deciders'
 *   `evolve` does): they may be shared with a constant such as a decider's
 *   `initialState`, or with the previous version of the document.
 *
 * A reactor's writes outside the read model (its outbox's, BatchSideWrites) are made
 * with the batch too, after its documents, in the order asked; `get` does not read
 * them back.
 */
export interface ProjectionView extends BatchSideWrites {
  get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | null>;
  upsert(collection: string, doc: ReadDocument): void;
  delete(collection: string, id: string): void;
}

/**
 * A read model built from the global log. Bump `version` when `handle` changes
 * meaning: the runner then rebuilds it from position 0 into fresh collections
 * while the old ones keep answering queries.
 */
export interface Projection {
  /** Lower-case letters, digits and underscores. */
  readonly name: string;
  readonly version: number;
  /** Logical collection names (unique across projections) and their indexes. */
  readonly collections: Record<string, IndexSpec[]>;
  /**
   * The event types it acts on, when not all of them: the runner hands it only
   * those, and writes its checkpoint over a stretch of other events at most once
   * a second (and when it stops) instead of once per batch. A reactor in the
   * request thread acting on a few offboarding events otherwise paid a read-model
   * commit after every command of every aggregate.
   */
  readonly eventTypes?: readonly string[];
  /**
   * Acting on an event again changes nothing: every effect outside the read model is keyed by
   * the event that caused it (the outbox keeps the first message of each id). A batch that wrote
   * no read model then leaves its checkpoint to be written later, as one over events it does not
   * act on (ProjectionRunner). Not the process manager: a command refused again on a replay is
   * recorded again.
   */
  readonly idempotent?: boolean;
  handle(event: RecordedEvent, view: ProjectionView): Promise<void>;
}

/** What projections and process managers may use besides their read model. */
export interface ProjectionDependencies {
  events: EventStore;
  clock: Clock;
}

/**
 * What a reactor that dispatches commands (the process manager) may use: it is run
 * like a projection (own checkpoint, lag in /health) but acts through the command
 * bus, so it runs where the command handlers are: the service's main thread.
 *
 * `Ports` are the optional services reactors push through (the notifications
 * outbox), each present only when the application binds it (ProjectionsSetup's
 * `reactorPorts`): the composition root names their types, since the kernel
 * imports no feature.
 */
export type ReactorDependencies<Ports extends object = object> = ProjectionDependencies & { commands: CommandBus } & Partial<Ports>;

/**
 * What a reactor that only pushes through ports (reminders and warnings through the
 * outbox) may use: no command bus, so it runs with the projections, in the worker
 * thread when there is one (ProjectionsSetup.pushReactors).
 */
export type PushReactorDependencies<Ports extends object = object> = ProjectionDependencies & Partial<Ports>;
