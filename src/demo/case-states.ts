import { transfersOnTime } from '../domain/deadlines/transfer-deadline';
import { OffboardingCase, transferStatus } from '../domain/offboarding/offboarding.decider';
import { CaseState } from './case-scenarios';

/** Where a case stands, from its folded state: the summary's words for the offboarding dashboard's populations. */
export function caseStateOf(c: OffboardingCase): CaseState {
  if (c.status === 'cancelled') return 'cancelled';
  // LCL art. 50's 15 days (transfer-deadline.ts); a policy without timed transfers counts as on time.
  if (c.status === 'completed') return transfersOnTime(c) === false ? 'completed_late' : 'completed_on_time';
  if (c.done.labor_termination !== undefined) return 'open_after_labor_termination';
  switch (transferStatus(c)) {
    case 'completed':
      return 'open_waiting_labor_termination';
    case 'requested':
      return c.transferAttempts.length > 1 ? 'open_transfer_re_requested' : 'open_transfer_requested';
    case 'rejected':
      return 'open_transfer_rejected';
    case 'not_requested':
      return c.done.approval === undefined ? 'open_approval_pending' : 'open_in_preparation';
  }
}
