import { policyPublication, PolicyVersions } from '../domain/policy/policy-publication.decider';
import { EmployeeCategory } from '../domain/shared/vocabulary';
import { loadState } from '../event-sourcing/command-handler';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { policyStream } from '../domain/shared/streams';

/** Read from the policy's own stream, never from a read model (docs/DESIGN.md). */
export const policyVersions = (store: EventStore, region: string, category: EmployeeCategory): Promise<PolicyVersions> =>
  loadState(store, policyStream(region, category), policyPublication);
