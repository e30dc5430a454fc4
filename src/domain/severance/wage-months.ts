import { MonthlyPay, wageOn, WageEntry } from '../employee/wage-history';
import { addDays, addMonths, dayInMonth, dayOfMonth, earliest, firstDayOf, IsoDate, IsoMonth, latest, monthOf } from '../shared/calendar';
import { fen, roundedYuan, yuanText } from './money';

/**
 * The monthly wage W of LCL art. 47 para. 3 ("劳动者在劳动合同解除或者终止前十二个月的
 * 平均工资") and the previous month's wage of Regs art. 20 ("上一个月的工资标准"),
 * month by month from what the archive knows. Pure: the wage history and the
 * payroll records come in; every month used, its amount and where it came from
 * go out, with the basis and the reasons a person must check.
 */

/** `payroll`: what payroll recorded as owed; `wage_history`: the contractual wage in force; `none`: nothing known. */
export type WageSource = 'payroll' | 'wage_history' | 'none';

export interface WageMonth {
  month: IsoMonth;
  /** Yuan; null when no wage is known for the month. */
  amount: number | null;
  source: WageSource;
}

export interface WageRecords {
  hireDate: IsoDate;
  wages: readonly WageEntry[];
  monthlyPay: MonthlyPay;
}

export interface AverageWage {
  /** The months averaged, oldest first. */
  months: WageMonth[];
  /** W in yuan, rounded to the fen; null when no month of the window has a known wage. */
  average: number | null;
  /** The month before the termination month, for the month in lieu of notice. */
  previousMonth: WageMonth;
  basis: string[];
  /** Why a person must check W. */
  review: string[];
  /** Why a person must check the previous month's wage (only relevant when a month in lieu of notice is owed). */
  previousMonthReview: string[];
}

const MONTHS_AVERAGED = 12;

const lastDayOf = (month: IsoMonth): IsoDate => dayInMonth(month, 31);

/**
 * Which calendar months are "the 12 months before termination".
 *
 * Decision: whole calendar months, as payroll owes wages per month. When the
 * termination date is the last day of its month, that month was worked in full
 * and is the last of the 12 (a termination on 2024-09-30 averages 2023-10 ..
 * 2024-09); otherwise the termination month is a part month, whose pay is not a
 * month's wage, and the 12 are the months before it (2024-09-29 averages
 * 2023-09 .. 2024-08). The law says only "前十二个月"; counting back from the
 * termination day itself would split two months and mix part months into
 * an average of monthly wages.
 *
 * Decision on a part first month: a month is a month worked (Regs art. 27,
 * "按照实际工作的月数计算") only when employed on every day of it, so a hire after
 * the 1st starts the window in the next month; otherwise the part month's pay
 * would pull the average down for days never worked. Only when service has no
 * whole calendar month before termination at all are the part months used,
 * and then a person must check (`partMonthsOnly`).
 */
export function wageWindow(hireDate: IsoDate, terminationDate: IsoDate): { months: IsoMonth[]; partMonthsOnly: boolean } {
  const terminationMonth = monthOf(terminationDate);
  const lastMonth = terminationDate === lastDayOf(terminationMonth) ? terminationMonth : addMonths(terminationMonth, -1);
  const firstWholeMonth = dayOfMonth(hireDate) === 1 ? monthOf(hireDate) : addMonths(monthOf(hireDate), 1);
  const from = latest(addMonths(lastMonth, -(MONTHS_AVERAGED - 1)), firstWholeMonth);
  if (from <= lastMonth) return { months: monthRange(from, lastMonth), partMonthsOnly: false };
  return { months: monthRange(monthOf(hireDate), terminationMonth), partMonthsOnly: true };
}

/**
 * One month's wage: payroll's record of what was owed when there is one (the
 * latest, corrections applied), else the contractual wage from the wage history.
 *
 * Decision: when the contractual wage changed within the month, the month's
 * figure is the wages in force weighted by their calendar days (a raise from
 * the 16th of a 30-day month counts 15 days at each rate), rounded to the fen:
 * that is what was agreed for the month. Only days from the hire date through
 * the termination date are weighed, so a part month still reads as a monthly
 * rate. A contractual wage of 0 (hired without a known wage) is no known wage.
 */
export function wageOfMonth(records: WageRecords, month: IsoMonth, terminationDate: IsoDate): WageMonth {
  const paid = records.monthlyPay[month];
  if (paid !== undefined) return { month, amount: paid, source: 'payroll' };
  const from = latest(firstDayOf(month), records.hireDate);
  const through = earliest(lastDayOf(month), terminationDate);
  if (from > through) return { month, amount: null, source: 'none' };
  let weighted = 0;
  let days = 0;
  for (let day = from; day <= through; day = addDays(day, 1)) {
    const wage = wageOn(records.wages, day);
    if (!wage) return { month, amount: null, source: 'none' };
    weighted += fen(wage);
    days += 1;
  }
  return { month, amount: roundedYuan(weighted / days), source: 'wage_history' };
}

export function averageMonthlyWage(records: WageRecords, terminationDate: IsoDate): AverageWage {
  const { months: window, partMonthsOnly } = wageWindow(records.hireDate, terminationDate);
  const months = window.map((month) => wageOfMonth(records, month, terminationDate));
  const basis: string[] = [];
  const review: string[] = [];
  const span = spans(window);
  basis.push(
    partMonthsOnly
      ? `工作不满一个完整自然月，按实际工作的月份 ${span} 计算。 / Service has no whole calendar month before termination: the months worked, ${span}, are used.`
      : `解除或者终止前十二个月取 ${span}（终止日为当月最后一日的，当月计入；否则自上月起倒数；入职当月不满一个月的不计入）。` +
          ` / The 12 months before termination: ${span} (the termination month counts only when the termination date is its last day; a part first month of employment is not a month worked).`,
  );
  if (partMonthsOnly) {
    review.push(
      `工作不满一个完整自然月，月工资按 ${span} 的数额计算，须人工核实。 / Service has no whole calendar month before termination: the monthly wage is taken from ${span}; to be checked by a person.`,
    );
  }
  const payroll = months.filter((m) => m.source === 'payroll').map((m) => m.month);
  const contractual = months.filter((m) => m.source === 'wage_history').map((m) => m.month);
  const unknown = months.filter((m) => m.source === 'none').map((m) => m.month);
  if (payroll.length > 0)
    basis.push(`${spans(payroll)} 按工资发放记录的应得工资。 / ${spans(payroll)}: what payroll recorded as owed (应得工资, Regs art. 27).`);
  if (contractual.length > 0)
    basis.push(
      `${spans(contractual)} 按工资档案中当月适用的约定工资。 / ${spans(contractual)}: the contractual wage in force, from the wage history.`,
    );
  if (payroll.length > 0 && contractual.length + unknown.length > 0) {
    const missing = spans([...contractual, ...unknown].sort());
    review.push(
      `${missing} 没有工资发放记录，已按约定工资计算；应得工资含奖金、津贴和补贴，须人工核实。` +
        ` / No payroll record for ${missing}: the contractual wage was used, but the wage owed includes bonuses, allowances and subsidies (Regs art. 27); to be checked by a person.`,
    );
  }
  if (unknown.length > 0) {
    review.push(
      `${spans(unknown)} 没有已知的工资（无发放记录，约定工资为 0 或未记录），未计入平均，须人工核实。` +
        ` / No wage is known for ${spans(unknown)} (no payroll record, no contractual wage above 0): left out of the average; to be checked by a person.`,
    );
  }
  const known = months.filter((m): m is WageMonth & { amount: number } => m.amount !== null);
  const total = known.reduce((sum, m) => sum + fen(m.amount), 0);
  const average = known.length === 0 ? null : roundedYuan(total / known.length);
  if (average !== null) {
    basis.push(
      `月平均工资 = ${yuanText(total)} ÷ ${known.length} = ${average.toFixed(2)}（四舍五入到分）。 / Average monthly wage = ${yuanText(total)} / ${known.length} = ${average.toFixed(2)} (rounded to the fen).`,
    );
  }
  const previous = previousMonthWage(records, terminationDate);
  return { months, average, previousMonth: previous.month, basis, review, previousMonthReview: previous.review };
}

/**
 * Regs art. 20: the month in lieu of notice is paid at the previous month's wage,
 * the month before the termination month, by the same per-month rule.
 */
function previousMonthWage(records: WageRecords, terminationDate: IsoDate): { month: WageMonth; review: string[] } {
  const month = addMonths(monthOf(terminationDate), -1);
  const hireMonth = monthOf(records.hireDate);
  if (month < hireMonth) {
    return {
      month: { month, amount: null, source: 'none' },
      review: [
        `${month} 尚未入职，没有上一个月的工资，代通知金暂按月平均工资计算，须人工确定。 / No wage for ${month}, before the hire month: the month in lieu of notice is computed at the average monthly wage instead and must be set by a person.`,
      ],
    };
  }
  const wage = wageOfMonth(records, month, terminationDate);
  const review: string[] = [];
  if (wage.amount === null)
    review.push(
      `${month} 没有已知的工资，代通知金暂按月平均工资计算，须人工确定。 / No wage is known for ${month}: the month in lieu of notice is computed at the average monthly wage instead and must be set by a person.`,
    );
  else if (month === hireMonth && dayOfMonth(records.hireDate) !== 1 && wage.source === 'payroll') {
    review.push(
      `上一个月 ${month} 为入职当月，不满一个月，其发放记录不是一个月的工资标准，须人工核实。 / The previous month ${month} is a part month of employment: its payroll record is not a month’s wage; to be checked by a person.`,
    );
  }
  return { month: wage, review };
}

function monthRange(from: IsoMonth, through: IsoMonth): IsoMonth[] {
  const months: IsoMonth[] = [];
  for (let month = from; month <= through; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** Sorted months as runs: "2023-10..2024-03, 2024-06". */
export function spans(months: readonly IsoMonth[]): string {
  const runs: Array<[IsoMonth, IsoMonth]> = [];
  for (const month of months) {
    const run = runs[runs.length - 1];
    if (run && addMonths(run[1], 1) === month) run[1] = month;
    else runs.push([month, month]);
  }
  return runs.map(([from, to]) => (from === to ? from : `${from}..${to}`)).join(', ');
}
