import { validate } from 'class-validator';
import { CALENDAR_DATE_PATTERN, CALENDAR_MONTH_PATTERN, EARLIEST_DATE, IsCalendarDate, LATEST_DATE } from '../../src/http/validators';

class Dated {
  @IsCalendarDate()
  on!: string;
}

const accepted = async (on: string) => (await validate(Object.assign(new Dated(), { on }))).length === 0;

/** The patterns the OpenAPI document gives are the range the validators take: one rule, in two notations. */
describe('the calendar patterns', () => {
  it('take the first and last date and month of the range, and nothing just outside it', () => {
    expect(CALENDAR_DATE_PATTERN.test(EARLIEST_DATE)).toBe(true);
    expect(CALENDAR_DATE_PATTERN.test(LATEST_DATE)).toBe(true);
    expect(CALENDAR_DATE_PATTERN.test('1949-09-30')).toBe(false);
    expect(CALENDAR_DATE_PATTERN.test('2101-01-01')).toBe(false);
    expect(CALENDAR_MONTH_PATTERN.test(EARLIEST_DATE.slice(0, 7))).toBe(true);
    expect(CALENDAR_MONTH_PATTERN.test(LATEST_DATE.slice(0, 7))).toBe(true);
    expect(CALENDAR_MONTH_PATTERN.test('1949-09')).toBe(false);
    expect(CALENDAR_MONTH_PATTERN.test('2024-13')).toBe(false);
  });

  it('leave to the validator only whether the day exists in its month', async () => {
    expect(CALENDAR_DATE_PATTERN.test('2024-02-30')).toBe(true);
    expect(await accepted('2024-02-30')).toBe(false);
    expect(await accepted('2024-02-29')).toBe(true);
    expect(await accepted('1949-09-30')).toBe(false);
    expect(await accepted('2100-12-31')).toBe(true);
  });
});
