import { assigneeOf } from '../policy/assignee';
import { Assignee } from '../policy/policy';
import { IsoDate } from '../shared/calendar';
import { StepKey } from '../shared/vocabulary';
import { OffboardingState, StepState, stepStatuses } from './offboarding.decider';

/** A step someone has to do on an open case: what a worklist shows. */
export interface OpenTask {
  step: StepKey;
  title: { zh: string; en: string };
  /**
   * `locked`: its prerequisites in `missing` come first; `available`: it can be done now; `in_progress`: filed,
   * waiting for the bureau's answer; `rejected`: returned (退单, 驳回), to be corrected and filed again.
   */
  state: Exclude<StepState, 'done'>;
  missing: StepKey[];
  dueDate: IsoDate | null;
  /** The steps that require this one: what doing it unlocks (or brings closer). */
  unlocks: StepKey[];
  assignee: Assignee;
}

/** The steps of an open case that are not done, in the policy's order; none once the case is closed. */
export function openTasks(state: OffboardingState): OpenTask[] {
  if (state.status !== 'open') return [];
  const definitions = new Map(state.policy.steps.map((s) => [s.key, s]));
  return stepStatuses(state)
    .filter((s) => s.doneOn === null)
    .map((s) => {
      const definition = definitions.get(s.key)!;
      return {
        step: s.key,
        title: definition.title,
        state: s.status as OpenTask['state'],
        missing: s.missing,
        dueDate: s.dueDate,
        unlocks: state.policy.steps.filter((other) => other.requires.some((r) => r.step === s.key)).map((other) => other.key),
        assignee: assigneeOf(definition),
      };
    });
}
