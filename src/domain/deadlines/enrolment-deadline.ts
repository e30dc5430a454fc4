import { addDays, firstDayOf, IsoDate, IsoMonth } from '../shared/calendar';

/**
 * Social Insurance Law art. 58 para. 1: the employer applies for the employee's
 * social-insurance registration 自用工之日起三十日内, within thirty days of the start of
 * employment (docs/LAW.md §1.3, https://www.e78.com.cn/shebao/160.html [secondary]).
 * Counted from the day after the hire date (Civil Code art. 201): hired 2024-01-10,
 * the last day is 2024-02-09.
 */
export const ENROLMENT_DAYS = 30;
export const enrolmentDeadline = (hireDate: IsoDate): IsoDate => addDays(hireDate, ENROLMENT_DAYS);

/**
 * The account keeps the first month covered, not the day the registration was
 * filed. An enrolment whose first covered day (the 1st of its start month) falls
 * after the last of the thirty days left the employee uninsured for longer than
 * the law allows, so it is late: hired 2024-01-10, a start in 2024-02 is on time,
 * one in 2024-03 is late; hired 2024-01-01 (last day 2024-01-31), 2024-02 is late.
 */
export const enrolledLate = (hireDate: IsoDate, startMonth: IsoMonth): boolean => firstDayOf(startMonth) > enrolmentDeadline(hireDate);
