import { DomainError } from '../decider';
import { addDays, IsoDate, isIsoDate } from '../shared/calendar';
import { SeparationReason } from '../shared/vocabulary';

/**
 * What the reason code alone does not say about a separation, recorded when the
 * case opens (POST /api/offboarding) because the law turns on it:
 *
 * - `proposedBy`, for a mutual agreement: economic compensation is owed only when
 *   the employer proposed it (LCL art. 46(2) with art. 36), and only then is the
 *   job loss involuntary for the unemployment benefit (MoHRSS Order 13 art. 13(3)).
 * - `renewalOffer`, for a contract expiry: nothing is owed when the employer
 *   offered to renew on the same or better terms and the employee refused
 *   (art. 46(5)).
 * - `noticeGivenOn` and `inProbation`, for a resignation (the employee's notice,
 *   art. 37) or a dismissal (the employer's notice under art. 40).
 *
 * Every fact is optional: a case opened before they were recorded, or without
 * them, reads them as unknown, and the answers that depend on them say so
 * instead of guessing.
 */

export const PROPOSERS = ['employer', 'employee'] as const;
export type Proposer = (typeof PROPOSERS)[number];

/**
 * At a fixed-term contract's expiry: `none`, the employer offered no renewal;
 * `same_or_better_refused`, it offered to renew keeping or improving the
 * contract's terms (维持或者提高劳动合同约定条件) and the employee refused;
 * `lower_refused`, it offered worse terms and the employee refused.
 */
export const RENEWAL_OFFERS = ['none', 'same_or_better_refused', 'lower_refused'] as const;
export type RenewalOffer = (typeof RENEWAL_OFFERS)[number];

export interface SeparationFacts {
  proposedBy?: Proposer;
  renewalOffer?: RenewalOffer;
  /** The day written notice was given: by the employee for a resignation, by the employer for a dismissal. */
  noticeGivenOn?: IsoDate;
  inProbation?: boolean;
}

/** Which reasons each fact belongs to; given for another reason it is a mistake in the request, not a fact to keep. */
const APPLIES_TO: Record<keyof SeparationFacts, SeparationReason[]> = {
  proposedBy: ['mutual_agreement'],
  renewalOffer: ['contract_expiry'],
  noticeGivenOn: ['resignation', 'dismissal'],
  inProbation: ['resignation', 'dismissal'],
};

const FACT_KEYS = Object.keys(APPLIES_TO) as Array<keyof SeparationFacts>;

/** The facts present on an object (an event's data, a case state, a DTO), and no other field. */
export function separationFactsOf(source: SeparationFacts): SeparationFacts {
  const facts: Record<string, unknown> = {};
  for (const key of FACT_KEYS) if (source[key] !== undefined) facts[key] = source[key];
  return facts as SeparationFacts;
}

/**
 * Refuses a fact that does not belong to the reason (a `proposedBy` on a
 * dismissal says the reason code or the fact is wrong: either would mislead the
 * severance and benefit answers), a value outside its list, and a notice dated
 * after the last working day (notice is given before one leaves). Answers the
 * facts to record.
 */
export function checkSeparationFacts(reason: SeparationReason, lastWorkingDay: IsoDate, given: SeparationFacts): SeparationFacts {
  const facts = separationFactsOf(given);
  for (const key of FACT_KEYS) {
    if (facts[key] === undefined || APPLIES_TO[key].includes(reason)) continue;
    const reasons = APPLIES_TO[key].join(', ');
    throw invalid(
      key,
      `${key} 只适用于离职原因 ${reasons}，本案件为 ${reason} / ${key} applies only to the reason(s) ${reasons}; this case is ${reason}.`,
    );
  }
  if (facts.proposedBy !== undefined && !PROPOSERS.includes(facts.proposedBy))
    throw invalid('proposedBy', `proposedBy 须为 ${PROPOSERS.join(', ')} 之一 / proposedBy must be one of ${PROPOSERS.join(', ')}.`);
  if (facts.renewalOffer !== undefined && !RENEWAL_OFFERS.includes(facts.renewalOffer)) {
    throw invalid(
      'renewalOffer',
      `renewalOffer 须为 ${RENEWAL_OFFERS.join(', ')} 之一 / renewalOffer must be one of ${RENEWAL_OFFERS.join(', ')}.`,
    );
  }
  if (facts.inProbation !== undefined && typeof facts.inProbation !== 'boolean')
    throw invalid('inProbation', 'inProbation 须为 true 或 false / inProbation must be true or false.');
  if (facts.noticeGivenOn !== undefined) {
    if (!isIsoDate(facts.noticeGivenOn))
      throw invalid('noticeGivenOn', 'noticeGivenOn 不是有效日期 / noticeGivenOn is not a real date (YYYY-MM-DD).');
    if (facts.noticeGivenOn > lastWorkingDay) {
      throw invalid(
        'noticeGivenOn',
        `通知日期 ${facts.noticeGivenOn} 晚于最后工作日 ${lastWorkingDay} / The notice date ${facts.noticeGivenOn} is after the last working day ${lastWorkingDay}.`,
      );
    }
  }
  return facts;
}

const invalid = (field: keyof SeparationFacts, message: string) => new DomainError('INVALID_SEPARATION_FACT', message, { field });

// ---------------------------------------------------------------- notice

/** LCL art. 37: thirty days' written notice; three days during probation. Art. 40: thirty days. */
export const NOTICE_DAYS = 30;
export const PROBATION_NOTICE_DAYS = 3;

export interface NoticePeriod {
  givenOn: IsoDate;
  days: number;
  /** The last day of the notice period. */
  ends: IsoDate;
}

/**
 * The notice period the recorded notice starts, or null when none is recorded
 * or the reason has none (a mutual agreement, an expiry or a retirement).
 *
 * Counting: Civil Code art. 201 (statute text, e.g.
 * https://en.91xjr.com/article/practice/desc-63697.html): a period in days does
 * not count the day it starts and runs from the next day, so the period of
 * `days` days given on D ends on D + days (30 days given 2024-06-01 run
 * 06-02..07-01), as `days_after_termination` in policy/due-dates.ts counts.
 * Art. 203 (a period whose last day is a statutory holiday ends the day after)
 * is not applied: nothing has to be done on a notice period's last day, the
 * relationship just continues through it, and there is no holiday calendar here.
 *
 * Probation shortens only the employee's notice (art. 37); an art. 40 dismissal
 * during probation still takes thirty days. A resignation with `inProbation`
 * unknown is counted as outside probation: the longer period, so the warning
 * errs towards asking HR to look.
 */
export function noticePeriod(reason: SeparationReason, facts: SeparationFacts): NoticePeriod | null {
  const givenOn = facts.noticeGivenOn;
  if (givenOn === undefined) return null;
  let days: number;
  if (reason === 'resignation') days = facts.inProbation === true ? PROBATION_NOTICE_DAYS : NOTICE_DAYS;
  else if (reason === 'dismissal') days = NOTICE_DAYS;
  else return null;
  return { givenOn, days, ends: addDays(givenOn, days) };
}

/**
 * Whether notice ran its whole period by `endDate`, the day the labour relationship
 * ends: true when `endDate` is on or after the period's last day.
 */
export const noticeRanOut = (period: NoticePeriod, endDate: IsoDate): boolean => endDate >= period.ends;

/** The case's warning when the last working day comes before the notice period ends. */
export function noticeWarnings(reason: SeparationReason, lastWorkingDay: IsoDate, period: NoticePeriod | null): string[] {
  if (!period || noticeRanOut(period, lastWorkingDay)) return [];
  const head = `最后工作日 ${lastWorkingDay} 早于通知期届满日 ${period.ends}（${period.givenOn} 通知，${period.days} 日）`;
  const headEn = `The last working day ${lastWorkingDay} is before the notice period ends on ${period.ends} (${period.days} days' notice given ${period.givenOn})`;
  if (reason === 'dismissal') {
    return [
      `${head}：依劳动合同法第四十条，未提前三十日书面通知的，应额外支付一个月工资（代通知金）。 / ${headEn}: under LCL art. 40 the month's wage in lieu of notice (代通知金) is due.`,
    ];
  }
  return [
    `${head}：劳动合同法第三十七条的通知期未满，请确认用人单位同意提前离职并留存书面记录。 / ${headEn}: the notice of LCL art. 37 has not run out; confirm and keep in writing that the employer agreed to the earlier date.`,
  ];
}

/** What the case shows about the separation (GET /api/offboarding/{caseId}, `separation`); null where nothing is recorded. */
export interface SeparationView {
  proposedBy: Proposer | null;
  renewalOffer: RenewalOffer | null;
  noticeGivenOn: IsoDate | null;
  inProbation: boolean | null;
  noticeDays: number | null;
  noticePeriodEnds: IsoDate | null;
  warnings: string[];
}

export function separationView(reason: SeparationReason, lastWorkingDay: IsoDate, facts: SeparationFacts): SeparationView {
  const period = noticePeriod(reason, facts);
  return {
    proposedBy: facts.proposedBy ?? null,
    renewalOffer: facts.renewalOffer ?? null,
    noticeGivenOn: facts.noticeGivenOn ?? null,
    inProbation: facts.inProbation ?? null,
    noticeDays: period?.days ?? null,
    noticePeriodEnds: period?.ends ?? null,
    warnings: noticeWarnings(reason, lastWorkingDay, period),
  };
}

/**
 * For the severance answer: whether the month in lieu of notice (art. 40) is due
 * by the notice the case records for a dismissal ending on `terminationDate`,
 * with the sentence that says why; null when the case records no notice.
 */
export function dismissalNotice(facts: SeparationFacts, terminationDate: IsoDate): { withoutNotice: boolean; basis: string } | null {
  const period = noticePeriod('dismissal', facts);
  if (!period) return null;
  if (noticeRanOut(period, terminationDate)) {
    return {
      withoutNotice: false,
      basis:
        `案件记载 ${period.givenOn} 书面通知，三十日通知期至 ${period.ends} 届满，不晚于终止日 ${terminationDate}：不支付代通知金（第四十条；民法典第二百零一条）。` +
        ` / The case records written notice on ${period.givenOn}; the 30 days run to ${period.ends}, not after the termination date ${terminationDate}: no month in lieu of notice (art. 40; Civil Code art. 201).`,
    };
  }
  return {
    withoutNotice: true,
    basis:
      `案件记载 ${period.givenOn} 书面通知，三十日通知期至 ${period.ends} 届满，晚于终止日 ${terminationDate}：未提前三十日通知，应支付代通知金（第四十条；民法典第二百零一条）。` +
      ` / The case records written notice on ${period.givenOn}; the 30 days run to ${period.ends}, after the termination date ${terminationDate}: less than 30 days' notice, so the month in lieu of notice is due (art. 40; Civil Code art. 201).`,
  };
}
