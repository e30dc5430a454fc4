import { chineseDaysCalendar, publishedDays } from '../../../src/infrastructure/working-days/chinese-days-calendar';

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

  it('falls back to weekdays for 2027 and warns once per year', () => {
    const warnings: string[] = [];
    const calendar = chineseDaysCalendar((message) => warnings.push(message));
    expect(calendar.coverage('2027-02-10')).toBe('weekdays');
    expect(calendar.isWorkingDay('2027-02-10')).toBe(true);
    calendar.addWorkingDays('2027-02-10', 5);
    expect(calendar.coverage('2026-02-10')).toBe('published');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2027');
  });
});
