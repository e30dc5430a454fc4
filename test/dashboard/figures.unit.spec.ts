import { average, median, rate, tally } from '../../src/dashboard/figures';

describe('dashboard figures', () => {
  it('gives rates as fractions rounded to 4 decimals, null when there is nothing to divide', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(1, 3)).toBe(0.3333);
    expect(rate(1, 8)).toBe(0.125);
    expect(rate(3, 3)).toBe(1);
    expect(rate(0, 5)).toBe(0);
    expect(rate(0, 0)).toBeNull();
  });

  it('averages to 2 decimals, null for no values', () => {
    expect(average([41, 30, 25])).toBe(32);
    expect(average([1, 1, 2])).toBe(1.33);
    expect(average([30, 25])).toBe(27.5);
    expect(average([])).toBeNull();
  });

  it('takes the middle value as median, the mean of the two middle ones for an even count, without reordering the input', () => {
    const values = [41, 30, 25];
    expect(median(values)).toBe(30);
    expect(values).toEqual([41, 30, 25]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([10, 2, 2, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it('tallies keys in alphabetical order', () => {
    const counts = tally(['labor_termination', 'approval', 'labor_termination']);
    expect(counts).toEqual({ approval: 1, labor_termination: 2 });
    expect(Object.keys(counts)).toEqual(['approval', 'labor_termination']);
    expect(tally([])).toEqual({});
  });
});
