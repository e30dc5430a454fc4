import { addDays } from '../domain/shared/calendar';
import { FieldCondition, Filter } from '../infrastructure/read-store/read-store.port';
import { TimelineOrder } from './timeline.dto';

export interface TimelineCriteria {
  employeeId: string;
  order: TimelineOrder;
  /** UTC ISO-8601, as the projection stores recordedAt, so that the string comparison is exact. */
  asKnownAt?: string;
  /** Inclusive days: of effectiveDate for order=effective, of recordedAt (UTC) for order=recorded. */
  from?: string;
  to?: string;
  types?: string[];
}

type Range = Extract<FieldCondition, { $lte?: unknown }>;

/**
 * The read-store query of a timeline: equality on employeeId, ranges and types on
 * indexed fields, sorted in an index's order (timeline.projection.ts), so that a
 * page is an index range scan and never a replay of the log.
 */
export function timelineFind(criteria: TimelineCriteria): { filter: Filter; sort: Record<string, 1> } {
  const { employeeId, order, asKnownAt, from, to, types } = criteria;
  const recordedAt: Range = {};
  const effectiveDate: Range = {};
  if (asKnownAt) recordedAt.$lte = asKnownAt;
  if (order === 'effective') {
    if (from) effectiveDate.$gte = from;
    if (to) effectiveDate.$lte = to;
  } else {
    // A bare date sorts before every instant of its day and after every one of the day before.
    if (from) recordedAt.$gte = from;
    if (to) recordedAt.$lt = addDays(to, 1);
  }
  const filter: Filter = { employeeId };
  if (Object.keys(recordedAt).length > 0) filter.recordedAt = recordedAt;
  if (Object.keys(effectiveDate).length > 0) filter.effectiveDate = effectiveDate;
  if (types?.length) filter.type = types.length === 1 ? types[0] : { $in: types };
  return { filter, sort: order === 'effective' ? { effectiveDate: 1, positionKey: 1 } : { positionKey: 1 } };
}
