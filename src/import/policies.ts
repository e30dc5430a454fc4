import { DEFAULT_POLICIES } from '../domain/policy/default-policies';
import { policyStream } from '../domain/policy/policy';
import { policyPublication, PolicyVersions } from '../domain/policy/policy-publication.decider';
import { EmployeeCategory } from '../domain/shared/vocabulary';
import { handleCommand, loadState } from '../event-sourcing/command-handler';
import { EventStore } from '../infrastructure/event-store/event-store.port';

/**
 * The shipped default policies, published as the API publishes them at start-up
 * (PoliciesService.onApplicationBootstrap: same command, same idempotency keys,
 * so the same event ids), for an import into a data directory the API has not
 * started on yet. Where any version exists this writes nothing.
 */
export async function publishDefaultPolicies(store: EventStore, now: Date): Promise<void> {
  for (const policy of DEFAULT_POLICIES) {
    await handleCommand(store, policyStream(policy.region, policy.category), policyPublication, { type: 'SeedDefaultPolicy', data: { policy } }, {
      actor: { id: 'system', role: 'admin' },
      recordedAt: now,
      correlationId: `default-policies-v${policy.version}`,
      source: 'system',
      idempotencyKey: `default-policy:${policy.region}:${policy.category}:v${policy.version}`,
    });
  }
}

/** Read from the policy's own stream, never from a read model (DESIGN.md). */
export const policyVersions = (store: EventStore, region: string, category: EmployeeCategory): Promise<PolicyVersions> =>
  loadState(store, policyStream(region, category), policyPublication);
