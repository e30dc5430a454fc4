import { SeparationReason } from '../shared/vocabulary';

/**
 * Unemployment benefit (失业保险金), Social Insurance Law (SIL) arts 45 and 46.
 *
 * Art. 45 needs (1) at least one year (满一年: 12 months, inclusive) of unemployment
 * contributions before the job loss, (2) a separation not of the employee's own
 * will (非因本人意愿中断就业), (3) registration as unemployed and seeking work. We
 * decide (1) and (2) from the record; (3) is the person's to do and is only named.
 *
 * Art. 46: cumulative contributions of 1 to under 5 years give at most 12 months of
 * benefit, 5 to under 10 years 18, 10 years and more 24. After a re-employment the
 * count restarts and unused months carry over (at most 24 in all); earlier benefit
 * claims are not in this ledger, so maxMonths is what this account gives.
 *
 * Which separations are involuntary: MoHRSS Order 13 (2011, 实施〈社会保险法〉若干规定)
 * art. 13 lists them. Our reason codes do not record everything it asks, so each
 * reason's decision and its doubt are written down below and shown in `why`.
 */
export interface UnemploymentBenefit {
  /** The reason evaluated; null when there is no case and none was given. */
  separationReason: SeparationReason | null;
  eligible: boolean;
  /** Cumulative unemployment-insurance contribution months counted. */
  contributionMonths: number;
  /** Months of benefit at most; 0 when not eligible. */
  maxMonths: number;
  why: string;
}

const MIN_CONTRIBUTION_MONTHS = 12;

const REASONS: Record<SeparationReason, { involuntary: boolean; basis: string }> = {
  dismissal: {
    involuntary: true,
    basis: 'a dismissal by the employer is involuntary (Order 13 art. 13(2), (4): LCL arts 39-41)',
  },
  // Decision: eligible. Order 13 art. 13(1) counts every expiry under LCL art. 44(1).
  contract_expiry: {
    involuntary: true,
    basis:
      'a contract expiry is involuntary (Order 13 art. 13(1): LCL art. 44(1)); some bureaus refuse it when the employee declined a renewal on the same or better terms (cf. LCL art. 46(5)), which the reason code does not record',
  },
  // Decision: eligible, as the code is used for separations the employer negotiates; the doubt is shown.
  mutual_agreement: {
    involuntary: true,
    basis:
      'a mutual agreement is involuntary only when the employer proposed it (Order 13 art. 13(3): LCL art. 36); the reason code does not record who proposed it',
  },
  resignation: {
    involuntary: false,
    basis:
      'a resignation is of the employee\'s own will (LCL art. 37); one for the employer\'s fault (LCL art. 38) would count (Order 13 art. 13(5)) but the reason code does not tell them apart',
  },
  // Retirement ends the benefit (SIL art. 51(3)): the pension replaces it.
  retirement: {
    involuntary: false,
    basis: 'a retirement is not a job loss: the basic pension takes the place of the benefit (SIL art. 51(3))',
  },
};

/** SIL art. 46: maximum benefit months by cumulative contribution months; 0 below one year. */
export function maxBenefitMonths(contributionMonths: number): number {
  if (contributionMonths < MIN_CONTRIBUTION_MONTHS) return 0;
  if (contributionMonths < 60) return 12;
  if (contributionMonths < 120) return 18;
  return 24;
}

export function unemploymentBenefit(separationReason: SeparationReason | null, contributionMonths: number): UnemploymentBenefit {
  const enoughMonths = contributionMonths >= MIN_CONTRIBUTION_MONTHS;
  const reason = separationReason ? REASONS[separationReason] : null;
  const eligible = enoughMonths && Boolean(reason?.involuntary);
  const maxMonths = eligible ? maxBenefitMonths(contributionMonths) : 0;
  const months = `${contributionMonths} month${contributionMonths === 1 ? '' : 's'} of unemployment-insurance contributions`;
  const why = [
    `SIL art. 45(1): ${months}, ${enoughMonths ? 'at least' : 'fewer than'} ${MIN_CONTRIBUTION_MONTHS}.`,
    reason
      ? `SIL art. 45(2): ${reason.basis}.`
      : 'SIL art. 45(2): no separation to judge (no offboarding case and no separationReason given).',
    eligible
      ? `SIL art. 46: at most ${maxMonths} months of benefit. Registration as unemployed and seeking work (art. 45(3)) remain for the employee to do.`
      : 'Not eligible.',
  ].join(' ');
  return { separationReason, eligible, contributionMonths, maxMonths, why };
}
