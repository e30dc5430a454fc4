import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { dueDate } from '../../../src/domain/policy/due-dates';
import { RegionalParameters } from '../../../src/domain/policy/policy';

const parameters = (region: string): RegionalParameters => DEFAULT_POLICIES.find((p) => p.region === region)!.parameters;
const shanghai = parameters('shanghai');

describe('dueDate', () => {
  it('on_termination: the termination date when registered, else the last working day', () => {
    expect(dueDate({ kind: 'on_termination' }, { lastWorkingDay: '2024-06-30', parameters: shanghai })).toBe('2024-06-30');
    expect(dueDate({ kind: 'on_termination' }, { lastWorkingDay: '2024-06-30', terminationDate: '2024-07-02', parameters: shanghai })).toBe(
      '2024-07-02',
    );
  });

  it('days_after_termination: calendar days counted from the next day (Civil Code art. 201)', () => {
    const fifteen = { kind: 'days_after_termination', days: 15 } as const;
    expect(dueDate(fifteen, { lastWorkingDay: '2024-06-30', parameters: shanghai })).toBe('2024-07-15');
    expect(dueDate(fifteen, { lastWorkingDay: '2024-06-30', terminationDate: '2024-07-05', parameters: shanghai })).toBe('2024-07-20');
    expect(dueDate(fifteen, { lastWorkingDay: '2024-02-20', parameters: shanghai })).toBe('2024-03-06');
    expect(dueDate(fifteen, { lastWorkingDay: '2023-02-20', parameters: shanghai })).toBe('2023-03-07');
    expect(dueDate(fifteen, { lastWorkingDay: '2024-12-25', parameters: shanghai })).toBe('2025-01-09');
  });

  it('before_last_working_day: from the last working day only', () => {
    expect(
      dueDate(
        { kind: 'before_last_working_day', days: 0 },
        { lastWorkingDay: '2024-06-30', terminationDate: '2024-07-10', parameters: shanghai },
      ),
    ).toBe('2024-06-30');
    expect(dueDate({ kind: 'before_last_working_day', days: 3 }, { lastWorkingDay: '2024-03-01', parameters: shanghai })).toBe(
      '2024-02-27',
    );
  });

  it('reduction_cutoff: the region’s cut-off, capped by the statutory 15 days', () => {
    const rule = { kind: 'reduction_cutoff' } as const;
    expect(dueDate(rule, { lastWorkingDay: '2024-06-30', parameters: shanghai })).toBe('2024-07-15');
    expect(dueDate(rule, { lastWorkingDay: '2024-06-10', parameters: shanghai })).toBe('2024-06-25');
    expect(dueDate(rule, { lastWorkingDay: '2024-06-20', parameters: parameters('xiamen') })).toBe('2024-06-30');
    expect(dueDate(rule, { lastWorkingDay: '2024-06-10', parameters: parameters('xiamen') })).toBe('2024-06-25');
    expect(dueDate(rule, { lastWorkingDay: '2024-07-10', parameters: parameters('shenzhen') })).toBe('2024-07-25');
  });

  it('reduction_cutoff without a rule in force: the statutory 15 days', () => {
    expect(dueDate({ kind: 'reduction_cutoff' }, { lastWorkingDay: '2010-06-30', parameters: shanghai })).toBe('2010-07-15');
  });

  it('none: no due date', () => {
    expect(dueDate({ kind: 'none' }, { lastWorkingDay: '2024-06-30', parameters: shanghai })).toBeNull();
  });
});
