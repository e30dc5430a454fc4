import { IsoDate } from '../shared/calendar';
import { fen } from './money';

/**
 * Which regional average monthly wage (Y) the art. 47 para. 2 cap uses on a
 * termination date, and how far Y can plausibly lie from a figure that is not
 * the right one. Pure: the policy's figures and the date come in.
 *
 * LCL art. 47 para. 2 names "本地区上年度职工月平均工资": the average of the year
 * before the termination year, as the municipal government publishes it
 * (docs/LAW.md §1.1). A figure's `effectiveFrom` is the day from which it is public
 * (published or applied by the bureau); before that day nobody can use it.
 */

export interface AverageWageFigure {
  year: number;
  amount: number;
  effectiveFrom: IsoDate;
  source: string;
}

/** The year of figure the cap needs on a date, and why that year. */
export interface YearNeeded {
  year: number;
  /**
   * `prior_year`: the year before the termination year (art. 47 para. 2).
   * `prior_year_not_yet_published`: that year's figure was not yet public on the
   * termination date, so the previous one, still in force, is the one to use.
   */
  why: 'prior_year' | 'prior_year_not_yet_published';
  /** With `prior_year_not_yet_published`: the day the policy says the prior year's figure became public, when it knows. */
  publishedFrom?: IsoDate;
}

export interface AverageWageInForce {
  needed: YearNeeded;
  /** The newest figure public on the date for the needed year or an earlier one; null when there is none. */
  figure: AverageWageFigure | null;
}

/**
 * No bureau in the shipped record published its prior-year average before
 * June: Shenzhen's statistics bureau on 30 June 2024, Shanghai on 5 July 2022 and
 * (its contribution bases) 31 July 2024 (sources in default-policies.ts). Before
 * 1 June of year T, a policy without a figure for T−1 is therefore presumed not
 * to lack it: it cannot have been published yet. From 1 June on, it may have been,
 * and a policy without it is stale. June rather than July: a month early costs a
 * manual review, a month late could use an outdated figure unflagged.
 */
export const PUBLICATION_SEASON_OPENS = '06-01';

const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/**
 * Decision (the statute is silent on a figure not yet published): until the
 * prior year's figure is public, the previous year's figure, still in force, is
 * used. Bureaus keep the old figure until the new one is announced (contribution
 * bases switch on announcement), an employer must pay on the handover (LCL art. 50
 * para. 2) with what is published then, and a figure published months later
 * cannot be known on the day. Such an answer is not stale and is not flagged;
 * its basis says which figure and why.
 */
export function averageWageInForce(figures: readonly AverageWageFigure[], terminationDate: IsoDate): AverageWageInForce {
  const prior = yearOf(terminationDate) - 1;
  const announcedLater = figures
    .filter((f) => f.year === prior && f.effectiveFrom > terminationDate)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  const publicForPrior = figures.some((f) => f.year === prior && f.effectiveFrom <= terminationDate);
  let needed: YearNeeded = { year: prior, why: 'prior_year' };
  if (!publicForPrior && announcedLater) {
    needed = { year: prior - 1, why: 'prior_year_not_yet_published', publishedFrom: announcedLater.effectiveFrom };
  } else if (!publicForPrior && terminationDate < `${yearOf(terminationDate)}-${PUBLICATION_SEASON_OPENS}`) {
    needed = { year: prior - 1, why: 'prior_year_not_yet_published' };
  }
  return { needed, figure: newestPublic(figures, terminationDate, needed.year) };
}

/** Among figures public on the date for `year` or earlier: the newest year, and for that year the latest publication (a correction replaces). */
function newestPublic(figures: readonly AverageWageFigure[], date: IsoDate, year: number): AverageWageFigure | null {
  return figures
    .filter((f) => f.effectiveFrom <= date && f.year <= year)
    .reduce<AverageWageFigure | null>(
      (best, f) => (!best || f.year > best.year || (f.year === best.year && f.effectiveFrom > best.effectiveFrom) ? f : best),
      null,
    );
}

/**
 * How far the true Y can lie from a stale figure, per year of staleness k.
 * The published record of the shipped cities (monthly, yuan; default-policies.ts):
 * Shanghai 2019 9,339 → 2020 10,338 (+10.7%) → 2021 11,396 (+10.2%) → 2022 12,183
 * (+6.9%) → 2023 12,307 (+1.0%); Beijing 2021 10,628 → 2022 11,082 (+4.3%) → 2023
 * 11,761 (+6.1%); Shenzhen 2021 12,964 → 2022 13,730 (+5.9%) → 2023 14,553 (+6.0%);
 * nationally (urban non-private units) +9.8% in 2019, +9.7% in 2021, +6.7% in 2022.
 * No year fell; the rises run from 1.0% to 10.7%.
 *
 * - Lower bound, Y_old × (1 − a·k) with a = 5%: a fall of 5% a year, which the
 *   record never shows. It decides when an amount is given, so it is set well
 *   below the worst year, and taken linearly (lower than compounding would give).
 * - Upper bound, Y_old × (1 + b)^k with b = 15%: above every rise in the record
 *   (10.7%), compounded (higher than linear would give). It only decides when the
 *   cap certainly applies, which fixes the 12-year limit, not the amount.
 */
export const STALE_FALL_PER_YEAR = 0.05;
export const STALE_RISE_PER_YEAR = 0.15;

/**
 * With no figure at all, the minimum wage in force gives a lower bound. Average
 * over minimum in the shipped record: Shanghai 2023 12,307 / 2,690 = 4.58, Beijing
 * 2023 11,761 / 2,420 = 4.86, Shenzhen 2023 14,553 / 2,360 = 6.17. A multiple of 3,
 * a third below the lowest of these, is taken as the conservative bound. (The
 * State's aim that the minimum be at least 40% of the average would put Y at no
 * more than 2.5 times it; no shipped city is near that, so it is not used as a bound.)
 */
export const AVERAGE_OVER_MINIMUM_WAGE = 3;

/** The plausible interval of the true Y, in fen; `low` null when nothing bounds it from below, `high` null when nothing bounds it from above. */
export interface PlausibleAverage {
  low: number | null;
  high: number | null;
}

/** The interval for a stale figure `k` years too old (k ≥ 1); low rounded down and high up to the fen, so that rounding never narrows it. */
export function staleBounds(figure: AverageWageFigure, k: number): PlausibleAverage {
  const amount = fen(figure.amount);
  return {
    low: Math.floor(amount * Math.max(0, 1 - STALE_FALL_PER_YEAR * k) + 1e-9),
    high: Math.ceil(amount * (1 + STALE_RISE_PER_YEAR) ** k - 1e-9),
  };
}

/** The interval with no figure: from the minimum wage multiple, or unbounded without a minimum wage. */
export function missingBounds(minimumMonthlyWage: number | null): PlausibleAverage {
  return { low: minimumMonthlyWage === null ? null : AVERAGE_OVER_MINIMUM_WAGE * fen(minimumMonthlyWage), high: null };
}
