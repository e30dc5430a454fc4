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

/** Where an index document is counted: the month, and the counter documents (one per filter it matches). */
export interface Counted {
  month: IsoMonth;
  /** The same array for the same org unit, region and category (memoised): compared by reference. */
  ids: readonly string[];
}

type Placed = { firstGapMonth: IsoMonth | null; orgUnit: string | null; region: string | null; category: string | null };

/** Ids by org unit, region and category: a rebuild asks for them twice per event. Few combinations exist; the cap only bounds a pathological log. */
const idsMemo = new Map<string, readonly string[]>();
const MEMO_CAP = 10_000;

/** Where an index document is counted; null when it has no gap (counted nowhere). */
export function countedIn(doc: Placed): Counted | null {
  if (typeof doc.firstGapMonth !== 'string') return null;
  const memoKey = FIELDS.map((field) => (typeof doc[field] === 'string' ? `s${doc[field]}` : 'n')).join('\u0000');
  let ids = idsMemo.get(memoKey);
  if (!ids) {
    ids = COMBINATIONS.filter((fields) => fields.every((field) => typeof doc[field] === 'string')).map((fields) =>
      gapCountsId(Object.fromEntries(fields.map((field) => [field, doc[field]]))),
    );
    if (idsMemo.size >= MEMO_CAP) idsMemo.clear();
    idsMemo.set(memoKey, ids);
  }
  return { month: doc.firstGapMonth, ids };
}

/**
 * Moves one employee from `from` to `to` (either may be absent) in a months
 * record, in place: the caller upserts the document within the same event, and
 * the record is never shared (created here or parsed from the store), so no
 * constant or other document can see the change (see ProjectionView). Copying it
 * for each of the eight counters of every event was a third of a rebuild.
 */
export function moveCount(months: Record<IsoMonth, number>, from: IsoMonth | undefined, to: IsoMonth | undefined): void {
  if (from !== undefined) {
    const left = (months[from] ?? 0) - 1;
    if (left > 0) months[from] = left;
    else delete months[from];
  }
  if (to !== undefined) months[to] = (months[to] ?? 0) + 1;
}

/** The employees of a counter document with a gap up to `through`. */
export function gapsTotal(counts: GapCountsDocument | null, through: IsoMonth): number {
  let total = 0;
  for (const [month, n] of Object.entries(counts?.months ?? {})) if (month <= through) total += n;
  return total;
}

/** The counter document of the report's filter. */
export const gapCountsOf = (filter: GapsFilter): string => gapCountsId(filter);
