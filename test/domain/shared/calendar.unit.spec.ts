import {
  addDays as addDaysTo,
  addMonths as addMonthsTo,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  format,
  parse,
} from 'date-fns';
import { addDays, addMonths, dayInMonth, daysBetween, isIsoDate, monthsBetween } from '../../../src/domain/shared/calendar';

/** date-fns with its format string: what calendar.ts did before it built dates from the digits, kept here as the reference. */
const reference = {
  toDate: (date: string) => parse(date, 'yyyy-MM-dd', new Date(2000, 0, 1)),
  addDays: (date: string, days: number) => format(addDaysTo(reference.toDate(date), days), 'yyyy-MM-dd'),
  daysBetween: (from: string, to: string) => differenceInCalendarDays(reference.toDate(to), reference.toDate(from)),
  toMonth: (month: string) => parse(month, 'yyyy-MM', new Date(2000, 0, 1)),
  addMonths: (month: string, months: number) => format(addMonthsTo(reference.toMonth(month), months), 'yyyy-MM'),
  monthsBetween: (from: string, to: string) => differenceInCalendarMonths(reference.toMonth(to), reference.toMonth(from)),
};

describe('calendar dates', () => {
  it('adds and counts days as date-fns does, every day from 1949 to 2101 (leap years, month and year ends)', () => {
    let mismatches = 0;
    for (let day = '1949-01-01'; day < '2101-01-01'; day = reference.addDays(day, 1)) {
      for (const step of [1, -1, 15, 16, -30, 366]) {
        if (addDays(day, step) !== reference.addDays(day, step)) mismatches++;
      }
      if (daysBetween('2000-02-29', day) !== reference.daysBetween('2000-02-29', day)) mismatches++;
      if (daysBetween(day, '1987-04-12') !== reference.daysBetween(day, '1987-04-12')) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('adds and counts months as date-fns does, every month from 1900 to 2200', () => {
    let mismatches = 0;
    for (let month = '1900-01'; month < '2200-01'; month = reference.addMonths(month, 1)) {
      for (const step of [1, -1, 11, 12, -13, 120]) if (addMonths(month, step) !== reference.addMonths(month, step)) mismatches++;
      if (monthsBetween('1999-12', month) !== reference.monthsBetween('1999-12', month)) mismatches++;
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
    // 1 + 31 + 28: the year 100 is not a leap year (a century not divisible by 400).
    expect(daysBetween('0099-12-31', '0100-03-01')).toBe(60);
    expect(addMonths('0099-12', 1)).toBe('0100-01');
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
