import { Proposer, RenewalOffer } from '../offboarding/separation-facts';
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
 * art. 13 lists them (text quoted at
 * https://juke.outofmemory.cn/life/1120815.html and
 * http://shebao.southmoney.com/shiye/lingqu/202401/501277_2.html):
 * (1) termination under LCL art. 44(1), (4), (5); (2) the employer's dismissal under
 * arts. 39-41; (3) the employer proposing a mutual agreement under art. 36;
 * (4) the employer ending an appointment contract or dismissing; (5) the employee's
 * art. 38 resignation; (6) others set by law. Each reason's decision and its doubt
 * are written down below and shown in `why`; where the decision needs a fact of
 * the case that is not recorded, `eligible` is null rather than a guess.
 */
export interface UnemploymentBenefit {
  /** The reason evaluated; null when there is no case and none was given. */
  separationReason: SeparationReason | null;
  /** null: the year of contributions is there but the case does not record what decides art. 45(2) (who proposed a mutual agreement). */
  eligible: boolean | null;
  /** Cumulative unemployment-insurance contribution months counted. */
  contributionMonths: number;
  /** Months of benefit at most; 0 when not eligible; null when eligibility is not decided. */
  maxMonths: number | null;
  why: string;
}

const MIN_CONTRIBUTION_MONTHS = 12;

const REASONS: Record<SeparationReason, { involuntary: boolean | null; basis: string }> = {
  dismissal: {
    involuntary: true,
    basis: 'a dismissal by the employer is involuntary (Order 13 art. 13(2), (4): LCL arts 39-41)',
  },
  // Decision: eligible, whatever the renewal offer (see involuntariness below).
  contract_expiry: {
    involuntary: true,
    basis: 'a contract expiry is involuntary (Order 13 art. 13(1): LCL art. 44(1))',
  },
  // Without the case's proposedBy this entry is not used: see involuntariness below.
  mutual_agreement: {
    involuntary: true,
    basis: 'a mutual agreement proposed by the employer is involuntary (Order 13 art. 13(3): LCL art. 36)',
  },
  resignation: {
    involuntary: false,
    basis:
      "a resignation is of the employee's own will (LCL art. 37); one for the employer's fault (LCL art. 38) would count (Order 13 art. 13(5)) but the reason code does not tell them apart",
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

/** The facts of the case art. 45(2) turns on (src/domain/offboarding/separation-facts.ts). */
export interface SeparationFactsForBenefit {
  proposedBy?: Proposer | null;
  renewalOffer?: RenewalOffer | null;
}

/**
 * Art. 45(2) for the reason and the case's facts; `involuntary: null` when a fact
 * that decides it is not recorded.
 *
 * Mutual agreement: Order 13 art. 13(3) names only the one the employer proposed;
 * one the employee proposed is of their own will. Unrecorded: not decided.
 *
 * Contract expiry: decided involuntary whatever the renewal offer. Order 13
 * art. 13(1) counts every termination under LCL art. 44(1), and the earlier
 * 失业保险金申领发放办法 (2000) art. 4(1) every 终止劳动合同 (quoted at
 * https://kuzhishe.com/jingyan/gvdx09.html), neither with an exception for a
 * refused renewal; the exception of LCL art. 46(5) is about compensation, not the
 * benefit. Some bureaus and Q&A pages (secondary, e.g.
 * http://shebao.southmoney.com/shiye/202106/131775.html) hold that refusing a
 * renewal is the employee's own will: shown in `why` for a same-or-better offer
 * refused, so HR can warn the employee, without turning the statute's answer
 * into a refusal.
 */
function involuntariness(
  separationReason: SeparationReason,
  facts: SeparationFactsForBenefit,
): { involuntary: boolean | null; basis: string } {
  if (separationReason === 'mutual_agreement') {
    if (facts.proposedBy === 'employer') return REASONS.mutual_agreement;
    if (facts.proposedBy === 'employee') {
      return {
        involuntary: false,
        basis:
          "a mutual agreement the employee proposed is of the employee's own will (Order 13 art. 13(3) names only the employer's proposal)",
      };
    }
    return {
      involuntary: null,
      basis:
        'a mutual agreement is involuntary only when the employer proposed it (Order 13 art. 13(3): LCL art. 36); the case does not record who proposed it: record proposedBy (employer or employee) on the offboarding case',
    };
  }
  if (separationReason === 'contract_expiry' && facts.renewalOffer === 'same_or_better_refused') {
    return {
      involuntary: true,
      basis: `${REASONS.contract_expiry.basis}, with no exception for a refused renewal; the employee refused a renewal on the same or better terms, which some bureaus treat as the employee's own will: the bureau may refuse`,
    };
  }
  return REASONS[separationReason];
}

export function unemploymentBenefit(
  separationReason: SeparationReason | null,
  contributionMonths: number,
  facts: SeparationFactsForBenefit = {},
): UnemploymentBenefit {
  const enoughMonths = contributionMonths >= MIN_CONTRIBUTION_MONTHS;
  const reason = separationReason ? involuntariness(separationReason, facts) : null;
  // Too few months refuse it whatever the separation; enough months with an undecided separation decide nothing.
  const eligible = !enoughMonths || !reason ? false : reason.involuntary;
  const maxMonths = eligible === null ? null : eligible ? maxBenefitMonths(contributionMonths) : 0;
  const months = `${contributionMonths} month${contributionMonths === 1 ? '' : 's'} of unemployment-insurance contributions`;
  const why = [
    `SIL art. 45(1): ${months}, ${enoughMonths ? 'at least' : 'fewer than'} ${MIN_CONTRIBUTION_MONTHS}.`,
    reason
      ? `SIL art. 45(2): ${reason.basis}.`
      : 'SIL art. 45(2): no separation to judge (no offboarding case and no separationReason given).',
    eligible === null
      ? `Not decided: if the separation is involuntary, at most ${maxBenefitMonths(contributionMonths)} months of benefit (SIL art. 46).`
      : eligible
        ? `SIL art. 46: at most ${maxMonths} months of benefit. Registration as unemployed and seeking work (art. 45(3)) remain for the employee to do.`
        : 'Not eligible.',
  ].join(' ');
  return { separationReason, eligible, contributionMonths, maxMonths, why };
}
