import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Config } from '../config/config';
import { SqliteEventStore } from '../infrastructure/event-store/sqlite/sqlite-event-store';
import { physicalName } from './generations';
import { Projection } from './projection';
import { ProjectionStatus, RunnerView, ThreadLog } from './projection-runner';
import { AppliedPosition } from './applied-position';
import { Doorbell } from './doorbell';
import { processHolderId } from './lease';
import { FromProjectionWorker, ProjectionWorkerData, ToProjectionWorker } from './projection-worker';

const STOP_TIMEOUT_MS = 10_000;

/** The reactors the worker runs besides the projections (ProjectionsSetup.pushReactors), as this thread knows them. */
export interface WorkerReactors {
  /** Built here only to name them: the worker builds its own, on its own ports. */
  pushReactors: Projection[];
  /** This process as a lease holder: the worker takes their leases under the process's name. */
  holderId: string;
  /** Called when one of them has pushed (enqueued a message). */
  pushed: () => void;
}

/** The compiled worker script is absent when running from TypeScript sources (tests), where the runners stay in-process. */
export function canRunInThread(script: string): boolean {
  return existsSync(script);
}

/**
 * The request thread's side of the projection worker (projection-worker.ts): starts
 * it, wakes it after each commit of the event store, tells when its reactors have
 * pushed, and keeps the runners'
 * last reported statuses for queries (generation pointers), /health and /metrics.
 */
export class ProjectionThread {
  readonly runners: RunnerView[];
  /** How far the worker's projections have applied the log, written by the worker in shared memory. */
  readonly applied = new AppliedPosition();
  private readonly statuses = new Map<string, ProjectionStatus>();
  private worker: Worker | null = null;
  private stopped: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    projections: Projection[],
    private readonly config: Config,
    private readonly events: SqliteEventStore,
    private readonly log: ThreadLog,
    /** The worker's entry (app.projection-worker.ts compiled); tests run it from its TypeScript source through a loader script. */
    private readonly script: string,
    private readonly reactors: WorkerReactors = { pushReactors: [], holderId: processHolderId(), pushed: () => undefined },
  ) {
    this.runners = [...projections, ...reactors.pushReactors].map((projection) => ({
      projection,
      status: () =>
        this.statuses.get(projection.name) ?? {
          projection: projection.name,
          state: 'starting',
          generation: 0,
          checkpoint: null,
          rebuilding: false,
        },
      collection: (logical: string) => {
        const generation = this.statuses.get(projection.name)?.generation;
        if (!generation) throw new Error(`Projection ${projection.name} has not started`);
        return physicalName(logical, generation);
      },
    }));
  }

  /** Resolves once every runner has started (generations known), rejects if the worker cannot start. */
  start(): Promise<void> {
    const appended = new Doorbell();
    const worker = new Worker(this.script, {
      workerData: {
        config: this.config,
        appended: appended.buffer,
        applied: this.applied.buffer,
        holderId: this.reactors.holderId,
      } satisfies ProjectionWorkerData,
    });
    this.worker = worker;
    return new Promise((resolve, reject) => {
      let stopped: () => void = () => undefined;
      this.stopped = new Promise((done) => (stopped = done));
      worker.on('message', (message: FromProjectionWorker) => {
        if (message.type === 'statuses') {
          for (const status of message.statuses) this.statuses.set(status.projection, status);
          resolve();
        } else if (message.type === 'log') {
          this.log[message.level](message.message, message.fields);
        } else if (message.type === 'failed') {
          this.log.error('projection worker failed', { error: message.error });
          reject(new Error(`Projection worker failed: ${message.error}`));
        } else if (message.type === 'stopped') {
          stopped();
        } else if (message.type === 'pushed') {
          this.reactors.pushed();
        }
      });
      worker.on('error', (error) => {
        this.log.error('projection worker crashed', { error: String(error) });
        reject(error);
      });
      worker.on('exit', (code) => {
        // Unless asked to stop, a dead worker must show in /health and /metrics, not as the last "live" it reported.
        if (this.worker === worker) this.markFailing(`projection worker exited with code ${code}`);
        stopped();
        reject(new Error('Projection worker exited'));
      });
      this.unsubscribe = this.events.onCommitted(() => appended.ring());
    });
  }

  private markFailing(lastError: string): void {
    this.log.error('projection worker exited', { error: lastError });
    for (const runner of this.runners) this.statuses.set(runner.projection.name, { ...runner.status(), state: 'failing', lastError });
  }

  /** Lets the runners commit the batches in hand and close their stores, then ends the thread. */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    worker.postMessage({ type: 'stop' } satisfies ToProjectionWorker);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.stopped, new Promise((r) => (timer = setTimeout(r, STOP_TIMEOUT_MS)))]);
    clearTimeout(timer);
    await worker.terminate();
  }
}
