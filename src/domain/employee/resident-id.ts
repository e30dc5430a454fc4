import { IsoDate, isIsoDate } from '../shared/calendar';

/**
 * The PRC citizen identity number (居民身份证号码, GB 11643-1999): a 6-digit area
 * code, an 8-digit birth date, a 3-digit sequence and a check character
 * (ISO 7064 MOD 11-2). Reasons never repeat the number: they end up in errors.
 */
export type ResidentIdCheck = { ok: true; birthDate: IsoDate } | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
/** The oldest birth date accepted: nobody born before it is still in employment. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** The check character for the first 17 digits (weighted sum mod 11 indexes '10X98765432'). */
export function checkCharOf(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11];
}

/** Cards print an upper-case X; people type a lower-case one. */
export const normalizeResidentId = (value: string): string => value.toUpperCase();

export function validateResidentId(value: string): ResidentIdCheck {
  const id = normalizeResidentId(value);
  if (id.length !== 18) return { ok: false, reason: `must be 18 characters, got ${id.length}` };
  if (!SHAPE.test(id)) return { ok: false, reason: 'must be 17 digits followed by a digit or X' };
  if (id.startsWith('0')) return { ok: false, reason: 'area code must not start with 0' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return { ok: false, reason: 'birth date (digits 7-14) is not a real date' };
  if (birthDate < EARLIEST_BIRTH_DATE) return { ok: false, reason: `birth date is before ${EARLIEST_BIRTH_DATE}` };
  if (checkCharOf(id) !== id[17]) return { ok: false, reason: 'check character does not match the first 17 digits' };
  return { ok: true, birthDate };
}

/**
 * "Not born in the future" needs today's date, which the domain never reads:
 * the application calls this with its clock before dispatching the command.
 */
export const isBornAfter = (birthDate: IsoDate, today: IsoDate): boolean => birthDate > today;

/** `110105********002X`: area code and the last four, as shown to roles that may not see the number. */
export function maskResidentId(id: string): string {
  // Anything but a full number is hidden entirely, so a short value never leaks through the two ends.
  if (id.length !== 18) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`;
}
