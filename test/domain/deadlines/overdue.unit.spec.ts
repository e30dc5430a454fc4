import { deadlinesOf, overdue, overdueFrom, pendingDeadlines } from '../../../src/domain/deadlines/overdue';
import { isStepOverdue, StepStatus, stepStatuses } from '../../../src/domain/offboarding/offboarding.decider';
import { addDays } from '../../../src/domain/shared/calendar';
import { StepKey } from '../../../src/domain/shared/vocabulary';
import { openCase, perform } from '../offboarding/fixtures';
import { caseAfter } from '../../dashboard/case-fixtures';

/** Shanghai, enterprise_regular, dismissal; last working day 2024-06-30. */
describe('deadlines of an open case', () => {
  const fresh = caseAfter([openCase()]);

  it('lists each step not done that has a due date, from its policy rule', () => {
    expect(pendingDeadlines(fresh)).toEqual([
      { key: 'approval', dueDate: '2024-06-30' },
      { key: 'handover', dueDate: '2024-06-30' },
      { key: 'si_transfer_out', dueDate: '2024-07-15' },
      { key: 'housing_fund_transfer', dueDate: '2024-07-30' },
      { key: 'termination_certificate', dueDate: '2024-06-30' },
      { key: 'labor_termination', dueDate: '2024-07-15' },
      { key: 'archive_transfer', dueDate: '2024-07-15' },
    ]);
    expect(pendingDeadlines(caseAfter([openCase(), perform('approval')])).map((d) => d.key)).not.toContain('approval');
  });

  it('has none once the case is closed', () => {
    expect(
      pendingDeadlines(
        caseAfter([openCase(), { type: 'CancelCase', data: { note: 'withdrawn', actor: { id: 'u', role: 'hr_specialist' } } }]),
      ),
    ).toEqual([]);
  });

  it('makes a step overdue from the day after its due date, counting calendar days', () => {
    const deadlines = pendingDeadlines(fresh);
    expect(overdue(deadlines, '2024-06-30')).toEqual([]);
    expect(overdue(deadlines, '2024-07-01')).toEqual([
      { key: 'approval', dueDate: '2024-06-30', daysOverdue: 1 },
      { key: 'handover', dueDate: '2024-06-30', daysOverdue: 1 },
      { key: 'termination_certificate', dueDate: '2024-06-30', daysOverdue: 1 },
    ]);
    expect(overdue(deadlines, '2024-07-16').map((d) => [d.key, d.daysOverdue])).toEqual([
      ['approval', 16],
      ['handover', 16],
      ['si_transfer_out', 1],
      ['termination_certificate', 16],
      ['labor_termination', 1],
      ['archive_transfer', 1],
    ]);
    expect(overdueFrom(deadlines)).toBe('2024-07-01');
    expect(overdueFrom([])).toBeNull();
  });

  it('agrees with the case view (stepStatuses) on every day', () => {
    const states = [fresh, caseAfter([openCase(), perform('approval'), perform('handover')])];
    for (const state of states) {
      for (let day = '2024-06-25'; day <= '2024-08-05'; day = addDays(day, 1)) {
        const expected = stepStatuses(state, day)
          .filter((s) => s.overdue)
          .map((s) => s.key);
        expect(overdue(pendingDeadlines(state), day).map((d) => d.key)).toEqual(expected);
      }
    }
  });
});

/** The one rule for a single step, used by the decider's statuses and by the stored case view alike. */
describe('isStepOverdue', () => {
  const step = { doneOn: null, dueDate: '2024-07-15' };

  it('is not overdue on its due date (day 15 of a 15-day period) and is from the day after', () => {
    expect(isStepOverdue('open', step, '2024-07-15')).toBe(false);
    expect(isStepOverdue('open', step, '2024-07-16')).toBe(true);
  });

  it('is never overdue once done, without a due date, or when its case is closed', () => {
    expect(isStepOverdue('open', { doneOn: '2024-07-20', dueDate: '2024-07-15' }, '2024-08-01')).toBe(false);
    expect(isStepOverdue('open', { doneOn: null, dueDate: null }, '2024-08-01')).toBe(false);
    expect(isStepOverdue('cancelled', step, '2024-08-01')).toBe(false);
    expect(isStepOverdue('completed', step, '2024-08-01')).toBe(false);
  });

  // Expected values written out by hand (not computed by pendingDeadlines, which is deadlinesOf over stepStatuses).
  it('takes the deadlines from stored step statuses: the steps not done that have a due date, while the case is open', () => {
    const stored = (key: StepKey, dueDate: string | null, doneOn: string | null): StepStatus => ({
      key,
      status: doneOn ? 'done' : 'available',
      requires: [],
      missing: [],
      dueDate,
      doneOn,
    });
    const steps = [
      stored('approval', '2024-06-30', '2024-06-28'),
      stored('handover', '2024-06-30', null),
      stored('si_transfer_out', '2024-07-15', '2024-07-20'),
      stored('labor_termination', null, null),
      stored('archive_transfer', '2024-07-15', null),
    ];
    expect(deadlinesOf('open', steps)).toEqual([
      { key: 'handover', dueDate: '2024-06-30' },
      { key: 'archive_transfer', dueDate: '2024-07-15' },
    ]);
    expect(deadlinesOf('completed', steps)).toEqual([]);
    expect(deadlinesOf('cancelled', steps)).toEqual([]);
  });

  it('gives the stored view of a case after its approval the six deadlines left', () => {
    const open = caseAfter([openCase(), perform('approval')]);
    expect(deadlinesOf(open.status, stepStatuses(open))).toEqual([
      { key: 'handover', dueDate: '2024-06-30' },
      { key: 'si_transfer_out', dueDate: '2024-07-15' },
      { key: 'housing_fund_transfer', dueDate: '2024-07-30' },
      { key: 'termination_certificate', dueDate: '2024-06-30' },
      { key: 'labor_termination', dueDate: '2024-07-15' },
      { key: 'archive_transfer', dueDate: '2024-07-15' },
    ]);
  });
});
