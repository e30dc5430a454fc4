import { IsoMonth } from '../domain/shared/calendar';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { GapsFilter } from './continuity-gaps.query';

/**
 * The continuity-gaps report's total without counting index entries: for each
 * combination of the report's filters (none, org unit, region, category, and
 * each pair and the three together) and each of its values, how many employees
 * have their first gap in each month. The total up to `through` is the sum of
 * the months up to it: one document read by id, whatever the number of
 * employees; its size grows only with the number of distinct months.
 *
 * Kept by the continuity_index projection in the same batch as the index
 * documents, so the total and the page are of the same events. An employee
 * counts under a filter exactly when the report's query finds them with it: a
 * text firstGapMonth, and a text value (equal to the filter's) in each field the
 * filter names; an employee with no org unit on record is in no org-unit count.
 */
export const CONTINUITY_GAP_COUNTS = 'continuity_gap_counts';

export interface GapCountsDocument extends ReadDocument {
  /** Employees by first gap month; months with none are left out. */
  months: Record<IsoMonth, number>;
}

type FilterField = 'orgUnit' | 'region' | 'category';
const FIELDS: FilterField[] = ['orgUnit', 'region', 'category'];
/** Every subset of the filter fields, the empty one included. */
const COMBINATIONS: FilterField[][] = Array.from({ length: 2 ** FIELDS.length }, (_, bits) => FIELDS.filter((_, k) => bits & (2 ** k)));

/** The counter document of a filter: its fields and values, as JSON (values may hold any character). */
export function gapCountsId(filter: Partial<Record<FilterField, string | null | undefined>>): string {
  return JSON.stringify(FIELDS.map((field) => filter[field] ?? null));
}

/** The counter documents an index document is counted in, each with the month it is counted under (none when it has no gap). */
export function countedKeys(doc: { firstGapMonth: IsoMonth | null; orgUnit: string | null; region: string | null; category: string | null }): Map<string, IsoMonth> {
  const keys = new Map<string, IsoMonth>();
  if (typeof doc.firstGapMonth !== 'string') return keys;
  for (const fields of COMBINATIONS) {
    if (fields.some((field) => typeof doc[field] !== 'string')) continue;
    keys.set(gapCountsId(Object.fromEntries(fields.map((field) => [field, doc[field]]))), doc.firstGapMonth);
  }
  return keys;
}

/** A new months record with one employee moved from `from` to `to` (either may be absent). */
export function moveCount(months: Record<IsoMonth, number>, from: IsoMonth | undefined, to: IsoMonth | undefined): Record<IsoMonth, number> {
  const next = { ...months };
  if (from !== undefined) {
    const left = (next[from] ?? 0) - 1;
    if (left > 0) next[from] = left;
    else delete next[from];
  }
  if (to !== undefined) next[to] = (next[to] ?? 0) + 1;
  return next;
}

/** The employees of a counter document with a gap up to `through`. */
export function gapsTotal(counts: GapCountsDocument | null, through: IsoMonth): number {
  let total = 0;
  for (const [month, n] of Object.entries(counts?.months ?? {})) if (month <= through) total += n;
  return total;
}

/** The counter document of the report's filter. */
export const gapCountsOf = (filter: GapsFilter): string => gapCountsId(filter);
