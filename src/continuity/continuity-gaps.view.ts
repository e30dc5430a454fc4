import { accountContinuity, Gap, gapsUpTo, OpenGap } from '../domain/continuity/continuity';
import { IsoMonth } from '../domain/shared/calendar';
import { INSURANCE_TYPES, InsuranceType } from '../domain/shared/vocabulary';
import { LegacyContinuityIndexDocument } from './continuity-index.projection';

export interface GapsSummary {
  gapMonths: number;
  firstGap: Gap | null;
}

export interface ContinuityGapsRow {
  employeeId: string;
  /** Masked (张*) for roles that may not see personal data; null when none is on record. */
  name: string | null;
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  /** Every type the employee was enrolled in. */
  types: Partial<Record<InsuranceType, GapsSummary>>;
}

/**
 * The row of an index document: each enrolled type's gaps up to `through` are its
 * open gaps cut at `through` (as accountContinuity's); a version-1 document, of
 * the generation answering while version 2 is rebuilt, has its account instead.
 */
export function continuityGapsRow(doc: LegacyContinuityIndexDocument, name: string | null, through: IsoMonth): ContinuityGapsRow {
  const gapsOf: Array<[string, Gap[]]> = doc.gaps
    ? Object.entries(doc.gaps).map(([type, open]: [string, OpenGap[]]) => [type, gapsUpTo(open, through)])
    : Object.entries(accountContinuity(doc.insurance!, through)).map(([type, c]) => [type, c.gaps]);
  const types = gapsOf.map(([type, gaps]) => [type, { gapMonths: gaps.reduce((sum, g) => sum + g.months, 0), firstGap: gaps[0] ?? null }]);
  return {
    employeeId: doc.employeeId,
    name,
    orgUnit: doc.orgUnit,
    region: doc.region,
    category: doc.category,
    types: Object.fromEntries(types),
  };
}

/** Fixed columns, so that a spreadsheet's layout does not depend on the page's contents. */
export const CONTINUITY_GAPS_CSV_COLUMNS = [
  'employeeId',
  'name',
  'orgUnit',
  'region',
  'category',
  ...INSURANCE_TYPES.flatMap((t) => [`${t}GapMonths`, `${t}FirstGapFrom`, `${t}FirstGapTo`]),
];

export function continuityGapsCsvRow(row: ContinuityGapsRow): Record<string, unknown> {
  const { types, ...person } = row;
  const perType = INSURANCE_TYPES.flatMap((t) => {
    const summary = types[t];
    return summary
      ? [
          [`${t}GapMonths`, summary.gapMonths],
          [`${t}FirstGapFrom`, summary.firstGap?.from],
          [`${t}FirstGapTo`, summary.firstGap?.to],
        ]
      : [];
  });
  return { ...person, ...Object.fromEntries(perType) };
}
