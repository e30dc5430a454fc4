/**
 * The projection worker thread's entry, loaded by ProjectionThread from the
 * compiled file (PROJECTION_WORKER_SCRIPT): the same projections and the same
 * sealed event store as the service, composed here at the root.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { allProjections } from './app.projections';
import { sealPersonalData } from './personal-data/sealed-event-store';
import { ProjectionWorkerData, startProjectionWorker } from './projections/projection-worker';

if (parentPort)
  startProjectionWorker(parentPort, workerData as ProjectionWorkerData, { projections: allProjections, application: sealPersonalData });
