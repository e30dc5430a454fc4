/** Plain statistics for the dashboard; null wherever there is nothing to divide. */

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** A fraction from 0 to 1, rounded to 4 decimals. */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole, 4));

/** Rounded to 2 decimals. */
export const average = (values: number[]): number | null =>
  values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length, 2);

/** The middle value; for an even count the mean of the two middle ones. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** How often each key occurs, keys in alphabetical order (so answers compare equal). */
export function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
