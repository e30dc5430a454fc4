import { accountContinuity, monthCalendar, MonthRun } from '../../../src/domain/continuity/continuity';
import { addMonths } from '../../../src/domain/shared/calendar';
import { InsuranceType } from '../../../src/domain/shared/vocabulary';
import { InsuranceState } from '../../../src/domain/social-insurance/insurance.decider';
import { account, corrected, enrolled, paid, paidFromTo, transferredOut } from './account';

/** The runs as one state per month, to compare month by month. */
function months(runs: MonthRun[]): Map<string, string> {
  const byMonth = new Map<string, string>();
  for (const run of runs) for (let m = run.from; m <= run.to; m = addMonths(m, 1)) byMonth.set(m, run.state);
  return byMonth;
}

/** Issue 14: the continuity page's calendar, one state per month and type (paid, corrected, gap, transferred out). */
describe('the month calendar of a type', () => {
  it('tells paid, corrected and gap months apart, in runs of one state', () => {
    const state = account([
      enrolled('2024-01'),
      ...paidFromTo('2024-01', '2024-03'),
      corrected('2024-02'),
      ...paidFromTo('2024-06', '2024-07'),
    ]);
    expect(monthCalendar(state, 'pension', '2024-09')).toEqual([
      { from: '2024-01', to: '2024-01', state: 'paid' },
      { from: '2024-02', to: '2024-02', state: 'corrected' },
      { from: '2024-03', to: '2024-03', state: 'paid' },
      { from: '2024-04', to: '2024-05', state: 'gap' },
      { from: '2024-06', to: '2024-07', state: 'paid' },
      { from: '2024-08', to: '2024-09', state: 'gap' },
    ]);
    // The correction was on pension only.
    expect(monthCalendar(state, 'unemployment', '2024-03')).toEqual([{ from: '2024-01', to: '2024-03', state: 'paid' }]);
  });

  it('marks the months after a transfer-out’s last paid month, until a re-enrolment, as transferred out; a contribution after it does not count', () => {
    const state = account([
      enrolled('2023-01', ['pension']),
      ...paidFromTo('2023-01', '2023-05', ['pension']),
      transferredOut('2023-06'),
      paid('2023-08', ['pension']),
      enrolled('2023-10', ['pension', 'unemployment']),
      paid('2023-10', ['pension', 'unemployment']),
    ]);
    expect(monthCalendar(state, 'pension', '2023-12')).toEqual([
      { from: '2023-01', to: '2023-05', state: 'paid' },
      { from: '2023-06', to: '2023-06', state: 'gap' },
      { from: '2023-07', to: '2023-09', state: 'transferred_out' },
      { from: '2023-10', to: '2023-10', state: 'paid' },
      { from: '2023-11', to: '2023-12', state: 'gap' },
    ]);
    expect(monthCalendar(state, 'unemployment', '2023-12')).toEqual([
      { from: '2023-10', to: '2023-10', state: 'paid' },
      { from: '2023-11', to: '2023-12', state: 'gap' },
    ]);
    const closed = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-03'), transferredOut('2024-03')]);
    expect(monthCalendar(closed, 'pension', '2024-06')).toEqual([
      { from: '2024-01', to: '2024-03', state: 'paid' },
      { from: '2024-04', to: '2024-06', state: 'transferred_out' },
    ]);
  });

  it('is empty before the first enrolment, cut at `through`, and cheap for a far `through`', () => {
    const state = account([enrolled('2024-01'), ...paidFromTo('2024-01', '2024-12')]);
    expect(monthCalendar(state, 'pension', '2023-12')).toEqual([]);
    expect(monthCalendar(state, 'pension', '2024-02')).toEqual([{ from: '2024-01', to: '2024-02', state: 'paid' }]);
    expect(monthCalendar(state, 'pension', '9999-12')).toEqual([
      { from: '2024-01', to: '2024-12', state: 'paid' },
      { from: '2025-01', to: '9999-12', state: 'gap' },
    ]);
  });

  it('agrees with accountContinuity: its gaps are the gap runs, its covered months the paid and corrected months', () => {
    const states: InsuranceState[] = [
      account([enrolled('2024-01'), paid('2024-01'), paid('2024-03'), corrected('2024-03'), paid('2024-06')]),
      account([
        enrolled('2024-01'),
        ...paidFromTo('2024-01', '2024-02'),
        transferredOut('2024-03'),
        enrolled('2024-04'),
        paid('2024-05'),
        corrected('2024-05', ['pension', 'unemployment']),
      ]),
      account([enrolled('2023-06', ['pension']), transferredOut('2023-07'), enrolled('2024-02', ['pension', 'unemployment'])]),
    ];
    for (const state of states) {
      for (let through = '2023-05'; through <= '2024-09'; through = addMonths(through, 1)) {
        for (const [type, c] of Object.entries(accountContinuity(state, through)) as Array<
          [InsuranceType, { gaps: unknown; coveredMonths: number; corrections: number }]
        >) {
          const runs = monthCalendar(state, type, through);
          const gaps = runs.filter((r) => r.state === 'gap').map((r) => ({ from: r.from, to: r.to }));
          const byMonth = [...months(runs).values()];
          expect([through, type, gaps]).toEqual([
            through,
            type,
            (c.gaps as Array<{ from: string; to: string }>).map(({ from, to }) => ({ from, to })),
          ]);
          expect([through, type, byMonth.filter((s) => s === 'paid' || s === 'corrected').length]).toEqual([
            through,
            type,
            c.coveredMonths,
          ]);
          if (c.corrections === 0) expect(byMonth).not.toContain('corrected');
        }
      }
    }
  });
});
