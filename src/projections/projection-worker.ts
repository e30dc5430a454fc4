/**
 * The projection worker thread: runs every projection, and the reactors that only
 * push through the outbox (reminders, warnings), on its own connections to the
 * stores, so that the request thread does only HTTP and commands (with the
 * projections in the same thread, each command paid for nine read-model updates and
 * their commits before the next request).
 *
 * The request thread tells it when it has committed appends (a doorbell), so
 * projections follow at once rather than at the next poll, and is the log's one
 * writer in the process (the worker only reads: read-only-event-store.ts); the worker reports the runners'
 * statuses (generation, checkpoint, health) whenever they change, and tells when a
 * reactor has pushed, so that the request thread's dispatcher looks at once.
 * Started by the root's entry script (app.projection-worker.ts), which
 * ProjectionThread (projection-thread.ts) loads from the compiled file.
 */
import { MessagePort } from 'node:worker_threads';
import { Config } from '../config/config';
import { systemClock } from '../infrastructure/clock';
import {
  ApplicationEventStore,
  createEmbeddedEventStore,
  createKeyStore,
  createRawEventStore,
  createReadStore,
} from '../infrastructure/stores';
import { Projection, ProjectionDependencies } from './projection';
import { AppliedPosition, lowestCheckpoint } from './applied-position';
import { Doorbell } from './doorbell';
import { ReadOnlyEventStore } from './read-only-event-store';
import { ProjectionRunner, ProjectionStatus } from './projection-runner';
import { LeasedRunner } from './leased-runner';
import { forwardNestLogs, WorkerLogLine } from './worker-nest-logs';
import { leaseOptions } from './lease';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { useBusinessTimeZone } from '../infrastructure/business-day';

export interface ProjectionWorkerData {
  config: Config;
  /** Rung by the request thread after each commit of its appends (doorbell.ts). */
  appended: SharedArrayBuffer;
  /** Written by the worker as its projections apply the log, read by the request thread (applied-position.ts). */
  applied: SharedArrayBuffer;
  /** The process as a lease holder: the push reactors run here under the process's leases. */
  holderId: string;
}

export type ToProjectionWorker = { type: 'stop' };

export type FromProjectionWorker =
  | { type: 'statuses'; statuses: ProjectionStatus[] }
  | WorkerLogLine
  | { type: 'failed'; error: string }
  | { type: 'stopped' }
  | { type: 'pushed' };

/** What the worker hands the root for its push reactors: the root makes their ports (the outbox) over the worker's read store. */
export interface WorkerPushDependencies extends ProjectionDependencies {
  reads: ReadStore;
  config: Config;
  /** To be called after each push (an enqueue): the request thread's dispatcher is told. */
  pushed: () => void;
}

/** What the root composes for the worker, as for the service: the projections, the push reactors and the application's event store. */
export interface ProjectionWorkerSetup {
  projections: (deps: ProjectionDependencies) => Projection[];
  pushReactors?: (deps: WorkerPushDependencies) => Projection[];
  application: ApplicationEventStore;
}

/** How often statuses are compared with the last ones sent (health and metrics need no more). */
const STATUS_CHECK_MS = 20;

/** Runs the worker until asked to stop; a failure to start is reported to the request thread. */
export function startProjectionWorker(port: MessagePort, data: ProjectionWorkerData, setup: ProjectionWorkerSetup): void {
  run(port, data, setup).catch((error: unknown) => {
    port.postMessage({
      type: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies FromProjectionWorker);
  });
}

async function run(
  port: MessagePort,
  { config, appended, applied, holderId }: ProjectionWorkerData,
  setup: ProjectionWorkerSetup,
): Promise<void> {
  const send = (message: FromProjectionWorker) => port.postMessage(message);
  forwardNestLogs(send);
  // A worker has its own module state: the business day must follow the configuration here too.
  useBusinessTimeZone(config.businessTimeZone);
  const embedded = createEmbeddedEventStore(config);
  const reader = await createRawEventStore(config, embedded);
  // Reads only (the request thread is the log's one writer); personal data is unsealed here, with the keys.
  const events = setup.application(new ReadOnlyEventStore(reader), await createKeyStore(config));
  const reads = await createReadStore(config);
  const log = {
    info: (message: string, fields?: Record<string, unknown>) => send({ type: 'log', level: 'info', message, fields }),
    error: (message: string, fields?: Record<string, unknown>) => send({ type: 'log', level: 'error', message, fields }),
  };
  const progress = new AppliedPosition(applied);
  const onApplied = () => progress.set(lowestCheckpoint(runners.map((r) => r.status().checkpoint)));
  const runners: ProjectionRunner[] = setup
    .projections({ events, clock: systemClock })
    .map((p) => new ProjectionRunner(p, events, reads, { now: systemClock, log, onApplied }));
  // Not in onApplied: reads wait for the read models only, never for a reactor behind (a receiver down).
  const reactors = (setup.pushReactors?.({ events, clock: systemClock, reads, config, pushed: tellPushed(send) }) ?? []).map(
    (reactor) =>
      new LeasedRunner(
        reactor,
        reads,
        holderId,
        leaseOptions(config.leaseTtlMs),
        () => new ProjectionRunner(reactor, events, reads, { now: systemClock, log }),
      ),
  );

  let sent = '';
  const report = () => {
    const statuses = [...runners, ...reactors].map((r) => r.status());
    const summary = statuses.map((s) => `${s.state}|${s.generation}|${s.checkpoint}|${s.rebuilding}|${s.lastError ?? ''}`).join('\n');
    if (summary === sent) return;
    sent = summary;
    send({ type: 'statuses', statuses });
  };
  let stopping = false;
  if (embedded) {
    void new Doorbell(appended).listen(
      () => embedded.wakeSubscriptions(),
      () => stopping,
    );
  }
  port.on('message', (message: ToProjectionWorker) => {
    if (message.type === 'stop') {
      stopping = true;
      clearInterval(timer);
      void Promise.all([...runners, ...reactors].map((r) => r.stop()))
        .then(() => Promise.allSettled([events.close(), reads.close()]))
        .then(() => {
          report();
          send({ type: 'stopped' });
          port.close();
        });
    }
  });
  for (const runner of runners) await runner.start();
  for (const reactor of reactors) reactor.start();
  report();
  const timer = setInterval(report, STATUS_CHECK_MS);
}

/** Pushes of one turn (a case's reminders, several refusals' warnings) are told once. */
function tellPushed(send: (message: FromProjectionWorker) => void): () => void {
  let told = false;
  return () => {
    if (told) return;
    told = true;
    setImmediate(() => {
      told = false;
      send({ type: 'pushed' });
    });
  };
}
