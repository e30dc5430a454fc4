import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Config, CONFIG } from '../config/config';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { SqliteEventStore } from '../infrastructure/event-store/sqlite/sqlite-event-store';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { WORKER_SHARED_EVENT_STORE } from '../infrastructure/stores.module';
import { Clock, CLOCK } from '../infrastructure/clock';
import { Projection } from './projection';
import { ProjectionRunner, ProjectionStatus, RunnerView } from './projection-runner';
import { canRunInThread, ProjectionThread } from './projection-thread';
import { AppliedPosition, lowestCheckpoint } from './applied-position';
import { LeasedRunner } from './leased-runner';
import { leaseOptions, processHolderId } from './lease';

export const PROJECTIONS = Symbol('Projections');
/** The reactors that dispatch commands, run in this thread whatever the projections do (projections.module.ts). */
export const REACTORS = Symbol('Reactors');
/** The reactors that only push through a port: they run where the projections run (projections.module.ts). */
export const PUSH_REACTORS = Symbol('PushReactors');
/** The compiled worker script, or null for the request thread (projections.module.ts). */
export const PROJECTION_WORKER_SCRIPT = Symbol('ProjectionWorkerScript');

export interface ProjectionHealth extends Omit<ProjectionStatus, 'checkpoint'> {
  checkpoint: string | null;
  head: string;
  /** Positions between the checkpoint and the head of the log. */
  lag: string;
}

/**
 * Runs every projection in the background for the life of the process.
 *
 * When the stores module says the log may be shared with a worker (the embedded
 * event store) and the root gives a worker script, the compiled service runs them
 * in a worker thread (projection-thread.ts), so that the request thread does only
 * HTTP and commands. They run in this thread instead when the service runs from
 * its TypeScript sources (tests: no compiled worker script) or the root gives no
 * script (a clock given by the caller cannot cross to another thread).
 * The reactors that dispatch commands always run in this thread, where the command
 * bus is. Those that only push through the outbox (reminders, warnings) run with the
 * projections: in the worker, their outbox writes go through the worker's connection
 * to the read store, and never wait there for the worker's commits (the reminders'
 * withdrawal in this thread was a quarter of it under step commands, and the worker
 * lost its page cache after each one). /health and /metrics list them all.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runners: RunnerView[];
  private readonly thread: ProjectionThread | null = null;
  /** The runners of this thread: every projection's when there is no worker thread. */
  private readonly here: ProjectionRunner[];
  private readonly applied: AppliedPosition = new AppliedPosition();
  /** The reactors of this thread, each under its lease: one active instance among the processes on one store. */
  private readonly reactors: LeasedRunner[];
  private readonly pushedInWorker = new Set<() => void>();
  /** This process as a lease holder (the notification dispatcher takes its lease under the same name). */
  readonly holderId = processHolderId();

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) reads: ReadStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(CONFIG) config: Config,
    @Inject(WORKER_SHARED_EVENT_STORE) shared: SqliteEventStore | null,
    @Inject(PROJECTION_WORKER_SCRIPT) workerScript: string | null,
    @Inject(REACTORS) reactors: Projection[],
    @Inject(PUSH_REACTORS) pushReactors: Projection[],
  ) {
    const log = {
      info: (message: string, fields?: Record<string, unknown>) => this.logger.log({ ...fields, msg: message }),
      warn: (message: string, fields?: Record<string, unknown>) => this.logger.warn({ ...fields, msg: message }),
      error: (message: string, fields?: Record<string, unknown>) => this.logger.error({ ...fields, msg: message }),
    };
    const runHere = (p: Projection, onApplied?: () => void) => new ProjectionRunner(p, events, reads, { now: clock, log, onApplied });
    const lease = leaseOptions(config.leaseTtlMs);
    const leased = (r: Projection) => new LeasedRunner(r, reads, this.holderId, lease, () => runHere(r));
    if (shared && workerScript && canRunInThread(workerScript)) {
      this.thread = new ProjectionThread(projections, config, shared, log, workerScript, {
        pushReactors,
        holderId: this.holderId,
        pushed: () => this.pushedInWorker.forEach((listener) => listener()),
      });
      this.applied = this.thread.applied;
      this.here = [];
      this.reactors = reactors.map(leased);
      this.runners = [...this.thread.runners, ...this.reactors];
    } else {
      this.reactors = [...reactors, ...pushReactors].map(leased);
      // Reads wait for the read models only: a reactor behind (a receiver down) must not hold up every GET.
      const onApplied = () => this.applied.set(lowestCheckpoint(this.here.map((r) => r.status().checkpoint)));
      this.here = projections.map((p) => runHere(p, onApplied));
      this.runners = [...this.here, ...this.reactors];
    }
  }

  /**
   * Resolves true once every read model has applied the log through `position`
   * (read-your-writes: a command's answer carries its position), false after
   * `timeoutMs`. Woken by the runners as they commit, never by polling.
   */
  appliedThrough(position: bigint, timeoutMs: number): Promise<boolean> {
    return this.applied.reached(position, timeoutMs);
  }

  /** Called when a reactor in the worker thread has pushed (enqueued a message), so that this thread's dispatcher looks now. */
  onPushedInWorker(listener: () => void): void {
    this.pushedInWorker.add(listener);
  }

  /** The position every read model has applied (0n before any). */
  appliedPosition(): bigint {
    return this.applied.get();
  }

  /**
   * After the command bus has its handlers: CqrsModule registers them in its own
   * onApplicationBootstrap, which Nest calls first (it is imported further from the root).
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.thread?.start();
    for (const runner of this.here) await runner.start();
    for (const reactor of this.reactors) reactor.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.thread?.stop(), ...this.here.map((r) => r.stop()), ...this.reactors.map((r) => r.stop())]);
  }

  /** The physical collection a query should read for a projection's logical collection. */
  collection(projection: string, logical: string): string {
    const runner = this.runners.find((r) => r.projection.name === projection);
    if (!runner) throw new Error(`Unknown projection ${projection}`);
    return runner.collection(logical);
  }

  async health(): Promise<ProjectionHealth[]> {
    const head = await this.events.headPosition();
    return this.runners.map((runner) => {
      const status = runner.status();
      const lag = head - (status.checkpoint ?? 0n);
      return { ...status, checkpoint: status.checkpoint?.toString() ?? null, head: head.toString(), lag: (lag > 0n ? lag : 0n).toString() };
    });
  }
}
