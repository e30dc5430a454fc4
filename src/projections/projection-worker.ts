/**
 * The projection worker thread: runs every projection and the process manager
 * on its own connections to the stores, so that the request thread does only
 * HTTP and commands (with the projections in the same thread, each command paid
 * for nine read-model updates and their commits before the next request).
 *
 * The request thread tells it when it has committed appends (a doorbell), so
 * projections follow at once rather than at the next poll, and makes the process
 * manager's appends for it (one writer of the log per process); the worker reports
 * the runners' statuses (generation, checkpoint, health) whenever they change.
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
import { AppendReply, AppendRequest, ForwardingEventStore } from './forwarded-appends';
import { ProjectionRunner, ProjectionStatus } from './projection-runner';
import { useBusinessTimeZone } from '../infrastructure/business-day';

export interface ProjectionWorkerData {
  config: Config;
  /** Rung by the request thread after each commit of its appends (doorbell.ts). */
  appended: SharedArrayBuffer;
  /** Written by the worker as its projections apply the log, read by the request thread (applied-position.ts). */
  applied: SharedArrayBuffer;
}

export type ToProjectionWorker = { type: 'stop' } | AppendReply;

export type FromProjectionWorker =
  | { type: 'statuses'; statuses: ProjectionStatus[] }
  | { type: 'log'; level: 'info' | 'error'; message: string; fields?: Record<string, unknown> }
  | { type: 'failed'; error: string }
  | { type: 'stopped' }
  | AppendRequest;

/** What the root composes for the worker, as for the service: the projections and the application's event store. */
export interface ProjectionWorkerSetup {
  projections: (deps: ProjectionDependencies) => Projection[];
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

async function run(port: MessagePort, { config, appended, applied }: ProjectionWorkerData, setup: ProjectionWorkerSetup): Promise<void> {
  const send = (message: FromProjectionWorker) => port.postMessage(message);
  // A worker has its own module state: the business day must follow the configuration here too.
  useBusinessTimeZone(config.businessTimeZone);
  const embedded = createEmbeddedEventStore(config);
  const reader = await createRawEventStore(config, embedded);
  // The process manager appends through the request thread (forwarded-appends.ts); sealing happens here, with the keys.
  const raw = new ForwardingEventStore(reader, send);
  const events = setup.application(raw, await createKeyStore(config));
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

  let sent = '';
  const report = () => {
    const statuses = runners.map((r) => r.status());
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
    if (message.type === 'appended-for-worker') {
      raw.settle(message);
    } else if (message.type === 'stop') {
      stopping = true;
      clearInterval(timer);
      void Promise.all(runners.map((r) => r.stop()))
        .then(() => Promise.allSettled([events.close(), reads.close()]))
        .then(() => {
          report();
          send({ type: 'stopped' });
          port.close();
        });
    }
  });
  for (const runner of runners) await runner.start();
  report();
  const timer = setInterval(report, STATUS_CHECK_MS);
}
