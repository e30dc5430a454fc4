import { DomainError } from '../decider';
import { IsoDate } from '../shared/calendar';
import { SeparationReason } from '../shared/vocabulary';
import { EntitlementFacts, entitlementFor } from './entitlement';
import { fen, roundedYuan, yuanText } from './money';
import { AverageWageFigure, missingBounds, PlausibleAverage, staleBounds, YearNeeded } from './regional-average';
import { compensationYears, servicePeriod } from './service-period';

/**
 * Economic compensation (经济补偿, LCL art. 47), the month in lieu of notice
 * (art. 40) and damages for unlawful termination (art. 87), as docs/LAW.md §1.1–1.2
 * state them. Pure: every figure comes in, and every rule applied goes out in
 * `basis`, so that an investigator can redo the sum by hand.
 */

export interface SourcedAmount {
  amount: number;
  effectiveFrom: IsoDate;
  source: string;
}

export interface SeveranceInput {
  hireDate: IsoDate;
  terminationDate: IsoDate;
  reason: SeparationReason;
  /** W: the average monthly wage of the 12 months before termination, or of the months worked if fewer (art. 47 para. 3, Regs art. 27). */
  averageMonthlyWage: number;
  /** The previous month's wage, the size of the month in lieu of notice (Regs art. 20). */
  previousMonthWage: number;
  /**
   * Y: the newest regional average monthly wage public on the termination date for the year needed or an
   * earlier one (regional-average.ts `averageWageInForce`); null when the policy has none. When its year is
   * older than the one needed it is stale: the cap is decided from the interval the true Y can lie in.
   */
  regionalAverageMonthlyWage: AverageWageFigure | null;
  /** The year of average the cap needs on the termination date (art. 47 para. 2: the year before the termination year), and why. */
  regionalAverageYearNeeded: YearNeeded;
  /** The region's minimum monthly wage in force on the termination date; null when the policy has none. */
  minimumMonthlyWage: SourcedAmount | null;
  withoutNotice: boolean;
  unlawful: boolean;
  /** Mutual agreement: who proposed it; expiry: the renewal offer (art. 46(2), (5)). Absent or null: not recorded, left to a person. */
  proposedBy?: EntitlementFacts['proposedBy'];
  renewalOffer?: EntitlementFacts['renewalOffer'];
}

export interface Severance {
  serviceMonths: number;
  /**
   * N after the 12-year cap; 0 when nothing is owed; null when pre-2008 service, unrecorded facts of a mutual
   * agreement or an expiry, or a stale or missing regional average that decides the 12-year limit leave it to a person.
   */
  compensationMonths: number | null;
  /** The monthly wage the compensation is paid at; null when a stale or missing regional average decides it. */
  monthlyWageUsed: number | null;
  /** The cap (art. 47 para. 2) applies: certain from the figure, or from every plausible value of a stale one. */
  capApplied: boolean;
  /** N × monthly wage (the art. 47 standard), before doubling; null where `amount` is. */
  economicCompensation: number | null;
  inLieuOfNotice: number;
  /** The total payable; null when a person must decide (pre-2008 service, unrecorded art. 46 facts, or a stale or missing regional average that decides it). */
  amount: number | null;
  manualReview: boolean;
  reviewReasons: string[];
  inputs: SeveranceInput;
  basis: string[];
}

/** LCL art. 97 para. 3: service before the law took effect is compensated under the rules of its time. */
const LCL_IN_FORCE: IsoDate = '2008-01-01';
/** Art. 47 para. 2: the cap sets in above this multiple of the regional average and limits the years to this many. */
const CAP_MULTIPLE = 3;
const CAP_YEARS = 12;

interface Notes {
  basis: string[];
  review: string[];
}

export function calculateSeverance(input: SeveranceInput): Severance {
  const { hireDate, terminationDate } = input;
  if (terminationDate < hireDate) {
    throw new DomainError('INVALID_DATE', `terminationDate (${terminationDate}) is before the hire date (${hireDate}).`, {
      field: 'terminationDate',
      hireDate,
    });
  }
  const notes: Notes = { basis: [], review: [] };
  const { months, extraDays } = servicePeriod(hireDate, terminationDate);
  notes.basis.push(
    `服务期间 ${hireDate} 至 ${terminationDate}（首尾两日均计入）共 ${months} 个整月，另 ${extraDays} 日不计。` +
      ` / Service from ${hireDate} through ${terminationDate}, both days counted: ${months} whole months; the ${extraDays} further day(s) are not counted (whole months only, LAW.md §1.1 decision).`,
  );
  const pre2008 = hireDate < LCL_IN_FORCE;
  if (pre2008) {
    flag(
      notes,
      `劳动合同法第九十七条第三款：${LCL_IN_FORCE} 前的工作年限按当时有关规定计算；服务始于 ${hireDate}，须人工复核，不予计算。` +
        ` / LCL art. 97 para. 3: service before ${LCL_IN_FORCE} is compensated under the rules of its time; service starts ${hireDate}: left to manual review, not computed.`,
    );
  }
  const { base, capApplied, yearsLimited } = wageBase(input, notes);
  const years = cappedYears(months, yearsLimited, notes);
  // Art. 87 concerns a termination by the employer; a resignation is the employee's act.
  const damages = input.unlawful && input.reason !== 'resignation';
  const owed = damages ? unlawfulTermination(notes) : entitlement(input, notes);

  // owed === null: the facts that decide art. 46 are not recorded (entitlementFor).
  const compensationMonths = pre2008 || owed === null ? null : owed ? years : 0;
  // Nothing owed is 0 whatever the wage; an owed amount needs both N and the wage.
  const compensation = compensationMonths === 0 ? 0 : compensationMonths === null || base === null ? null : compensationMonths * base;
  if (compensation !== null && base !== null && owed) {
    notes.basis.push(
      `经济补偿标准 = ${compensationMonths} × ${yuanText(base)} = ${yuanText(compensation)} / Art. 47 amount = ${compensationMonths} × ${yuanText(base)} = ${yuanText(compensation)}.`,
    );
  }
  if (compensation !== null && damages) {
    notes.basis.push(
      `赔偿金 = 2 × ${yuanText(compensation)} = ${yuanText(2 * compensation)} / Damages = 2 × ${yuanText(compensation)} = ${yuanText(2 * compensation)}.`,
    );
  }
  const notice = noticePay(input, damages, notes);
  const total = compensation === null ? null : (damages ? 2 * compensation : compensation) + notice;
  if (total !== null) {
    notes.basis.push(
      `合计 ${yuanText(total)}，以元计，仅在最后四舍五入到分：${roundedYuan(total).toFixed(2)}。` +
        ` / Total ${yuanText(total)} yuan, rounded half up to the fen only at the end: ${roundedYuan(total).toFixed(2)}.`,
    );
  }
  return {
    serviceMonths: months,
    compensationMonths,
    monthlyWageUsed: base === null ? null : base / 100,
    capApplied,
    economicCompensation: compensation === null ? null : roundedYuan(compensation),
    inLieuOfNotice: notice / 100,
    amount: total === null ? null : roundedYuan(total),
    manualReview: notes.review.length > 0,
    reviewReasons: notes.review,
    inputs: input,
    basis: notes.basis,
  };
}

function flag(notes: Notes, reason: string): void {
  notes.review.push(reason);
  notes.basis.push(reason);
}

/**
 * The monthly wage the compensation is paid at, in fen: W, capped at 3Y above 3Y (art. 47 para. 2), never below
 * the minimum wage (Regs art. 27). `base` is null when a stale or missing Y leaves the cap undecided;
 * `yearsLimited` says whether the 12-year limit applies, null when that is undecided too.
 */
function wageBase(input: SeveranceInput, notes: Notes): { base: number | null; capApplied: boolean; yearsLimited: boolean | null } {
  const wage = fen(input.averageMonthlyWage);
  notes.basis.push(
    `月工资为解除或者终止前十二个月的平均工资，不满十二个月的按实际工作月数计算（劳动合同法第四十七条第三款、劳动合同法实施条例第二十七条）：${yuanText(wage)}。` +
      ` / Monthly wage: the average of the 12 months before termination, or of the months worked if fewer (LCL art. 47 para. 3; Implementing Regulations (Regs) art. 27): ${yuanText(wage)}.`,
  );
  const cap = capDecision(input, wage, notes);
  let base = cap.base;
  const minimum = input.minimumMonthlyWage;
  if (!minimum) {
    flag(
      notes,
      `${input.terminationDate} 无适用的当地最低工资标准，无法核对实施条例第二十七条的下限。` +
        ` / No minimum wage is in force on ${input.terminationDate}: the Regs art. 27 floor cannot be checked.`,
    );
  } else if (base === null) {
    // Only a wage above three times a plausible average gets here: far above any minimum wage.
  } else if (base < fen(minimum.amount)) {
    base = fen(minimum.amount);
    notes.basis.push(
      `低于当地最低工资标准 ${yuanText(base)}（自 ${minimum.effectiveFrom} 起），按最低工资标准计算（实施条例第二十七条）。` +
        ` / Below the local minimum wage of ${yuanText(base)} (in force from ${minimum.effectiveFrom}): the minimum wage is used (Regs art. 27).`,
    );
  } else {
    notes.basis.push(
      `不低于当地最低工资标准 ${yuanText(fen(minimum.amount))}（实施条例第二十七条）。 / Not below the local minimum wage of ${yuanText(fen(minimum.amount))} (Regs art. 27).`,
    );
  }
  return { base, capApplied: cap.capApplied, yearsLimited: cap.yearsLimited };
}

/** Art. 47 para. 2 with the figure of the year needed; with a stale or missing one, from the interval the true Y can lie in (regional-average.ts). */
function capDecision(
  input: SeveranceInput,
  wage: number,
  notes: Notes,
): { base: number | null; capApplied: boolean; yearsLimited: boolean | null } {
  const { regionalAverageMonthlyWage: figure, regionalAverageYearNeeded: needed, terminationDate } = input;
  notes.basis.push(yearNeededLine(needed, terminationDate));
  if (figure && figure.year === needed.year) {
    const threshold = CAP_MULTIPLE * fen(figure.amount);
    const of = `本地区上年度（${figure.year} 年）职工月平均工资 ${yuanText(fen(figure.amount))} 的三倍 ${yuanText(threshold)}`;
    const ofEn = `three times the regional average monthly wage of ${figure.year} (${yuanText(fen(figure.amount))}, public from ${figure.effectiveFrom}), ${yuanText(threshold)}`;
    if (wage > threshold) {
      notes.basis.push(
        `${yuanText(wage)} 高于${of}：按 ${yuanText(threshold)} 计算，年限最高不超过十二年（第四十七条第二款）。` +
          ` / ${yuanText(wage)} is above ${ofEn}: the wage is capped at ${yuanText(threshold)} and the years at 12 (art. 47 para. 2).`,
      );
      return { base: threshold, capApplied: true, yearsLimited: true };
    }
    notes.basis.push(
      `${yuanText(wage)} 不高于${of}，不封顶；“高于”与民法典第一千二百五十九条之“超过”同，不包括本数，十二年上限只适用于高于该数者。` +
        ` / ${yuanText(wage)} is not above ${ofEn}: no cap. “Above” (高于) excludes the number itself, as 超过 does under Civil Code art. 1259; the 12-year limit applies only above it.`,
    );
    return { base: wage, capApplied: false, yearsLimited: false };
  }

  // Stale (older than needed) or missing. A figure newer than needed cannot stand for an earlier year: treated as missing.
  const stale = figure && figure.year < needed.year ? figure : null;
  const bounds: PlausibleAverage = stale
    ? staleBounds(stale, needed.year - stale.year)
    : missingBounds(input.minimumMonthlyWage?.amount ?? null);
  const [what, whatEn] = stale
    ? [
        `须适用 ${needed.year} 年度本地区职工月平均工资，政策中 ${terminationDate} 已公布的最新数据为 ${stale.year} 年度（${yuanText(fen(stale.amount))}，自 ${stale.effectiveFrom} 起），已过时 ${needed.year - stale.year} 年；按每年最多下降 5%、上升 15% 推算，${needed.year} 年度数据可能在 ${yuanText(bounds.low!)} 至 ${yuanText(bounds.high!)} 之间。`,
        `The cap needs the ${needed.year} regional average monthly wage; the newest the policy has public on ${terminationDate} is of ${stale.year} (${yuanText(fen(stale.amount))}, from ${stale.effectiveFrom}), ${needed.year - stale.year} year(s) too old; at most 5% down or 15% up a year, the ${needed.year} figure lies between ${yuanText(bounds.low!)} and ${yuanText(bounds.high!)}.`,
      ]
    : [
        `须适用 ${needed.year} 年度本地区职工月平均工资，政策中 ${terminationDate} 无可用数据${figure ? `（仅有较新的 ${figure.year} 年度数据，不能代替）` : ''}；` +
          (bounds.low === null ? '亦无最低工资标准可推算其下限。' : `按不低于当地最低工资标准三倍推算，其不低于 ${yuanText(bounds.low)}。`),
        `The cap needs the ${needed.year} regional average monthly wage; the policy has none public on ${terminationDate}${figure ? ` (only the newer ${figure.year} figure, which cannot stand for it)` : ''}; ` +
          (bounds.low === null
            ? 'nor a minimum wage to bound it from below.'
            : `at no less than three times the minimum wage, it is at least ${yuanText(bounds.low)}.`),
      ];
  if (bounds.low !== null && wage <= CAP_MULTIPLE * bounds.low) {
    flag(
      notes,
      `${what}${yuanText(wage)} 不高于其最低可能值的三倍 ${yuanText(CAP_MULTIPLE * bounds.low)}，不可能封顶：不影响结果，按未封顶计算；请补充数据并复核。` +
        ` / ${whatEn} ${yuanText(wage)} is not above three times its lowest plausible value, ${yuanText(CAP_MULTIPLE * bounds.low)}: the cap cannot apply and the figure does not change the result; computed uncapped. Add the figure and check.`,
    );
    return { base: wage, capApplied: false, yearsLimited: false };
  }
  if (bounds.high !== null && wage > CAP_MULTIPLE * bounds.high) {
    flag(
      notes,
      `${what}${yuanText(wage)} 高于其最高可能值的三倍 ${yuanText(CAP_MULTIPLE * bounds.high)}，必然封顶（年限不超过十二年），但封顶工资 3Y 未知：不计算金额，须人工复核。` +
        ` / ${whatEn} ${yuanText(wage)} is above three times its highest plausible value, ${yuanText(CAP_MULTIPLE * bounds.high)}: the cap applies and the years are limited to 12, but the capped wage (3Y) is unknown: no amount; left to manual review.`,
    );
    return { base: null, capApplied: true, yearsLimited: true };
  }
  flag(
    notes,
    `${what}${yuanText(wage)} 可能高于或不高于该数据的三倍，是否封顶及封顶工资取决于该数据：不计算金额，十二年上限可能改变年限时亦不计算月数，须人工复核。` +
      ` / ${whatEn} ${yuanText(wage)} may or may not be above three times it: whether the cap applies, and at what wage, depends on the figure: no amount, and no number of months where the 12-year limit could change it; left to manual review.`,
  );
  return { base: null, capApplied: false, yearsLimited: null };
}

/** Which year's average the cap takes and why (regional-average.ts). */
function yearNeededLine(needed: YearNeeded, terminationDate: IsoDate): string {
  const year = terminationDate.slice(0, 4);
  if (needed.why === 'prior_year') {
    return (
      `第四十七条第二款之“上年度”为解除或终止之年（${year}）的上一年：需 ${needed.year} 年度本地区职工月平均工资。` +
      ` / Art. 47 para. 2’s “previous year” (上年度) is the year before the termination year (${year}): the ${needed.year} regional average monthly wage is needed.`
    );
  }
  const prior = needed.year + 1;
  const when = needed.publishedFrom
    ? `（政策载明自 ${needed.publishedFrom} 起公布）`
    : `（政策未载，且 ${year} 年 6 月 1 日前各地尚未公布上年度数据）`;
  const whenEn = needed.publishedFrom
    ? ` (public from ${needed.publishedFrom}, the policy says)`
    : ` (the policy has none, and no bureau publishes the previous year’s figure before 1 June)`;
  return (
    `第四十七条第二款之“上年度”为 ${prior} 年，但其数据于 ${terminationDate} 尚未公布${when}：沿用仍在适用的 ${needed.year} 年度数据，如社保等部门在新数据公布前之做法。` +
    ` / Art. 47 para. 2’s “previous year” is ${prior}, but its figure was not yet public on ${terminationDate}${whenEn}: the ${needed.year} figure still in force is used, as bureaus do until the new one is published.`
  );
}

/** N (art. 47 para. 1), limited to 12 for a wage above the cap (para. 2) and only then; null when the limit is undecided and would change N. */
function cappedYears(months: number, limited: boolean | null, notes: Notes): number | null {
  const years = compensationYears(months);
  const whole = Math.floor(months / 12);
  const remainder = months % 12;
  notes.basis.push(
    `劳动合同法第四十七条第一款：每满一年支付一个月工资；六个月以上不满一年的按一年计算（“以上”包括本数，民法典第一千二百五十九条）；不满六个月的支付半个月工资：${whole} 年 ${remainder} 个月 → ${years}。` +
      ` / LCL art. 47 para. 1: one month’s wage per full year; a remainder of six months or more counts as a year (以上 includes six, Civil Code art. 1259), less than six months as half a month: ${whole} years ${remainder} months → ${years}.`,
  );
  if (limited === false || years <= CAP_YEARS) return years;
  if (limited === null) {
    notes.basis.push(
      `${years} 超过十二年，是否限为十二年取决于封顶：月数待定。 / ${years} is more than 12 years: whether 12 are counted depends on the cap: left open.`,
    );
    return null;
  }
  notes.basis.push(
    `${years} 超过十二年，按十二年计算（第四十七条第二款）。 / ${years} is more than 12 years: 12 are counted (art. 47 para. 2).`,
  );
  return CAP_YEARS;
}

/** Whether the reason, with the case's facts, owes art. 47 compensation (art. 46); null when they cannot tell. */
function entitlement(input: SeveranceInput, notes: Notes): boolean | null {
  const { owed, review, basis } = entitlementFor(input.reason, input);
  if (review) flag(notes, review);
  notes.basis.push(basis);
  // Only a resignation gets here with `unlawful`: the caller's flags contradict the reason.
  if (input.unlawful) {
    flag(
      notes,
      '第八十七条的赔偿金针对用人单位违法解除或者终止；辞职是劳动者的行为，不适用，须人工核实。 / Art. 87 damages concern a termination by the employer; a resignation is the employee’s act: not applied; to be checked by a person.',
    );
  }
  return owed;
}

/** Art. 87 damages replace the question whether the reason owes compensation: they are owed at the art. 47 standard. */
function unlawfulTermination(notes: Notes): true {
  notes.basis.push(
    '劳动合同法第八十七条：违法解除或者终止劳动合同的，按第四十七条经济补偿标准的二倍支付赔偿金；实施条例第二十五条：支付赔偿金的，不再支付经济补偿，计算年限自用工之日起计算。' +
      ' / LCL art. 87: an unlawful termination owes damages of twice the art. 47 standard; Regs art. 25: no economic compensation besides, and service counts from the start of employment.',
  );
  return true;
}

/** The month in lieu of notice (代通知金): a lawful art. 40 dismissal without 30 days’ written notice. */
function noticePay(input: SeveranceInput, damages: boolean, notes: Notes): number {
  if (!input.withoutNotice) return 0;
  if (damages) {
    notes.basis.push(
      '代通知金属于依第四十条合法解除，赔偿金之外不另支付。 / The month in lieu of notice belongs to a lawful art. 40 dismissal: not added to art. 87 damages.',
    );
    return 0;
  }
  if (input.reason !== 'dismissal') {
    notes.basis.push(
      '代通知金只适用于依第四十条解除：不支付。 / The month in lieu of notice applies only to a dismissal under art. 40: not added.',
    );
    return 0;
  }
  const month = fen(input.previousMonthWage);
  notes.basis.push(
    `第四十条：未提前三十日以书面形式通知的，额外支付一个月工资；实施条例第二十条：按上一个月的工资标准确定：${yuanText(month)}。` +
      ` / Art. 40: without 30 days’ written notice, one extra month’s wage; Regs art. 20: at the previous month’s wage: ${yuanText(month)}.`,
  );
  return month;
}
