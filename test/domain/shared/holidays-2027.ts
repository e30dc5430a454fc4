/**
 * 2027's days off under 全国年节及纪念日放假办法 art. 2 (in force from 2025), worked out by hand: New Year Fri
 * Jan 1; 正月初一 Sat Feb 6, so 除夕 Fri Feb 5 to 初三 Mon Feb 8; 清明 Mon Apr 5; May 1-2; 端午 Wed Jun 9;
 * 中秋 Wed Sep 15; Oct 1-3. The State Council's notice for 2027 was not out when this was written.
 */
export const LUNAR_2027 = { springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' };

export const STATUTORY_2027 = [
  '2027-01-01',
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-04-05',
  '2027-05-01',
  '2027-05-02',
  '2027-06-09',
  '2027-09-15',
  '2027-10-01',
  '2027-10-02',
  '2027-10-03',
];
