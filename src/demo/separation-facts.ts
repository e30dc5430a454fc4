import { addDays, earliest, IsoDate } from '../domain/shared/calendar';
import { SeparationReason } from '../domain/shared/vocabulary';
import { SeparationFacts } from '../domain/offboarding/separation-facts';
import { Random } from './random';

/**
 * What HR records on opening a case, as a real team would: who proposed a mutual
 * agreement (mostly the employer: staff reductions), whether renewal was offered
 * at an expiry, and the written notice of a resignation or a dismissal (mostly a
 * month ahead; some dismissals pay the month in lieu instead). Drawn from a stream
 * of its own, so that the rest of an employee's plan is the same with or without it.
 */
export function separationFactsFor(
  seed: number,
  employeeId: string,
  reason: SeparationReason,
  lastWorkingDay: IsoDate,
  openedOn: IsoDate,
): SeparationFacts {
  const rng = Random.for(seed, 'separation-facts', employeeId);
  // Notice is given by the time the case is opened at the latest: HR opens the case on receiving it.
  const noticeGivenOn = earliest(addDays(lastWorkingDay, -30), openedOn);
  switch (reason) {
    case 'mutual_agreement':
      return { proposedBy: rng.chance(0.75) ? 'employer' : 'employee' };
    case 'contract_expiry':
      return {
        renewalOffer: rng.weighted([
          ['none', 6],
          ['same_or_better_refused', 3],
          ['lower_refused', 1],
        ] as const),
      };
    case 'resignation':
      return { noticeGivenOn, inProbation: false };
    case 'dismissal':
      return rng.chance(0.7) ? { noticeGivenOn, inProbation: false } : {};
    case 'retirement':
      return {};
  }
}
