import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { SEPARATION_REASONS } from '../../../src/domain/shared/vocabulary';
import { spec } from '../given-when-then';
import { commandsFor, dependsOn, inDependencyOrder, manager, opened, perform, play, requestTransfer } from './fixtures';

/**
 * Every shipped policy, generated from DEFAULT_POLICIES: the full happy path for
 * each separation reason, and the founding rule (退工 only after 社保转出).
 */
const decider = spec(offboardingDecider);
const policies = DEFAULT_POLICIES.map((policy) => [`${policy.region} ${policy.category}`, policy] as const);

describe.each(policies)('under the default policy %s', (_, policy) => {
  it.each(SEPARATION_REASONS)('a %s case completes by itself when its last step is done, not before', (reason) => {
    const start = opened({ policy, reason });
    const steps = start.data.policy.steps;
    const commands = inDependencyOrder(steps).flatMap(commandsFor);
    const last = commands.at(-1)!;
    const history = play([start], commands.slice(0, -1));
    expect(history.map((e) => e.type)).not.toContain('OffboardingCaseCompleted');
    expect(history.map((e) => e.type)).not.toContain('PrerequisiteOverridden');

    decider
      .given(history)
      .when(last)
      .then([{ type: expect.any(String) }, { type: 'OffboardingCaseCompleted', data: { completedOn: last.data.effectiveDate } }]);
  });

  it.each(SEPARATION_REASONS)('a %s case has severance_payment only if the reason may owe compensation (LCL art. 46)', (reason) => {
    const keys = opened({ policy, reason }).data.policy.steps.map((s) => s.key);
    expect(keys.includes('severance_payment')).toBe(['dismissal', 'contract_expiry', 'mutual_agreement'].includes(reason));
  });

  it('refuses labour termination before the transfer-out is done, even when everything else is done and a manager overrides', () => {
    const start = opened({ policy });
    const steps = start.data.policy.steps;
    const independent = inDependencyOrder(steps).filter(
      (key) => key !== 'si_transfer_out' && key !== 'labor_termination' && !dependsOn(steps, key, 'si_transfer_out'),
    );
    const nothingDone = [start];
    const requested = play([start], [...independent.flatMap(commandsFor), requestTransfer()]);

    for (const history of [nothingDone, requested]) {
      const error = decider
        .given(history)
        .when(perform('labor_termination', { actor: manager, override: { reason: 'the bureau is slow' } }))
        .thenThrows('STEP_LOCKED', { hard: ['si_transfer_out'] });
      expect((error.details as { missing: string[] }).missing).toContain('si_transfer_out');
    }
  });
});
