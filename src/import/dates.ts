import { IsoDate, IsoMonth, isIsoDate, isIsoMonth } from '../domain/shared/calendar';
import { Cell } from './sheet';

/**
 * Dates and months as HR exports write them: 2024-03-05, 2024/3/5, 2024.3.5,
 * 2024年3月5日, 20240305, Excel serial numbers (a date column formatted as
 * "General", or a CSV saved from it) and date cells. "No such format" and "no such
 * day" (2024-02-30) are told apart, for the report.
 */
export type DateParse<T> = { ok: true; value: T } | { ok: false; why: 'format' | 'impossible' };

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 system for serials from 61 on (1900-03-01): 1899-12-30, one day early because of the phantom 1900-02-29. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last day Excel has. */
const LAST_SERIAL = 2_958_465;

const DATE_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];
const MONTH_FORMS = [/^(\d{4})[-/.](\d{1,2})$/, /^(\d{4})年(\d{1,2})月?$/, /^(\d{4})(\d{2})$/];
/** A serial typed into a CSV: five digits (1927-05-18 to 2173-10-14), so a year or a number with another meaning is not read as a date. */
const SERIAL_TEXT = /^\d{5}(\.\d+)?$/;

/**
 * Excel's serial day number to a date. In the 1900 system serial 1 is 1900-01-01
 * and serial 60 is 1900-02-29, a day that never existed (kept from Lotus 1-2-3
 * for compatibility): it is refused, and serials before it count one day less.
 * The fraction is the time of day.
 */
export function excelSerialToIsoDate(serial: number, date1904: boolean): IsoDate | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day > LAST_SERIAL) return null;
  if (date1904) return day < 0 ? null : isoOf(EPOCH_1904 + day * DAY_MS);
  if (day < 1 || day === 60) return null;
  return isoOf(EPOCH_1900 + (day < 60 ? day + 1 : day) * DAY_MS);
}

export function parseDate(cell: Cell, date1904: boolean): DateParse<IsoDate> {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, why: 'format' } : { ok: true, value: isoOf(cell.getTime()) };
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 1e7 && cell < 1e8 ? checked(ymd(String(cell).match(DATE_FORMS[2])!)) : serial(cell, date1904);
  const text = dateText(cell);
  if (SERIAL_TEXT.test(text)) return serial(Number(text), date1904);
  for (const form of DATE_FORMS) {
    const match = text.match(form);
    if (match) return checked(ymd(match));
  }
  return { ok: false, why: 'format' };
}

export function parseMonth(cell: Cell, date1904: boolean): DateParse<IsoMonth> {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 100_000 && cell < 1_000_000)
    return month(String(cell).match(MONTH_FORMS[2])!);
  const text = typeof cell === 'string' ? dateText(cell) : '';
  for (const form of MONTH_FORMS) {
    const match = text.match(form);
    if (match) return month(match);
  }
  // A whole date (or a date cell, or a serial) in a month column stands for its month.
  const date = parseDate(cell, date1904);
  return date.ok ? { ok: true, value: date.value.slice(0, 7) } : date;
}

/** Full-width digits and punctuation (２０２４／３／５) as ASCII, and no blanks around the separators (2024 年 3 月). */
const dateText = (cell: Cell): string =>
  String(cell ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/\s*([-/.年月日号])\s*/g, '$1');

function serial(value: number, date1904: boolean): DateParse<IsoDate> {
  const date = excelSerialToIsoDate(value, date1904);
  return date ? { ok: true, value: date } : { ok: false, why: 'impossible' };
}

const pad = (value: string) => value.padStart(2, '0');
const ymd = (match: RegExpMatchArray): string => `${match[1]}-${pad(match[2])}-${pad(match[3])}`;

function checked(date: string): DateParse<IsoDate> {
  return isIsoDate(date) ? { ok: true, value: date } : { ok: false, why: 'impossible' };
}

function month(match: RegExpMatchArray): DateParse<IsoMonth> {
  const value = `${match[1]}-${pad(match[2])}`;
  return isIsoMonth(value) ? { ok: true, value } : { ok: false, why: 'impossible' };
}

const isoOf = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);
