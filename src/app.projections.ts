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
import { Projection, ReactorDependencies } from './projections/projection';
import { notificationChannels } from './notifications/channels/channels.projection';

/**
 * Every read model the service runs (in the worker thread when it may); the
 * rebuild command finds them here by name. Listed at the composition root: each
 * feature imports the projection machinery, so the machinery cannot import the
 * features back.
 */
export function allProjections(): Projection[] {
  return [
    streamCatalog,
    employeeProfiles,
    caseViews,
    continuityIndex,
    refusals,
    offboardingFacts,
    incompleteRecords,
    timeline,
    notificationChannels,
  ];
}

/**
 * The reactors: run like projections (own checkpoint, resume after restart, lag
 * in /health) but they dispatch commands on the bus instead of writing read
 * models, so they run in the service's main thread and are never rebuilt.
 */
export function allReactors({ events, commands, clock }: ReactorDependencies): Projection[] {
  return [offboardingProcessManager(events, commands, clock)];
}

/** The compiled script that runs this list in a worker thread (app.projection-worker.ts); absent when running from TypeScript sources (tests). */
export const PROJECTION_WORKER_SCRIPT = join(__dirname, 'app.projection-worker.js');
