import { IsoDate } from '../domain/shared/calendar';
import { FindOptions } from '../infrastructure/read-store/read-store.port';
import { OrganisationFilter } from './organisation-filter.dto';

/**
 * Records incomplete on `today`, longest incomplete first (then by employee id,
 * so pages are stable): a range on incompleteFrom, served by its index alone or
 * after an org unit, region or category equality.
 */
export function incompleteRecordsQuery(today: IsoDate, filter: OrganisationFilter, window: { skip: number; limit: number }): FindOptions {
  const { orgUnit, region, category } = filter;
  return {
    filter: {
      incompleteFrom: { $lte: today },
      ...(orgUnit !== undefined ? { orgUnit } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(category !== undefined ? { category } : {}),
    },
    sort: { incompleteFrom: 1, id: 1 },
    ...window,
  };
}
