import { statutoryHolidays } from '../../../src/domain/shared/statutory-holidays';
import { LUNAR_2027, STATUTORY_2027 } from './holidays-2027';

describe('statutory holidays (全国年节及纪念日放假办法 art. 2, as in force from 2025)', () => {
  it('gives 2027 its 13 days: New Year, 除夕 to 初三, 清明, May 1-2, 端午, 中秋, Oct 1-3', () => {
    expect(statutoryHolidays(2027, LUNAR_2027)).toEqual(STATUTORY_2027);
  });

  it('takes 除夕 from the day before 正月初一, across a month end', () => {
    const lunar = { springFestival: '2028-01-26', qingming: '2028-04-04', dragonBoat: '2028-05-28', midAutumn: '2028-10-03' };
    const days = statutoryHolidays(2028, lunar);
    expect(days.slice(1, 5)).toEqual(['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']);
  });

  it('counts a day once when 中秋 falls within National Day', () => {
    const lunar = { springFestival: '2031-01-23', qingming: '2031-04-05', dragonBoat: '2031-06-24', midAutumn: '2031-10-01' };
    const days = statutoryHolidays(2031, lunar);
    expect(days).toHaveLength(12);
    expect(days.filter((d) => d === '2031-10-01')).toHaveLength(1);
  });

  it('knows nothing before 2025, when other rules were in force (春节 3 days, 劳动节 1)', () => {
    expect(
      statutoryHolidays(2024, { springFestival: '2024-02-10', qingming: '2024-04-04', dragonBoat: '2024-06-10', midAutumn: '2024-09-17' }),
    ).toEqual([]);
  });

  it('refuses Chinese-calendar dates of another year', () => {
    expect(() => statutoryHolidays(2027, { ...LUNAR_2027, midAutumn: '2026-09-25' })).toThrow(RangeError);
  });
});
