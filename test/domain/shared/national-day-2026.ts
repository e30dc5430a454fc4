import { workingDayCalendar } from '../../../src/domain/shared/working-days';

/**
 * The State Council's 2026 arrangement around National Day (国务院办公厅关于2026年部分节假日安排的通知,
 * 2025-11-04): Mid-autumn Sep 25–27 and National Day Oct 1–7 off, Sun Sep 20 and Sat Oct 10 worked.
 * Only 2026 is "published": other years fall back to Monday to Friday.
 */
export const NATIONAL_DAY_2026 = workingDayCalendar({
  holidays: new Set(['2026-09-25', '2026-09-26', '2026-09-27', ...[1, 2, 3, 4, 5, 6, 7].map((d) => `2026-10-0${d}`)]),
  makeUpWorkingDays: new Set(['2026-09-20', '2026-10-10']),
  years: { from: 2026, to: 2026 },
});
