import { chineseDaysCalendar, lunarStatutoryHolidays, publishedDays } from '../../../src/infrastructure/working-days/chinese-days-calendar';
import { STATUTORY_2027 } from '../../domain/shared/holidays-2027';

describe('chinese-days calendar', () => {
  it('covers 2004 to 2026 (chinese-days 1.5.7)', () => {
    expect(publishedDays().years).toEqual({ from: 2004, to: 2026 });
  });

  it('has the State Council notice of 2025-11-04 for National Day 2026: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked', () => {
    const calendar = chineseDaysCalendar(() => undefined);
    for (let day = 1; day <= 7; day += 1) expect(calendar.isWorkingDay(`2026-10-0${day}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-25')).toBe(false); // Mid-autumn
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
  });

  it('falls back to Monday to Friday less the statutory holidays for 2027, and warns once per year', () => {
    const warnings: string[] = [];
    const calendar = chineseDaysCalendar((message) => warnings.push(message));
    expect(calendar.coverage('2027-02-10')).toBe('statutory');
    expect(calendar.isWorkingDay('2027-02-10')).toBe(true); // Wednesday after Spring Festival: no notice yet
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false); // Friday, New Year's Day
    expect(calendar.addWorkingDays('2027-02-04', 1)).toBe('2027-02-09'); // Fri 除夕 and Mon 初三 are days off
    expect(calendar.coverage('2026-02-10')).toBe('published');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2027');
    expect(warnings[0]).toContain('statutory holidays');
  });

  it('works out the statutory days from its Chinese calendar as the published notices have them (2025, 2026)', () => {
    const published = publishedDays().holidays;
    for (const year of [2025, 2026]) {
      const days = lunarStatutoryHolidays(year)!;
      expect(days).toHaveLength(13);
      expect(days.filter((day) => !published.has(day))).toEqual([]);
    }
    expect(lunarStatutoryHolidays(2026)).toEqual(
      expect.arrayContaining(['2026-02-16', '2026-02-19', '2026-04-05', '2026-06-19', '2026-09-25']),
    );
  });

  it('gives every year from 2025 to 2100 its 12 or 13 days, each in that year', () => {
    for (let year = 2025; year <= 2100; year += 1) {
      const days = lunarStatutoryHolidays(year)!;
      expect(days.length === 13 || days.length === 12).toBe(true);
      expect(days.every((day) => day.startsWith(`${year}-`))).toBe(true);
    }
  });

  it("gives 2027's: 除夕 Feb 5 to 初三 Feb 8, 清明 Apr 5, 端午 Jun 9, 中秋 Sep 15", () => {
    expect(lunarStatutoryHolidays(2027)).toEqual(STATUTORY_2027);
  });

  it('knows no statutory days past its lunar tables (2100), nor before the rules of 2025', () => {
    const calendar = chineseDaysCalendar(() => undefined);
    expect(lunarStatutoryHolidays(2101)).toBeUndefined();
    expect(lunarStatutoryHolidays(2024)).toBeUndefined();
    expect(calendar.isWorkingDay('1899-12-29')).toBe(true); // a Friday, long before the rules: plain Monday to Friday
    expect(calendar.coverage('2101-01-03')).toBe('weekdays');
    expect(calendar.coverage('2003-01-01')).toBe('weekdays');
  });
});
