import { join } from 'node:path';
import { refusals } from './audit/refusals.projection';
import { continuityIndex } from './continuity/continuity-index.projection';
import { offboardingFacts } from './dashboard/offboarding-facts.projection';
import { employeeProfiles } from './employees/employee-profile.projection';
import { caseViews } from './offboarding/case-view.projection';
import { offboardingProcessManager } from './offboarding/offboarding.process-manager';
import { incompleteRecords } from './reports/incomplete-records.projection';
import { streamCatalog } from './streams/stream-catalog.projection';
import { timeline } from './timeline/timeline.projection';
import { Projection, ProjectionDependencies } from './projections/projection';

/**
 * Every projection the service runs, and the process managers, which are run the
 * same way (own checkpoint, resume after restart, lag in /health) but write
 * events instead of read models. The rebuild command finds them here by name.
 * Listed at the composition root: each feature imports the projection machinery,
 * so the machinery cannot import the features back.
 */
export function allProjections(deps: ProjectionDependencies): Projection[] {
  return [
    streamCatalog,
    employeeProfiles,
    caseViews,
    continuityIndex,
    refusals,
    offboardingFacts,
    incompleteRecords,
    timeline,
    offboardingProcessManager(deps.events, deps.clock),
  ];
}

/** The compiled script that runs this list in a worker thread (app.projection-worker.ts); absent when running from TypeScript sources (tests). */
export const PROJECTION_WORKER_SCRIPT = join(__dirname, 'app.projection-worker.js');
