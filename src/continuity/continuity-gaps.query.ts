import { IsoMonth } from '../domain/shared/calendar';
import { FindOptions } from '../infrastructure/read-store/read-store.port';

export interface GapsFilter {
  through: IsoMonth;
  orgUnit?: string;
  region?: string;
  category?: string;
}

/**
 * The report's one query on continuity_index: a range on firstGapMonth (exact, see
 * the projection) plus the equality filters given, each served by a compound index
 * ending in (firstGapMonth, id). Ordered the same way: the longest-standing gaps
 * first, ties by employee id so that pages are stable; ordering by id alone made
 * SQLite walk the whole table in id order instead of searching the index.
 */
export function continuityGapsQuery(
  { through, orgUnit, region, category }: GapsFilter,
  window: { skip: number; limit: number },
): FindOptions {
  return {
    filter: {
      firstGapMonth: { $lte: through },
      ...(orgUnit !== undefined ? { orgUnit } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(category !== undefined ? { category } : {}),
    },
    sort: { firstGapMonth: 1, id: 1 },
    skip: window.skip,
    limit: window.limit,
  };
}
