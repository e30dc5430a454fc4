/**
 * The projection worker thread's entry, loaded by ProjectionThread from the
 * compiled file (PROJECTION_WORKER_SCRIPT): the same projections, push reactors and
 * sealed event store as the service, composed here at the root. The push reactors'
 * outbox is the worker's own, over its connection to the read store.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allProjections, pushReactors } from './app.projections';
import { ReadStoreOutbox } from './notifications/delivery/read-store-outbox';
import { sealPersonalData } from './personal-data/sealed-event-store';
import { ProjectionWorkerData, startProjectionWorker, WorkerPushDependencies } from './projections/projection-worker';

function workerPushReactors({ events, clock, reads, config, pushed }: WorkerPushDependencies) {
  const outbox = new ReadStoreOutbox(reads, clock);
  outbox.onEnqueued(pushed);
  return pushReactors({ events, clock, outbox, config });
}

if (parentPort)
  startProjectionWorker(parentPort, workerData as ProjectionWorkerData, {
    projections: allProjections,
    pushReactors: workerPushReactors,
    application: sealPersonalData,
  });
