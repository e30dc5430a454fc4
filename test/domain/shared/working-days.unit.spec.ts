import { weekdaysOnly } from '../../../src/domain/shared/working-days';
import { NATIONAL_DAY_2026 } from './national-day-2026';

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
});
