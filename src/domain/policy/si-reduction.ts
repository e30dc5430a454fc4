import { DomainError } from '../decider';
import { addDays, addMonths, dayInMonth, dayOfMonth, earliest, IsoDate, IsoMonth, monthOf, monthsBetween } from '../shared/calendar';
import { RegionalParameters, SiReductionRule } from './policy';

/**
 * The SI reduction (社保减员 / 转出) and the last month the leaving employer pays
 * (最后待缴月份). docs/LAW.md §1.5: the cities' rules are secondary sources that
 * conflict, so they are policy parameters with an effective date; this module
 * only reads them. For a filing made on day d of month M:
 *
 * - `monthly_cutoff`, `same_month`: a filing on or before the cut-off day takes the
 *   person off month M's roster, so the last paid month is M-1; a later filing
 *   waits for the next roster, so M is still paid (the common 1st–15th rule).
 * - `monthly_cutoff`, `next_month`: a filing on or before the cut-off day takes
 *   effect from M+1 (last paid M); a later one from M+2 (last paid M+1).
 * - `no_cutoff` (Shenzhen since 2024-07-01): the leaving employer pays the month of
 *   the last working day and contributions stop with the leaving, whenever filed.
 *
 * A cut-off day past the end of a month means its last day (31 in February is the
 * 28th or 29th). The filing date decides which rule is in force.
 */

/**
 * LCL art. 50 (用人单位应当……在十五日内为劳动者办理档案和社会保险关系转移手续,
 * https://wechat.estsglobal.com/wechat/law_contents/255): 十五日 are calendar days,
 * counted from the day after the termination (Civil Code art. 201, 开始的当日不计入,
 * https://en.91xjr.com/article/practice/desc-63697.html). SIL art. 50 sets the same
 * 15 days for the list of unemployed persons (http://uianet.net/dictionary/b8469431.html).
 */
export const STATUTORY_TRANSFER_DAYS = 15;

export interface TransferOutNotice {
  /** The last month the leaving employer contributes for (最后待缴月份), as predicted for the filing date. */
  lastContributionMonth: IsoMonth;
  /** The last day to file so that the leaving month is the last one paid and the 15-day limit is met. */
  fileBy: IsoDate;
  /** Bilingual, no personal data. */
  warnings: string[];
}

/** The entry with the latest `effectiveFrom` on or before `date`; undefined before the first. */
export function parameterInForce<T extends { effectiveFrom: IsoDate }>(list: readonly T[], date: IsoDate): T | undefined {
  return list.reduce<T | undefined>(
    (found, entry) => (entry.effectiveFrom <= date && (!found || entry.effectiveFrom > found.effectiveFrom) ? entry : found),
    undefined,
  );
}

export function lastContributionMonth(rule: SiReductionRule, lastWorkingDay: IsoDate, filingDate: IsoDate): IsoMonth {
  if (rule.kind === 'no_cutoff') return monthOf(lastWorkingDay);
  const late = dayOfMonth(filingDate) > rule.cutoffDay ? 1 : 0;
  const deferred = rule.effect === 'next_month' ? 1 : 0;
  return addMonths(monthOf(filingDate), late + deferred - 1);
}

/**
 * The last filing day that keeps the month of the last working day as the last
 * paid one (no extra month), capped by the statutory 15 days. Without a cut-off
 * (or without a rule in force) only the statutory limit applies.
 */
export function fileBy(lastWorkingDay: IsoDate, rule: SiReductionRule | undefined): IsoDate {
  const statutory = addDays(lastWorkingDay, STATUTORY_TRANSFER_DAYS);
  if (!rule || rule.kind === 'no_cutoff') return statutory;
  const leavingMonth = monthOf(lastWorkingDay);
  const cutoffMonth = rule.effect === 'same_month' ? addMonths(leavingMonth, 1) : leavingMonth;
  return earliest(dayInMonth(cutoffMonth, rule.cutoffDay), statutory);
}

/** The first filing day that does not leave the leaving month unpaid (only a cut-off can cause that). */
function firstFilingWithoutGap(leavingMonth: IsoMonth, rule: SiReductionRule & { kind: 'monthly_cutoff' }): IsoDate {
  const cutoffMonth = rule.effect === 'same_month' ? leavingMonth : addMonths(leavingMonth, -1);
  return addDays(dayInMonth(cutoffMonth, rule.cutoffDay), 1);
}

export function transferOutNotice(input: {
  lastWorkingDay: IsoDate;
  filingDate: IsoDate;
  parameters: RegionalParameters;
}): TransferOutNotice {
  const { lastWorkingDay, filingDate } = input;
  const rule = parameterInForce(input.parameters.siReduction, filingDate)?.rule;
  if (!rule) {
    throw new DomainError(
      'NO_SI_REDUCTION_RULE',
      `${filingDate} 无适用的减员规则，请管理员在政策中补充 / No SI reduction rule is in force on ${filingDate}; an administrator must add one to the policy.`,
      { filingDate },
    );
  }
  const last = lastContributionMonth(rule, lastWorkingDay, filingDate);
  const leavingMonth = monthOf(lastWorkingDay);
  const unpaid = monthsBetween(last, leavingMonth);
  const warnings: string[] = [];
  if (unpaid > 0 && rule.kind === 'monthly_cutoff') {
    const safe = firstFilingWithoutGap(leavingMonth, rule);
    warnings.push(
      `预计最后缴费月份 ${last} 早于最后工作日所在月份 ${leavingMonth}，将断缴 ${unpaid} 个月；请于 ${safe} 或之后申报减员。` +
        `Predicted last paid month ${last} is before the month of the last working day (${leavingMonth}): ${unpaid} month(s) without contributions (断缴). File the reduction on or after ${safe}.`,
    );
  }
  if (unpaid < 0) {
    warnings.push(
      `单位将多缴 ${-unpaid} 个月（至 ${last}），期间新单位无法增员。` +
        `The employer pays ${-unpaid} month(s) beyond the leaving month (through ${last}); a new employer cannot enrol the person until then.`,
    );
  }
  const statutory = addDays(lastWorkingDay, STATUTORY_TRANSFER_DAYS);
  if (filingDate > statutory) {
    warnings.push(
      `晚于劳动合同法第五十条规定的十五日期限（${statutory}）。Filed after the 15-day limit of Labour Contract Law art. 50 (${statutory}).`,
    );
  }
  return { lastContributionMonth: last, fileBy: fileBy(lastWorkingDay, rule), warnings };
}

/**
 * The gap a transfer-out notice predicts: months from its last contribution month to the month of
 * the last working day. Positive: months left without contributions (断缴); negative: months the
 * leaving employer pays beyond the leaving month; 0: neither.
 */
export const predictedGapMonths = (lastWorkingDay: IsoDate, notice: Pick<TransferOutNotice, 'lastContributionMonth'>): number =>
  monthsBetween(notice.lastContributionMonth, monthOf(lastWorkingDay));
