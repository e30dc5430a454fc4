import { excelSerialToIsoDate, parseDate, parseMonth } from '../../src/import/dates';

const date = (cell: Parameters<typeof parseDate>[0], date1904 = false) => parseDate(cell, date1904);
const month = (cell: Parameters<typeof parseMonth>[0]) => parseMonth(cell, false);

describe('dates in import files', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['２０２４／３／５', '2024-03-05'],
    ['20240305', '2024-03-05'],
    ['2024-03-05 00:00:00', '2024-03-05'],
    ['45356', '2024-03-05'],
  ])('reads %s as %s', (text, iso) => {
    expect(date(text)).toEqual({ ok: true, value: iso });
  });

  it('reads Excel serial numbers, date cells and yyyymmdd numbers', () => {
    expect(date(45356)).toEqual({ ok: true, value: '2024-03-05' });
    expect(date(45356.75)).toEqual({ ok: true, value: '2024-03-05' });
    expect(date(new Date(Date.UTC(2024, 2, 5)))).toEqual({ ok: true, value: '2024-03-05' });
    expect(date(20240305)).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('keeps the 1900 leap-year bug: serial 60 is the 1900-02-29 that never was', () => {
    expect(excelSerialToIsoDate(1, false)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59, false)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60, false)).toBeNull();
    expect(excelSerialToIsoDate(61, false)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(0, false)).toBeNull();
    expect(excelSerialToIsoDate(2_958_465, false)).toBe('9999-12-31');
    expect(excelSerialToIsoDate(2_958_466, false)).toBeNull();
  });

  it('counts from 1904-01-01 in the 1904 date system', () => {
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(date(43894, true)).toEqual({ ok: true, value: '2024-03-05' });
  });

  it('tells a day that does not exist from text that is no date', () => {
    expect(date('2024-02-30')).toEqual({ ok: false, why: 'impossible' });
    expect(date('2023/2/29')).toEqual({ ok: false, why: 'impossible' });
    expect(date('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(date(60)).toEqual({ ok: false, why: 'impossible' });
    expect(date('下周一')).toEqual({ ok: false, why: 'format' });
    expect(date('2024')).toEqual({ ok: false, why: 'format' });
  });
});

describe('months in import files', () => {
  it.each([
    ['2024-03', '2024-03'],
    ['2024/3', '2024-03'],
    ['202403', '2024-03'],
    ['2024年3月', '2024-03'],
    ['2024-03-01', '2024-03'],
    ['45352', '2024-03'],
  ])('reads %s as %s', (text, iso) => {
    expect(month(text)).toEqual({ ok: true, value: iso });
  });

  it('reads numbers and date cells', () => {
    expect(month(202403)).toEqual({ ok: true, value: '2024-03' });
    expect(month(45352)).toEqual({ ok: true, value: '2024-03' });
    expect(month(new Date(Date.UTC(2024, 2, 1)))).toEqual({ ok: true, value: '2024-03' });
  });

  it('refuses month 13 and words', () => {
    expect(month('2024-13')).toEqual({ ok: false, why: 'impossible' });
    expect(month('三月')).toEqual({ ok: false, why: 'format' });
  });
});
