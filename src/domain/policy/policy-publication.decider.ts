import { Decider, DomainError, DomainEvent } from '../decider';
import { eventSchemas } from '../stored-event';
import { IsoDate } from '../shared/calendar';
import { EmployeeCategory } from '../shared/vocabulary';
import { WorkflowPolicy } from './policy';
import { validatePolicy } from './validate-policy';

/**
 * The versions of one region's and category's workflow policy
 * (`policy-<region>-<category>`). Publishing appends a version; nothing is
 * ever changed in place, so a case that pinned version n keeps it.
 */
export type PolicyDraft = Omit<WorkflowPolicy, 'version'>;

export type PolicyPublished = DomainEvent<'PolicyPublished', { policy: WorkflowPolicy }>;
export type PolicyEvent = PolicyPublished;

/** The one event of a policy stream and its current schema version. */
export const policyEvents = eventSchemas<PolicyEvent>('workflow policy', { PolicyPublished: { current: 1 } });

export type PublishPolicy = { type: 'PublishPolicy'; data: { region: string; category: EmployeeCategory; draft: PolicyDraft } };
/** The shipped default: published as version 1 only when the stream has no version yet (idempotent at every start). */
export type SeedDefaultPolicy = { type: 'SeedDefaultPolicy'; data: { policy: WorkflowPolicy } };
export type PolicyCommand = PublishPolicy | SeedDefaultPolicy;

export interface PolicyVersions {
  versions: WorkflowPolicy[];
}

export const policyPublication: Decider<PolicyCommand, PolicyVersions, PolicyEvent> = {
  initialState: { versions: [] },
  decide(command, state) {
    if (command.type === 'SeedDefaultPolicy') {
      return state.versions.length > 0 ? [] : [{ type: 'PolicyPublished', data: { policy: { ...command.data.policy, version: 1 } } }];
    }
    const { region, category, draft } = command.data;
    const problems = [
      ...(draft.region !== region ? [`region: must be ${region}, as in the path`] : []),
      ...(draft.category !== category ? [`category: must be ${category}, as in the path`] : []),
    ];
    const policy: WorkflowPolicy = { ...draft, version: (state.versions.at(-1)?.version ?? 0) + 1 };
    problems.push(...validatePolicy(policy));
    if (problems.length) throw new DomainError('INVALID_POLICY', `The policy is not valid: ${problems.join('; ')}`, { problems });
    return [{ type: 'PolicyPublished', data: { policy } }];
  },
  evolve: (state, event) => ({ versions: [...state.versions, event.data.policy] }),
  events: policyEvents,
};

/** The version in force on a date: the latest published version whose effectiveFrom has come. */
export function policyInForce(state: PolicyVersions, date: IsoDate): WorkflowPolicy | null {
  return state.versions.filter((p) => p.effectiveFrom <= date).at(-1) ?? null;
}
