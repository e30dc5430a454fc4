import { addDays as addDaysTo, differenceInCalendarDays, format, parse } from 'date-fns';
import { addDays, addMonths, dayInMonth, daysBetween, isIsoDate, monthsBetween } from '../../../src/domain/shared/calendar';

/** date-fns with its format string: what calendar.ts did before it built dates from the digits, kept here as the reference. */
const reference = {
  toDate: (date: string) => parse(date, 'yyyy-MM-dd', new Date(2000, 0, 1)),
  addDays: (date: string, days: number) => format(addDaysTo(reference.toDate(date), days), 'yyyy-MM-dd'),
  daysBetween: (from: string, to: string) => differenceInCalendarDays(reference.toDate(to), reference.toDate(from)),
};

describe('calendar dates', () => {
  it('adds and counts days as date-fns does, every day from 1949 to 2101 (leap years, month and year ends)', () => {
    let mismatches = 0;
    for (let day = '1949-01-01'; day < '2101-01-01'; day = reference.addDays(day, 1)) {
      for (const step of [1, -1, 15, 16, -30, 366]) {
        if (addDays(day, step) !== reference.addDays(day, step)) mismatches++;
      }
      if (daysBetween('2000-02-29', day) !== reference.daysBetween('2000-02-29', day)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('counts a period of days from the next day (Civil Code art. 201): day 15 after 2024-06-30 is 2024-07-15', () => {
    expect(addDays('2024-06-30', 15)).toBe('2024-07-15');
    expect(daysBetween('2024-06-30', '2024-07-16')).toBe(16);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-30', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['0099-12-31', true],
    ['9999-12-31', true],
    ['2024-1-05', false],
    ['2024/01/05', false],
    [20240105, false],
  ])('isIsoDate(%p) is %p', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });

  it('keeps years below 100 (which the Date constructor reads as 19xx)', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    expect(addDays('0050-03-01', -1)).toBe('0050-02-28');
  });

  it('adds months and clamps a day to the month', () => {
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2024-01', -13)).toBe('2022-12');
    expect(monthsBetween('2023-11', '2024-02')).toBe(3);
    expect(dayInMonth('2024-02', 31)).toBe('2024-02-29');
    expect(dayInMonth('2023-02', 31)).toBe('2023-02-28');
    expect(dayInMonth('2024-04', 31)).toBe('2024-04-30');
    expect(dayInMonth('2024-05', 15)).toBe('2024-05-15');
  });
});
