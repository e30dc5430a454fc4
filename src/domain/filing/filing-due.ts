import { DomainError } from '../decider';
import { missingPrerequisites, OffboardingState, transferStatus } from '../offboarding/offboarding.decider';
import { transferOutNotice } from '../policy/si-reduction';
import { IsoDate, IsoMonth, monthOf } from '../shared/calendar';
import { FILING_STEP, FilingKind } from './filing-template';

export type FilingDue =
  | { due: true; lastContributionMonth: IsoMonth | null }
  | { due: false; why: 'not_open' | 'not_in_policy' | 'done' | 'filed' | 'locked' | 'too_early' | 'no_rule' };

/**
 * Whether a case belongs in the bureau's file of this kind on `today` (the business date
 * of the export). Its step must be in the pinned policy, not done, not awaiting the
 * bureau's answer, and unlocked: the batch file is a filing, so it is bound by the same
 * order as the step route (社保转出 before 退工: a 退工 row appears only once the
 * transfer-out is done). A rejected filing (退单, 驳回) is due again.
 *
 * For the 减员 filing, also the region's cut-off: a case is due once a filing today keeps
 * the month of the last working day paid (lastContributionMonth from the pinned policy's
 * reduction rule in force today, si-reduction.ts). Filed earlier, the bureau would take
 * the person off that month's roster and leave it unpaid (断缴); so the case waits for a
 * later file. A case past its filing date (fileBy) stays due: it still has to be filed,
 * and its view warns that it is overdue.
 */
export function filingDue(kind: FilingKind, state: OffboardingState, today: IsoDate): FilingDue {
  if (state.status !== 'open') return { due: false, why: 'not_open' };
  const step = FILING_STEP[kind];
  const definition = state.policy.steps.find((s) => s.key === step);
  if (!definition) return { due: false, why: 'not_in_policy' };
  if (state.done[step] !== undefined) return { due: false, why: 'done' };
  if (missingPrerequisites(state, definition).length > 0) return { due: false, why: 'locked' };
  if (kind === 'labor_termination') return { due: true, lastContributionMonth: null };
  if (transferStatus(state) === 'requested') return { due: false, why: 'filed' };
  let lastContributionMonth: IsoMonth;
  try {
    lastContributionMonth = transferOutNotice({
      lastWorkingDay: state.lastWorkingDay,
      filingDate: today,
      parameters: state.policy.parameters,
    }).lastContributionMonth;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NO_SI_REDUCTION_RULE') return { due: false, why: 'no_rule' };
    throw error;
  }
  if (lastContributionMonth < monthOf(state.lastWorkingDay)) return { due: false, why: 'too_early' };
  return { due: true, lastContributionMonth };
}
