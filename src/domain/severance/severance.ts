import { DomainError } from '../decider';
import { IsoDate } from '../shared/calendar';
import { SeparationReason } from '../shared/vocabulary';
import { EntitlementFacts, entitlementFor } from './entitlement';
import { fen, roundedYuan, yuanText } from './money';
import { compensationYears, servicePeriod } from './service-period';

/**
 * Economic compensation (经济补偿, LCL art. 47), the month in lieu of notice
 * (art. 40) and damages for unlawful termination (art. 87), as LAW.md §1.1–1.2
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
  /** Y: the region's prior-year average monthly wage in force on the termination date; null when the policy has none. */
  regionalAverageMonthlyWage: (SourcedAmount & { year: number }) | null;
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
  /** N after the 12-year cap; 0 when nothing is owed; null when pre-2008 service, or unrecorded facts of a mutual agreement or an expiry, leave it to a person. */
  compensationMonths: number | null;
  monthlyWageUsed: number;
  capApplied: boolean;
  /** N × monthly wage (the art. 47 standard), before doubling. */
  economicCompensation: number | null;
  inLieuOfNotice: number;
  /** The total payable; null when a person must decide (as for compensationMonths). */
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
    throw new DomainError('INVALID_DATE', `terminationDate (${terminationDate}) is before the hire date (${hireDate}).`, { field: 'terminationDate', hireDate });
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
  const { base, capApplied } = wageBase(input, notes);
  const years = cappedYears(months, capApplied, notes);
  // Art. 87 concerns a termination by the employer; a resignation is the employee's act.
  const damages = input.unlawful && input.reason !== 'resignation';
  const owed = damages ? unlawfulTermination(notes) : entitlement(input, notes);

  // owed === null: the facts that decide art. 46 are not recorded (entitlementFor).
  const compensationMonths = pre2008 || owed === null ? null : owed ? years : 0;
  const compensation = compensationMonths === null ? null : compensationMonths * base;
  if (compensation !== null && owed) {
    notes.basis.push(`经济补偿标准 = ${compensationMonths} × ${yuanText(base)} = ${yuanText(compensation)} / Art. 47 amount = ${compensationMonths} × ${yuanText(base)} = ${yuanText(compensation)}.`);
  }
  if (compensation !== null && damages) {
    notes.basis.push(`赔偿金 = 2 × ${yuanText(compensation)} = ${yuanText(2 * compensation)} / Damages = 2 × ${yuanText(compensation)} = ${yuanText(2 * compensation)}.`);
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
    monthlyWageUsed: base / 100,
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

/** The monthly wage the compensation is paid at, in fen: W, capped at 3Y above 3Y (art. 47 para. 2), never below the minimum wage (Regs art. 27). */
function wageBase(input: SeveranceInput, notes: Notes): { base: number; capApplied: boolean } {
  const wage = fen(input.averageMonthlyWage);
  notes.basis.push(
    `月工资为解除或者终止前十二个月的平均工资，不满十二个月的按实际工作月数计算（劳动合同法第四十七条第三款、劳动合同法实施条例第二十七条）：${yuanText(wage)}。` +
      ` / Monthly wage: the average of the 12 months before termination, or of the months worked if fewer (LCL art. 47 para. 3; Implementing Regulations (Regs) art. 27): ${yuanText(wage)}.`,
  );
  let base = wage;
  let capApplied = false;
  const average = input.regionalAverageMonthlyWage;
  if (!average) {
    flag(
      notes,
      `${input.terminationDate} 无适用的本地区上年度职工月平均工资，无法核对第四十七条第二款的封顶，按未封顶计算。` +
        ` / No regional prior-year average monthly wage is in force on ${input.terminationDate}: the art. 47 para. 2 cap cannot be checked; computed without it.`,
    );
  } else {
    const threshold = CAP_MULTIPLE * fen(average.amount);
    const of = `本地区上年度（${average.year} 年）职工月平均工资 ${yuanText(fen(average.amount))} 的三倍 ${yuanText(threshold)}`;
    const ofEn = `three times the regional average monthly wage of ${average.year} (${yuanText(fen(average.amount))}, in force from ${average.effectiveFrom}), ${yuanText(threshold)}`;
    capApplied = wage > threshold;
    if (capApplied) {
      base = threshold;
      notes.basis.push(
        `${yuanText(wage)} 高于${of}：按 ${yuanText(threshold)} 计算，年限最高不超过十二年（第四十七条第二款）。` +
          ` / ${yuanText(wage)} is above ${ofEn}: the wage is capped at ${yuanText(threshold)} and the years at 12 (art. 47 para. 2).`,
      );
    } else {
      notes.basis.push(
        `${yuanText(wage)} 不高于${of}，不封顶；“高于”与民法典第一千二百五十九条之“超过”同，不包括本数，十二年上限只适用于高于该数者。` +
          ` / ${yuanText(wage)} is not above ${ofEn}: no cap. “Above” (高于) excludes the number itself, as 超过 does under Civil Code art. 1259; the 12-year limit applies only above it.`,
      );
    }
  }
  const minimum = input.minimumMonthlyWage;
  if (!minimum) {
    flag(
      notes,
      `${input.terminationDate} 无适用的当地最低工资标准，无法核对实施条例第二十七条的下限。` +
        ` / No minimum wage is in force on ${input.terminationDate}: the Regs art. 27 floor cannot be checked.`,
    );
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
  return { base, capApplied };
}

/** N (art. 47 para. 1), limited to 12 for a wage above the cap (para. 2) and only then. */
function cappedYears(months: number, capApplied: boolean, notes: Notes): number {
  const years = compensationYears(months);
  const whole = Math.floor(months / 12);
  const remainder = months % 12;
  notes.basis.push(
    `劳动合同法第四十七条第一款：每满一年支付一个月工资；六个月以上不满一年的按一年计算（“以上”包括本数，民法典第一千二百五十九条）；不满六个月的支付半个月工资：${whole} 年 ${remainder} 个月 → ${years}。` +
      ` / LCL art. 47 para. 1: one month’s wage per full year; a remainder of six months or more counts as a year (以上 includes six, Civil Code art. 1259), less than six months as half a month: ${whole} years ${remainder} months → ${years}.`,
  );
  if (!capApplied || years <= CAP_YEARS) return years;
  notes.basis.push(`${years} 超过十二年，按十二年计算（第四十七条第二款）。 / ${years} is more than 12 years: 12 are counted (art. 47 para. 2).`);
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
    notes.basis.push('代通知金属于依第四十条合法解除，赔偿金之外不另支付。 / The month in lieu of notice belongs to a lawful art. 40 dismissal: not added to art. 87 damages.');
    return 0;
  }
  if (input.reason !== 'dismissal') {
    notes.basis.push('代通知金只适用于依第四十条解除：不支付。 / The month in lieu of notice applies only to a dismissal under art. 40: not added.');
    return 0;
  }
  const month = fen(input.previousMonthWage);
  notes.basis.push(
    `第四十条：未提前三十日以书面形式通知的，额外支付一个月工资；实施条例第二十条：按上一个月的工资标准确定：${yuanText(month)}。` +
      ` / Art. 40: without 30 days’ written notice, one extra month’s wage; Regs art. 20: at the previous month’s wage: ${yuanText(month)}.`,
  );
  return month;
}
