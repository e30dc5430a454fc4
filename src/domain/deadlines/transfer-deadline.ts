import { OffboardingCase } from '../offboarding/offboarding.decider';
import { STATUTORY_TRANSFER_DAYS } from '../policy/si-reduction';
import { addDays, IsoDate } from '../shared/calendar';
import { StepKey } from '../shared/vocabulary';

/**
 * LCL art. 50 para. 1: the employer completes the transfer of the personal file
 * (档案) and of the social-insurance relationship 在十五日内, within fifteen days of
 * the end of the labour relationship (https://wechat.estsglobal.com/wechat/law_contents/255).
 * 十五日 are calendar days counted from the day after the termination (Civil Code
 * art. 201), so the last day is termination + 15: after 2024-06-30, 2024-07-15 is
 * on time and 2024-07-16 is late. Art. 203 (a period ending on a holiday ends the
 * next working day) is not applied, as in due-dates.ts: a case may show late that
 * a court would count on time, never the other way round.
 */
export const transferDeadline = (terminationDate: IsoDate): IsoDate => addDays(terminationDate, STATUTORY_TRANSFER_DAYS);

/** The two transfers art. 50 times. */
const TIMED_TRANSFERS: StepKey[] = ['si_transfer_out', 'archive_transfer'];

/**
 * Whether the case met art. 50's fifteen days: every one of the two transfers its
 * policy contains was done (the date the step was completed: for si_transfer_out
 * the bureau's confirmation, not the filing) on or before the deadline. Counted
 * from the registered termination date, else the last working day (as due-dates.ts).
 * Null when it cannot be judged yet (a transfer not done) or at all (the policy has neither).
 */
export function transfersOnTime(c: OffboardingCase): boolean | null {
  const timed = TIMED_TRANSFERS.filter((key) => c.policy.steps.some((s) => s.key === key));
  const doneOn = timed.map((key) => c.done[key]);
  if (timed.length === 0 || doneOn.some((d) => d === undefined)) return null;
  const deadline = transferDeadline(c.terminationDate ?? c.lastWorkingDay);
  return doneOn.every((d) => d! <= deadline);
}
