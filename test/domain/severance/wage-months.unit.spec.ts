import { WageEntry } from '../../../src/domain/employee/wage-history';
import { averageMonthlyWage, spans, wageOfMonth, WageRecords, wageWindow } from '../../../src/domain/severance/wage-months';

const records = (hireDate: string, wages: WageEntry[], monthlyPay: Record<string, number> = {}): WageRecords => ({
  hireDate,
  wages,
  monthlyPay,
});
const flat = (hireDate: string, monthlyWage: number, monthlyPay: Record<string, number> = {}) =>
  records(hireDate, [{ effectiveDate: hireDate, monthlyWage }], monthlyPay);

describe('the 12 months before termination (LCL art. 47 para. 3)', () => {
  it('counts the termination month when the termination date is its last day', () => {
    expect(wageWindow('2015-03-01', '2024-09-30')).toEqual({ months: spread('2023-10', '2024-09'), partMonthsOnly: false });
  });

  it('starts from the month before when the termination date is a day earlier (the boundary)', () => {
    expect(wageWindow('2015-03-01', '2024-09-29')).toEqual({ months: spread('2023-09', '2024-08'), partMonthsOnly: false });
  });

  it('knows the last day of February in a leap year and in another year', () => {
    expect(wageWindow('2015-03-01', '2024-02-29').months.at(-1)).toBe('2024-02');
    expect(wageWindow('2015-03-01', '2024-02-28').months.at(-1)).toBe('2024-01');
    expect(wageWindow('2015-03-01', '2023-02-28').months.at(-1)).toBe('2023-02');
  });

  it('with fewer than 12 months, takes the months worked: from the hire month when hired on the 1st', () => {
    expect(wageWindow('2024-03-01', '2024-09-30').months).toEqual(spread('2024-03', '2024-09'));
  });

  it('leaves out a part first month: hired on the 2nd, the window starts the next month', () => {
    expect(wageWindow('2024-03-02', '2024-09-30').months).toEqual(spread('2024-04', '2024-09'));
  });

  it('uses the part months, and says so, when service has no whole calendar month before termination', () => {
    expect(wageWindow('2024-03-15', '2024-04-10')).toEqual({ months: ['2024-03', '2024-04'], partMonthsOnly: true });
    expect(wageWindow('2024-03-01', '2024-03-20')).toEqual({ months: ['2024-03'], partMonthsOnly: true });
  });
});

describe('the wage of one month', () => {
  const raised = records('2022-01-01', [
    { effectiveDate: '2022-01-01', monthlyWage: 5000 },
    { effectiveDate: '2024-04-16', monthlyWage: 20000 },
  ]);

  it('is payroll’s record when there is one', () => {
    expect(wageOfMonth({ ...raised, monthlyPay: { '2024-03': 7777.77 } }, '2024-03', '2024-09-30')).toEqual({
      month: '2024-03',
      amount: 7777.77,
      source: 'payroll',
    });
  });

  it('is the contractual wage in force otherwise', () => {
    expect(wageOfMonth(raised, '2024-03', '2024-09-30')).toEqual({ month: '2024-03', amount: 5000, source: 'wage_history' });
    expect(wageOfMonth(raised, '2024-05', '2024-09-30')).toEqual({ month: '2024-05', amount: 20000, source: 'wage_history' });
  });

  it('weighs a change within the month by calendar days: April 2024, 15 days at 5,000 and 15 at 20,000', () => {
    // (15 × 5,000 + 15 × 20,000) / 30 = 12,500
    expect(wageOfMonth(raised, '2024-04', '2024-09-30')).toEqual({ month: '2024-04', amount: 12500, source: 'wage_history' });
  });

  it('rounds a weighted month to the fen: a raise from 2024-05-02, 1 day at 5,000 and 30 at 20,000', () => {
    const r = records('2022-01-01', [
      { effectiveDate: '2022-01-01', monthlyWage: 5000 },
      { effectiveDate: '2024-05-02', monthlyWage: 20000 },
    ]);
    // (5,000 + 30 × 20,000) / 31 = 605,000 / 31 = 19,516.129… → 19,516.13
    expect(wageOfMonth(r, '2024-05', '2024-09-30').amount).toBe(19516.13);
  });

  it('knows no wage when the contractual wage is 0', () => {
    expect(wageOfMonth(flat('2022-01-01', 0), '2024-03', '2024-09-30')).toEqual({ month: '2024-03', amount: null, source: 'none' });
  });
});

describe('the average monthly wage W', () => {
  it('averages 6 months at 5,000 and 6 at 20,000 from the wage history: 12,500, every month listed with its source', () => {
    const r = records('2022-01-01', [
      { effectiveDate: '2022-01-01', monthlyWage: 5000 },
      { effectiveDate: '2024-04-01', monthlyWage: 20000 },
    ]);
    const w = averageMonthlyWage(r, '2024-09-30');
    expect(w.average).toBe(12500);
    expect(w.months).toHaveLength(12);
    expect(w.months.every((m) => m.source === 'wage_history')).toBe(true);
    expect(w.review).toEqual([]);
    expect(w.basis.join('\n')).toContain('2023-10..2024-09');
  });

  it('averages the months worked when fewer than 12, leaving out the part first month: 2024-04..2024-09', () => {
    // Hired 2024-03-20 at 6,000; payroll recorded the part March at 2,400, which is not used.
    const w = averageMonthlyWage(flat('2024-03-20', 6000, { '2024-03': 2400 }), '2024-09-30');
    expect(w.months.map((m) => m.month)).toEqual(spread('2024-04', '2024-09'));
    expect(w.average).toBe(6000);
  });

  it('rounds W to the fen: (10 × 5,000 + 2 × 22,000) / 12 = 7,833.33', () => {
    const w = averageMonthlyWage(flat('2015-01-01', 5000, { '2024-08': 22000, '2024-09': 22000 }), '2024-09-30');
    expect(w.average).toBe(7833.33);
  });

  it('asks for review, naming the months, when payroll covers only part of the window', () => {
    const w = averageMonthlyWage(flat('2015-01-01', 5000, { '2024-08': 22000, '2024-09': 22000 }), '2024-09-30');
    expect(w.review).toHaveLength(1);
    expect(w.review[0]).toContain('2023-10..2024-07');
    expect(w.review[0]).toMatch(/没有工资发放记录/);
    expect(w.basis.join('\n')).toMatch(/2024-08\.\.2024-09: what payroll recorded/);
  });

  it('does not ask for review when payroll covers every month of the window', () => {
    const pay = Object.fromEntries(spread('2023-10', '2024-09').map((m) => [m, 9000]));
    const w = averageMonthlyWage(flat('2015-01-01', 5000, pay), '2024-09-30');
    expect(w).toMatchObject({ average: 9000, review: [] });
  });

  it('asks for review and averages what is known when no wage is known for some months', () => {
    const r = records('2024-01-01', [
      { effectiveDate: '2024-01-01', monthlyWage: 0 },
      { effectiveDate: '2024-07-01', monthlyWage: 9000 },
    ]);
    const w = averageMonthlyWage(r, '2024-09-30');
    expect(w.months.filter((m) => m.source === 'none').map((m) => m.month)).toEqual(spread('2024-01', '2024-06'));
    expect(w.average).toBe(9000);
    expect(w.review.join('\n')).toContain('2024-01..2024-06');
  });

  it('has no average when nothing is known', () => {
    expect(averageMonthlyWage(flat('2024-01-01', 0), '2024-09-30').average).toBeNull();
  });
});

describe('the previous month’s wage (Regs art. 20)', () => {
  it('is the month before the termination month, by the same rule, even when the termination month is in the window', () => {
    const w = averageMonthlyWage(flat('2015-01-01', 5000, { '2024-08': 22000 }), '2024-09-30');
    expect(w.previousMonth).toEqual({ month: '2024-08', amount: 22000, source: 'payroll' });
    expect(w.previousMonthReview).toEqual([]);
  });

  it('is unknown, with a reason, when the termination falls in the hire month', () => {
    const w = averageMonthlyWage(flat('2024-03-05', 5000), '2024-03-25');
    expect(w.previousMonth).toEqual({ month: '2024-02', amount: null, source: 'none' });
    expect(w.previousMonthReview.join('\n')).toMatch(/2024-02/);
  });

  it('asks for review when it is a part first month taken from payroll', () => {
    const w = averageMonthlyWage(flat('2024-03-05', 5000, { '2024-03': 4200 }), '2024-04-20');
    expect(w.previousMonth).toEqual({ month: '2024-03', amount: 4200, source: 'payroll' });
    expect(w.previousMonthReview).toHaveLength(1);
  });
});

describe('month runs for messages', () => {
  it('joins consecutive months and separates gaps', () => {
    expect(spans(['2023-11', '2023-12', '2024-01', '2024-03'])).toBe('2023-11..2024-01, 2024-03');
    expect(spans([])).toBe('');
  });
});

/** Every month from `from` through `to` (test helper, written independently of the code under test). */
function spread(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month === to) return out;
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
}
