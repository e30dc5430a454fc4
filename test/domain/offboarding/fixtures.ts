import { OffboardingCommand, PerformStep } from '../../../src/domain/offboarding/offboarding.commands';
import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { OffboardingCaseOpened, OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { StepDefinition, WorkflowPolicy } from '../../../src/domain/policy/policy';
import { EmployeeCategory, Actor, SeparationReason, StepKey } from '../../../src/domain/shared/vocabulary';

export const specialist: Actor = { id: 'u-specialist', role: 'hr_specialist' };
export const manager: Actor = { id: 'u-manager', role: 'hr_manager' };

export const LAST_WORKING_DAY = '2024-06-30';
export const HIRE_DATE = '2020-01-06';
/** The business day the commands are sent on, unless a test says otherwise: after every date the fixtures use. */
export const TODAY = '2025-12-31';

export function defaultPolicy(region: string, category: EmployeeCategory): WorkflowPolicy {
  const policy = DEFAULT_POLICIES.find((p) => p.region === region && p.category === category);
  if (!policy) throw new Error(`no default policy for ${region} ${category}`);
  return policy;
}

export const openCase = (
  options: { policy?: WorkflowPolicy; reason?: SeparationReason; lastWorkingDay?: string; caseId?: string } = {},
): OffboardingCommand => ({
  type: 'OpenCase',
  data: {
    caseId: options.caseId ?? 'K1',
    employeeId: 'E1001',
    reason: options.reason ?? 'dismissal',
    lastWorkingDay: options.lastWorkingDay ?? LAST_WORKING_DAY,
    policy: options.policy ?? defaultPolicy('shanghai', 'enterprise_regular'),
    openedAt: '2024-06-01',
    hireDate: HIRE_DATE,
    today: TODAY,
  },
});

/** The event OpenCase produces, for `given`. */
export function opened(options: Parameters<typeof openCase>[0] = {}): OffboardingCaseOpened {
  return offboardingDecider.decide(openCase(options), offboardingDecider.initialState)[0] as OffboardingCaseOpened;
}

type StepOptions = Partial<Omit<PerformStep['data'], 'step'>>;

/** The actor defaults to whoever may act on the step under the default policies (approval: the manager). */
export const perform = (step: StepKey, options: StepOptions = {}): PerformStep => ({
  type: 'PerformStep',
  data: {
    step,
    action: 'complete',
    effectiveDate: '2024-07-01',
    actor: step === 'approval' ? manager : specialist,
    today: TODAY,
    ...options,
  },
});

export const requestTransfer = (effectiveDate = '2024-07-01') => perform('si_transfer_out', { action: 'request', effectiveDate });
export const completeTransfer = (lastPaidMonth = '2024-06', effectiveDate = '2024-07-01') =>
  perform('si_transfer_out', { data: { lastPaidMonth }, effectiveDate });

/** Runs commands one after another on top of a history, failing loudly if one is refused. */
export function play(history: OffboardingEvent[], commands: OffboardingCommand[]): OffboardingEvent[] {
  let state = history.reduce(offboardingDecider.evolve, offboardingDecider.initialState);
  const events = [...history];
  for (const command of commands) {
    const emitted = offboardingDecider.decide(command, state);
    state = emitted.reduce(offboardingDecider.evolve, state);
    events.push(...emitted);
  }
  return events;
}

/** The pinned steps in an order that satisfies every prerequisite. */
export function inDependencyOrder(steps: StepDefinition[]): StepKey[] {
  const order: StepKey[] = [];
  const visit = (key: StepKey) => {
    if (order.includes(key)) return;
    steps.find((s) => s.key === key)!.requires.forEach((r) => visit(r.step));
    order.push(key);
  };
  steps.forEach((s) => visit(s.key));
  return order;
}

/** Whether `key` needs `target` done first, directly or through other steps. */
export function dependsOn(steps: StepDefinition[], key: StepKey, target: StepKey): boolean {
  const requires = steps.find((s) => s.key === key)?.requires ?? [];
  return requires.some((r) => r.step === target || dependsOn(steps, r.step, target));
}

/** The commands that do a step: request then complete for the transfer-out, one completion otherwise. */
export const commandsFor = (key: StepKey): PerformStep[] =>
  key === 'si_transfer_out' ? [requestTransfer(), completeTransfer()] : [perform(key)];
