import { AverageWageFigure, averageWageInForce, missingBounds, staleBounds } from '../../../src/domain/severance/regional-average';

/** A city that publishes each year's average in July of the next: 2022 on 2023-07-10, 2023 on 2024-07-10. */
const figure = (year: number, amount: number, effectiveFrom: string): AverageWageFigure => ({
  year,
  amount,
  effectiveFrom,
  source: 'test',
});
const published = [figure(2022, 11000, '2023-07-10'), figure(2023, 12000, '2024-07-10')];

describe('averageWageInForce (LCL art. 47 para. 2: the year before the termination year)', () => {
  it('takes the prior year’s figure once public: 2024-09-30 → 2023', () => {
    expect(averageWageInForce(published, '2024-09-30')).toEqual({ needed: { year: 2023, why: 'prior_year' }, figure: published[1] });
  });

  it('on the day the prior year’s figure becomes public, it is the one', () => {
    expect(averageWageInForce(published, '2024-07-10').figure).toBe(published[1]);
  });

  it('the day before, the previous year’s figure still in force is the one (decision: not yet published), and the publication day is named', () => {
    expect(averageWageInForce(published, '2024-07-09')).toEqual({
      needed: { year: 2022, why: 'prior_year_not_yet_published', publishedFrom: '2024-07-10' },
      figure: published[0],
    });
  });

  it('never the newest in force: 2027-09-30 needs 2026 and finds only 2023, stale (parameterInForce would have answered 2023 as current)', () => {
    expect(averageWageInForce(published, '2027-09-30')).toEqual({ needed: { year: 2026, why: 'prior_year' }, figure: published[1] });
  });

  it('2027-03-31: the 2026 figure cannot be out yet, so 2025 is needed; the policy has only 2023, stale by two years', () => {
    expect(averageWageInForce(published, '2027-03-31')).toEqual({
      needed: { year: 2025, why: 'prior_year_not_yet_published' },
      figure: published[1],
    });
  });

  it('without the prior year’s figure in the policy: presumed unpublished before 1 June (2025-05-31 needs 2023), possibly published from 1 June (2025-06-01 needs 2024)', () => {
    expect(averageWageInForce(published, '2025-05-31')).toEqual({
      needed: { year: 2023, why: 'prior_year_not_yet_published' },
      figure: published[1],
    });
    expect(averageWageInForce(published, '2025-06-01')).toEqual({ needed: { year: 2024, why: 'prior_year' }, figure: published[1] });
  });

  it('ignores a figure for a later year than needed and one not yet public: 2023-03-31 needs 2021, finds none', () => {
    expect(averageWageInForce(published, '2023-03-31')).toEqual({
      needed: { year: 2021, why: 'prior_year_not_yet_published', publishedFrom: '2023-07-10' },
      figure: null,
    });
  });

  it('a correction of the same year published later replaces the first', () => {
    const corrected = [...published, figure(2023, 12100, '2024-08-01')];
    expect(averageWageInForce(corrected, '2024-07-20').figure?.amount).toBe(12000);
    expect(averageWageInForce(corrected, '2024-08-01').figure?.amount).toBe(12100);
  });

  it('no figures: needs the prior year, has none', () => {
    expect(averageWageInForce([], '2024-09-30')).toEqual({ needed: { year: 2023, why: 'prior_year' }, figure: null });
  });
});

describe('plausible bounds of the true average, in fen', () => {
  it('one year stale: 12,307 → [11,691.65, 14,153.05]', () => {
    expect(staleBounds(figure(2023, 12307, '2024-07-31'), 1)).toEqual({ low: 1169165, high: 1415305 });
  });

  it('three years stale: low linear 12,307 × 0.85 = 10,460.95, high compounded 12,307 × 1.15³ = 18,717.408… rounded up to 18,717.41', () => {
    expect(staleBounds(figure(2023, 12307, '2024-07-31'), 3)).toEqual({ low: 1046095, high: 1871741 });
  });

  it('rounds the low bound down and the high bound up, never inwards', () => {
    // 333.33 × 0.95 = 316.6635 → 316.66; × 1.15 = 383.3295 → 383.33
    expect(staleBounds(figure(2023, 333.33, '2024-07-31'), 1)).toEqual({ low: 31666, high: 38333 });
  });

  it('no figure: at least 3 × the minimum wage; none without a minimum wage', () => {
    expect(missingBounds(2030)).toEqual({ low: 609000, high: null });
    expect(missingBounds(null)).toEqual({ low: null, high: null });
  });
});
