import { AllSubscription, EventStore } from '../infrastructure/event-store/event-store.port';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { applyEvents } from './apply-events';
import { inBatches } from './batches';
import {
  checkpointKey,
  dropOlderGenerations,
  GenerationPointer,
  physicalName,
  prepareGeneration,
  readPointer,
  switchTo,
} from './generations';
import { Projection } from './projection';
import { rebuildProjection } from './rebuild';

/** `standby`: a reactor whose lease another process holds (leased-runner.ts). */
export type RunnerState = 'starting' | 'live' | 'failing' | 'stopped' | 'standby';

export interface ProjectionStatus {
  projection: string;
  state: RunnerState;
  generation: number;
  /** Last position applied, null before the first event. */
  checkpoint: bigint | null;
  /** Set while a rebuild into a newer generation runs in this process. */
  rebuilding: boolean;
  lastError?: string;
}

/** What the API asks of a projection's runner, wherever the runner runs. */
export interface RunnerView {
  readonly projection: Projection;
  status(): ProjectionStatus;
  collection(logical: string): string;
}

export interface RunnerLog {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The request thread's logger for the worker thread, which also forwards warnings (worker-nest-logs.ts). */
export interface ThreadLog extends RunnerLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface RunnerOptions {
  now: () => Date;
  log: RunnerLog;
  batchSize?: number;
  /** How often an idle runner looks for a generation switch made by another process. */
  pointerCheckMs?: number;
  maxBackoffMs?: number;
  /** Called whenever the checkpoint moves (a batch committed, or the stored one read at start): read-your-writes waits on it. */
  onApplied?: (checkpoint: bigint | null) => void;
  /**
   * The longest a checkpoint stays unwritten while the runner follows the log when it moved over events that wrote
   * nothing: events the projection does not act on (Projection.eventTypes), or those of an idempotent one (Projection.idempotent).
   */
  checkpointEveryMs?: number;
}

/**
 * Keeps one projection up to date: subscribes to the global log from its stored
 * checkpoint, applies events in batches and commits each batch with the new
 * checkpoint. After a crash or restart it resumes from the checkpoint. A handler
 * failure stops progress at that event (lag grows, /health says so) and is
 * retried with backoff; events are never skipped.
 */
export class ProjectionRunner {
  private pointer: GenerationPointer | null = null;
  /** The generation the last follow() wrote to. */
  private followed = 0;
  private checkpoint: bigint | null = null;
  private state: RunnerState = 'starting';
  private lastError: string | undefined;
  private rebuilding: Promise<void> | null = null;
  private subscription: AllSubscription | null = null;
  private loop: Promise<void> | null = null;
  private stopped = false;
  private pointerTimer: NodeJS.Timeout | null = null;
  private backoffTimer: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  /** Projection.eventTypes, or null for every event. */
  private readonly actsOn: ReadonlySet<string> | null;
  /** A checkpoint past events the projection does not act on, not yet written; and when the last one was. */
  private unsaved: { generation: number; position: bigint } | null = null;
  private savedAt = 0;
  /** A batch being applied, or an idle runner's checkpoint being written: never both at once (the later position must win). */
  private applying = false;
  private flushing: Promise<void> | null = null;

  constructor(
    readonly projection: Projection,
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly options: RunnerOptions,
  ) {
    this.actsOn = projection.eventTypes ? new Set(projection.eventTypes) : null;
  }

  async start(): Promise<void> {
    this.pointer = await readPointer(this.reads, this.projection);
    if (!this.pointer) {
      await prepareGeneration(this.reads, this.projection, 1);
      this.pointer = await switchTo(this.reads, this.projection, 1, this.options.now());
    }
    if (this.pointer.version !== this.projection.version) this.rebuildInBackground('its version changed');
    this.pointerTimer = setInterval(() => {
      void this.checkPointer();
      this.flushWhenIdle();
    }, this.options.pointerCheckMs ?? 1000);
    this.loop = this.run();
  }

  /** Stops after the batch in hand is committed; releases the subscription. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pointerTimer) clearInterval(this.pointerTimer);
    this.backoffTimer?.resolve();
    await this.subscription?.close();
    await this.loop;
    await this.flushing;
    await this.saveSkipped().catch((error) =>
      this.options.log.error('projection checkpoint not written at stop', { projection: this.projection.name, error: String(error) }),
    );
    await this.rebuilding?.catch(() => undefined);
    this.state = 'stopped';
  }

  /** The physical collection that queries read now. */
  collection(logical: string): string {
    if (!this.pointer) throw new Error(`Projection ${this.projection.name} has not started`);
    return physicalName(logical, this.pointer.generation);
  }

  status(): ProjectionStatus {
    return {
      projection: this.projection.name,
      state: this.state,
      generation: this.pointer?.generation ?? 0,
      checkpoint: this.checkpoint,
      rebuilding: this.rebuilding !== null,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.follow();
        failures = 0;
      } catch (error) {
        failures++;
        this.state = 'failing';
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.log.error('projection failed; retrying', { projection: this.projection.name, error: this.lastError, failures });
        await this.backoff(Math.min(this.options.maxBackoffMs ?? 30_000, 250 * 2 ** Math.min(failures, 10)));
      }
    }
  }

  /** Follows the log on the current generation until stopped or switched to another generation. */
  private async follow(): Promise<void> {
    const generation = this.pointer!.generation;
    if (generation !== this.followed) {
      await this.ensureCollections(generation);
      await dropOlderGenerations(this.reads, this.projection, generation);
      this.followed = generation;
    }
    this.unsaved = null;
    const key = checkpointKey(this.projection, generation);
    this.checkpoint = await this.reads.getCheckpoint(key);
    this.options.onApplied?.(this.checkpoint);
    const subscription = this.events.subscribeToAll({ after: this.checkpoint ?? undefined });
    this.subscription = subscription;
    if (!this.stopped) this.state = 'live';
    try {
      for await (const batch of inBatches(subscription, this.options.batchSize ?? 500)) {
        if (this.stopped || this.pointer!.generation !== generation) break;
        const through = batch[batch.length - 1].position;
        const acted = this.actsOn ? batch.filter((event) => this.actsOn!.has(event.type)) : batch;
        this.applying = true;
        try {
          if (this.flushing) await this.flushing;
          const due = Date.now() - this.savedAt >= this.checkpointEveryMs();
          const written =
            (acted.length > 0 || due) &&
            (await applyEvents(this.reads, this.projection, generation, acted, through, {
              checkpointAlone: due || !this.projection.idempotent,
            }));
          if (written) {
            this.unsaved = null;
            this.savedAt = Date.now();
          } else {
            // Nothing to write but the checkpoint, over events skipped or that wrote nothing (an idempotent reactor's: it acts
            // through the outbox, alike again on a replay): writing it later loses nothing. The reactors in the request thread
            // wrote theirs after every batch of step commands: 12 % of that thread in bench:api.
            this.unsaved = { generation, position: through };
          }
        } finally {
          this.applying = false;
        }
        this.checkpoint = through;
        this.state = 'live';
        this.lastError = undefined;
        this.options.onApplied?.(this.checkpoint);
      }
    } finally {
      await subscription.close();
    }
  }

  private checkpointEveryMs(): number {
    return this.options.checkpointEveryMs ?? 1000;
  }

  /**
   * Writes a checkpoint left unwritten once the log has gone quiet: otherwise it would
   * wait for the next event the projection acts on, and a stand-by replica (which
   * reports the stored checkpoint) or a restart would see the runner behind for as long.
   */
  private flushWhenIdle(): void {
    if (!this.unsaved || this.applying || this.flushing || Date.now() - this.savedAt < this.checkpointEveryMs()) return;
    this.flushing = this.saveSkipped()
      .then(() => {
        this.savedAt = Date.now();
      })
      .catch((error) =>
        this.options.log.error('projection checkpoint write failed', { projection: this.projection.name, error: String(error) }),
      )
      .finally(() => {
        this.flushing = null;
      });
  }

  /** Writes the checkpoint left unwritten over events the projection does not act on (after the loop has ended, or when idle). */
  private async saveSkipped(): Promise<void> {
    const unsaved = this.unsaved;
    if (!unsaved) return;
    this.unsaved = null;
    await applyEvents(this.reads, this.projection, unsaved.generation, [], unsaved.position);
  }

  private async checkPointer(): Promise<void> {
    try {
      const latest = await readPointer(this.reads, this.projection);
      if (!latest || !this.pointer || latest.generation === this.pointer.generation) return;
      const old = this.pointer.generation;
      this.pointer = latest;
      this.options.log.info('projection switched generation', { projection: this.projection.name, from: old, to: latest.generation });
      // Ends the current follow(); the next one starts on the new generation and drops the old.
      await this.subscription?.close();
    } catch (error) {
      this.options.log.error('projection pointer check failed', { projection: this.projection.name, error: String(error) });
    }
  }

  private rebuildInBackground(why: string): void {
    this.options.log.info(`rebuilding projection: ${why}`, { projection: this.projection.name });
    this.rebuilding = rebuildProjection(this.events, this.reads, this.projection, { now: this.options.now })
      .then(() => this.checkPointer())
      .catch((error) => this.options.log.error('projection rebuild failed', { projection: this.projection.name, error: String(error) }))
      .finally(() => {
        this.rebuilding = null;
      });
  }

  private async ensureCollections(generation: number): Promise<void> {
    for (const [collection, indexes] of Object.entries(this.projection.collections)) {
      await this.reads.ensureCollection(physicalName(collection, generation), indexes);
    }
  }

  private backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.backoffTimer = { timer, resolve: () => (clearTimeout(timer), resolve()) };
    });
  }
}
