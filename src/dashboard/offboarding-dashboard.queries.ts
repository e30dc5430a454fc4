import { addDays, IsoDate } from '../domain/shared/calendar';
import { Filter, FindOptions } from '../infrastructure/read-store/read-store.port';
import { factId, FactKind } from './offboarding-facts';

/** The dashboard's range (inclusive days) and optional filters. */
export interface DashboardRange {
  from: IsoDate;
  to: IsoDate;
  orgUnit?: string;
  region?: string;
  category?: string;
}

const organisation = (q: DashboardRange): Filter => ({
  ...(q.orgUnit !== undefined ? { orgUnit: q.orgUnit } : {}),
  ...(q.region !== undefined ? { region: q.region } : {}),
  ...(q.category !== undefined ? { category: q.category } : {}),
});

export const filtersOrganisation = (q: DashboardRange) => Object.keys(organisation(q)).length > 0;

/** Facts of one kind dated in the range: indexes (kind, date), (kind, region, category, date), (kind, orgUnit, date). */
export const factsQuery = (kind: FactKind, q: DashboardRange): FindOptions => ({
  filter: { kind, date: { $gte: q.from, $lte: q.to }, ...organisation(q) },
});

/**
 * Refused step commands recorded in the range (index on recordedAt). recordedAt is
 * an instant in UTC; a day is its UTC date, as everywhere in the application.
 */
export const refusalsQuery = (q: DashboardRange): FindOptions => ({
  filter: { recordedAt: { $gte: q.from, $lt: addDays(q.to, 1) }, command: 'PerformStep' },
});

/** Of these cases, those in the org unit, region and category asked for: by their `opened` rows' ids (primary key). */
export const casesInOrganisationQuery = (caseIds: string[], q: DashboardRange): FindOptions => ({
  filter: { id: { $in: caseIds.map((caseId) => factId(caseId, 'opened')) }, ...organisation(q) },
});
