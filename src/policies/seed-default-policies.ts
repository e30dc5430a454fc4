import { DEFAULT_POLICIES } from '../domain/policy/default-policies';
import { policyStream } from '../domain/shared/streams';
import { policyPublication } from '../domain/policy/policy-publication.decider';
import { CommandResult, handleCommand } from '../event-sourcing/command-handler';
import { Clock } from '../infrastructure/clock';
import { EventStore } from '../infrastructure/event-store/event-store.port';

/**
 * Publishes the shipped policies as version 1 where a region and category has no
 * version yet. The same command and idempotency keys everywhere (service start,
 * import, demo), so the same event ids on every replica and every run: whichever
 * comes first writes them, the others find them and write nothing.
 */
export async function seedDefaultPolicies(events: EventStore, clock: Clock): Promise<CommandResult[]> {
  const results: CommandResult[] = [];
  for (const policy of DEFAULT_POLICIES) {
    results.push(
      await handleCommand(
        events,
        policyStream(policy.region, policy.category),
        policyPublication,
        { type: 'SeedDefaultPolicy', data: { policy } },
        {
          actor: { id: 'system', role: 'admin' },
          recordedAt: clock(),
          correlationId: `default-policies-v${policy.version}`,
          source: 'system',
          idempotencyKey: `default-policy:${policy.region}:${policy.category}:v${policy.version}`,
        },
      ),
    );
  }
  return results;
}
