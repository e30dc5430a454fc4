import { assessed, blankRecord, problemsOn } from '../../src/reports/incomplete-records';

const hired = (over: Partial<ReturnType<typeof blankRecord>> = {}) => ({
  ...blankRecord('E1'),
  status: 'employed' as const,
  hireDate: '2024-01-10',
  ...over,
});
const deadlines = [
  { key: 'approval' as const, dueDate: '2024-07-20' },
  { key: 'si_transfer_out' as const, dueDate: '2024-08-04' },
];

describe('incomplete records', () => {
  it('has nothing to say about an employee not on record', () => {
    expect(assessed(blankRecord('E1'))).toMatchObject({ problems: [], incompleteFrom: null });
  });

  it('flags a missing contract and enrolment from the hire date', () => {
    expect(assessed(hired())).toMatchObject({ problems: ['no_contract', 'no_enrolment'], incompleteFrom: '2024-01-10' });
  });

  it('flags an enrolment that started after the thirty days, and nothing for a complete record', () => {
    expect(assessed(hired({ contracts: 1, enrolmentStartMonth: '2024-03' }))).toMatchObject({
      problems: ['late_enrolment'],
      incompleteFrom: '2024-01-10',
    });
    expect(assessed(hired({ contracts: 1, enrolmentStartMonth: '2024-02' }))).toMatchObject({ problems: [], incompleteFrom: null });
  });

  it('counts an open case as incomplete from the day after its earliest due date', () => {
    expect(assessed(hired({ contracts: 1, enrolmentStartMonth: '2024-01', deadlines }))).toMatchObject({
      problems: [],
      incompleteFrom: '2024-07-21',
    });
    expect(assessed(hired({ deadlines })).incompleteFrom).toBe('2024-01-10');
  });

  it('adds the overdue case on the day asked, with the steps and days overdue', () => {
    const doc = assessed(hired({ contracts: 1, enrolmentStartMonth: '2024-01', openCaseId: 'K1', deadlines }));
    expect(problemsOn(doc, '2024-07-20')).toEqual({ problems: [], overdueSteps: [] });
    expect(problemsOn(doc, '2024-08-05')).toEqual({
      problems: ['open_case_overdue'],
      overdueSteps: [
        { key: 'approval', dueDate: '2024-07-20', daysOverdue: 16 },
        { key: 'si_transfer_out', dueDate: '2024-08-04', daysOverdue: 1 },
      ],
    });
  });
});
