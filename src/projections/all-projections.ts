import { Clock } from '../infrastructure/clock';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { refusals } from '../audit/refusals.projection';
import { continuityIndex } from '../continuity/continuity-index.projection';
import { offboardingFacts } from '../dashboard/offboarding-facts.projection';
import { employeeProfiles } from '../employees/employee-profile.projection';
import { caseViews } from '../offboarding/case-view.projection';
import { offboardingProcessManager } from '../offboarding/offboarding.process-manager';
import { incompleteRecords } from '../reports/incomplete-records.projection';
import { streamCatalog } from '../streams/stream-catalog.projection';
import { timeline } from '../timeline/timeline.projection';
import { Projection } from './projection';

/** What projections and process managers may use besides their read model. */
export interface ProjectionDependencies {
  events: EventStore;
  clock: Clock;
}

/**
 * Every projection the service runs, and the process managers, which are run the
 * same way (own checkpoint, resume after restart, lag in /health) but write
 * events instead of read models. The rebuild command finds them here by name.
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
