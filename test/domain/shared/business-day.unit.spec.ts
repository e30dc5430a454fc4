import { businessDateOf, businessMonthOf, isTimeZone, startOfBusinessDay } from '../../../src/domain/shared/business-day';

const SHANGHAI = 'Asia/Shanghai';

describe('the business day of an instant', () => {
  it('is the Beijing day at 23:59 and at 00:01 Beijing time, whatever the UTC date', () => {
    // 23:59 on the 15th in Beijing is 15:59 UTC the same day.
    expect(businessDateOf(new Date('2024-07-15T15:59:00Z'), SHANGHAI)).toBe('2024-07-15');
    // 00:01 on the 16th in Beijing is still the 15th in UTC.
    expect(businessDateOf(new Date('2024-07-15T16:01:00Z'), SHANGHAI)).toBe('2024-07-16');
    // 07:30 on the 16th in Beijing: the UTC date says the 15th.
    expect(new Date('2024-07-15T23:30:00Z').toISOString().slice(0, 10)).toBe('2024-07-15');
    expect(businessDateOf(new Date('2024-07-15T23:30:00Z'), SHANGHAI)).toBe('2024-07-16');
  });

  it('crosses a month end and a year end at Beijing midnight', () => {
    expect(businessMonthOf(new Date('2024-06-30T15:59:59.999Z'), SHANGHAI)).toBe('2024-06');
    expect(businessMonthOf(new Date('2024-06-30T16:00:00Z'), SHANGHAI)).toBe('2024-07');
    expect(businessDateOf(new Date('2024-12-31T16:00:00Z'), SHANGHAI)).toBe('2025-01-01');
    expect(businessDateOf(new Date('2024-02-28T16:00:00Z'), SHANGHAI)).toBe('2024-02-29');
  });

  it('follows the configured zone', () => {
    const instant = new Date('2024-06-30T16:30:00Z');
    expect(businessDateOf(instant, 'UTC')).toBe('2024-06-30');
    expect(businessDateOf(instant, SHANGHAI)).toBe('2024-07-01');
    expect(businessDateOf(new Date('2024-07-01T03:00:00Z'), 'America/Los_Angeles')).toBe('2024-06-30');
  });

  it('is asked again within a minute and across midnight, for one zone and another, and answers each instant', () => {
    expect(businessDateOf(new Date('2024-07-15T15:59:00.000Z'), SHANGHAI)).toBe('2024-07-15');
    expect(businessDateOf(new Date('2024-07-15T15:59:59.999Z'), SHANGHAI)).toBe('2024-07-15');
    expect(businessDateOf(new Date('2024-07-15T15:59:30.000Z'), 'UTC')).toBe('2024-07-15');
    expect(businessDateOf(new Date('2024-07-15T16:00:00.000Z'), SHANGHAI)).toBe('2024-07-16');
    expect(businessDateOf(new Date('2024-07-15T15:59:30.000Z'), SHANGHAI)).toBe('2024-07-15');
    expect(businessDateOf(new Date('2024-07-15T16:00:30.000Z'), 'America/Los_Angeles')).toBe('2024-07-15');
    expect(businessDateOf(new Date('2024-07-15T16:00:30.000Z'), SHANGHAI)).toBe('2024-07-16');
  });

  it('answers the second, not the minute, where the zone was not a whole number of minutes from UTC', () => {
    // Shanghai's local mean time, +8:05:43 until 1901: its midnight fell at 15:54:17 UTC.
    expect(businessDateOf(new Date('1900-01-01T15:54:00Z'), SHANGHAI)).toBe('1900-01-01');
    expect(businessDateOf(new Date('1900-01-01T15:54:30Z'), SHANGHAI)).toBe('1900-01-02');
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone(SHANGHAI)).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('the start of a business day', () => {
  it('is local midnight in the zone', () => {
    expect(startOfBusinessDay('2024-07-01', 'Asia/Shanghai').toISOString()).toBe('2024-06-30T16:00:00.000Z');
    expect(startOfBusinessDay('2024-07-01', 'UTC').toISOString()).toBe('2024-07-01T00:00:00.000Z');
    // A day of a daylight-saving change: New York's 10 March 2024 starts at 05:00 UTC (EST), the 11th at 04:00 (EDT).
    expect(startOfBusinessDay('2024-03-10', 'America/New_York').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfBusinessDay('2024-03-11', 'America/New_York').toISOString()).toBe('2024-03-11T04:00:00.000Z');
  });

  it('is the first instant whose business date is that day', () => {
    for (const date of ['2024-01-01', '2024-02-29', '2024-12-31']) {
      const start = startOfBusinessDay(date, 'Asia/Shanghai');
      expect(businessDateOf(start, 'Asia/Shanghai')).toBe(date);
      expect(businessDateOf(new Date(start.getTime() - 1), 'Asia/Shanghai')).not.toBe(date);
    }
  });
});
