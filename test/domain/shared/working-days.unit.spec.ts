import { IsoDate } from '../../../src/domain/shared/calendar';
import { workingDayCalendar, weekdaysOnly } from '../../../src/domain/shared/working-days';
import { NATIONAL_DAY_2026 } from './national-day-2026';

/** 2026 published as NATIONAL_DAY_2026 has it; for later years only the law's days off, given for 2027 alone. */
const WITH_STATUTORY_2027 = workingDayCalendar({
  holidays: new Set(['2026-10-01', '2026-10-02']),
  makeUpWorkingDays: new Set(),
  years: { from: 2026, to: 2026 },
  statutory: (year): IsoDate[] | undefined =>
    year === 2027 ? ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-06', '2027-10-01'] : undefined,
});

describe('working-day calendar', () => {
  describe('given the 2026 arrangement', () => {
    it('a holiday on a weekday is not a working day; a make-up weekend day is', () => {
      expect(NATIONAL_DAY_2026.isWorkingDay('2026-10-05')).toBe(false); // Monday, National Day
      expect(NATIONAL_DAY_2026.isWorkingDay('2026-09-25')).toBe(false); // Friday, Mid-autumn
      expect(NATIONAL_DAY_2026.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休
      expect(NATIONAL_DAY_2026.isWorkingDay('2026-10-10')).toBe(true); // Saturday, 调休
      expect(NATIONAL_DAY_2026.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
      expect(NATIONAL_DAY_2026.isWorkingDay('2026-10-08')).toBe(true);
    });

    it('counts working days across the holiday, both ways', () => {
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-10-08', -1)).toBe('2026-09-30');
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-09-30', -3)).toBe('2026-09-24');
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-09-22', -2)).toBe('2026-09-20');
    });

    it('0 days is the day itself when it is a working day, else the next one', () => {
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
      expect(NATIONAL_DAY_2026.addWorkingDays('2026-10-03', 0)).toBe('2026-10-08');
    });

    it('says which years it knows', () => {
      expect(NATIONAL_DAY_2026.coverage('2026-12-31')).toBe('published');
      expect(NATIONAL_DAY_2026.coverage('2027-01-04')).toBe('weekdays');
    });
  });

  describe('given a year outside the published data', () => {
    it('falls back to Monday to Friday', () => {
      expect(NATIONAL_DAY_2026.isWorkingDay('2027-10-01')).toBe(true); // a Friday; 2027 is not published
      expect(NATIONAL_DAY_2026.addWorkingDays('2027-01-01', 1)).toBe('2027-01-04');
      expect(weekdaysOnly.addWorkingDays('2026-09-30', 1)).toBe('2026-10-01');
    });
  });

  describe('given the statutory days off of a year whose notice is not out', () => {
    it('takes them out of Monday to Friday, and nothing else', () => {
      expect(WITH_STATUTORY_2027.isWorkingDay('2027-01-01')).toBe(false); // Friday, New Year
      expect(WITH_STATUTORY_2027.isWorkingDay('2027-02-05')).toBe(false); // Friday, 除夕
      expect(WITH_STATUTORY_2027.isWorkingDay('2027-02-08')).toBe(false); // Monday, 初三
      expect(WITH_STATUTORY_2027.isWorkingDay('2027-02-09')).toBe(true); // Tuesday: no notice says more
      expect(WITH_STATUTORY_2027.isWorkingDay('2027-02-06')).toBe(false); // Saturday, a weekend either way
    });

    it('counts across the new year: from Thu 2026-12-31, one working day on is Mon 2027-01-04', () => {
      expect(WITH_STATUTORY_2027.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
      expect(WITH_STATUTORY_2027.addWorkingDays('2027-01-04', -1)).toBe('2026-12-31');
      expect(WITH_STATUTORY_2027.addWorkingDays('2027-02-04', 1)).toBe('2027-02-09');
    });

    it('says which years it knows, and how', () => {
      expect(WITH_STATUTORY_2027.coverage('2026-12-31')).toBe('published');
      expect(WITH_STATUTORY_2027.coverage('2027-01-04')).toBe('statutory');
      expect(WITH_STATUTORY_2027.coverage('2028-01-04')).toBe('weekdays');
      expect(WITH_STATUTORY_2027.isWorkingDay('2028-10-02')).toBe(true); // Monday: nothing known of 2028 here
    });
  });
});
