import { RefusalDocument } from '../audit';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { tally } from './figures';
import { FactKind, FactRow } from './offboarding-facts';
import { casesInOrganisationQuery, DashboardRange, factsQuery, filtersOrganisation, refusalsQuery } from './offboarding-dashboard.queries';
import { BlockedAttempt, monthlyFigures, MonthFigures, periodFigures, PeriodFigures } from './period-figures';

export type { Breakdown, FilingRejections, MonthFigures } from './period-figures';

export interface OffboardingDashboard extends PeriodFigures {
  filters: { from: string; to: string; orgUnit: string | null; region: string | null; category: string | null };
  openByStep: Record<string, number>;
  /**
   * Every month the range touches, each with the same figures for its part of the range (openByStep
   * excepted); null for a range over MAX_SERIES_MONTHS months.
   */
  byMonth: MonthFigures[] | null;
}

/** Physical names of the collections read (they change with a projection's generation). */
export interface DashboardCollections {
  facts: string;
  refusals: string;
}

/**
 * The offboarding dashboard, from indexed queries on the fact table and the
 * refusals read model; nothing is replayed. The populations:
 * - casesOpened, casesCompleted, casesCancelled: cases opened, completed, cancelled in the range;
 * - onTimeRate: of the cases completed in the range, those whose art. 50 transfers
 *   were on time (transfer-deadline.ts), over those where it can be judged;
 * - siTransferSuccessRate: of the bureau's answers to transfer-out filings in the
 *   range, the completions; a rejection (退单) is a failure, an unanswered filing
 *   is not counted yet;
 * - laborTerminationFilingSuccessRate: the same for 退工 filings, answered by the
 *   employment service: of the answers in the range, the acceptances (退工
 *   registered); a return (驳回) is a failure;
 * - filingRejections: the returned filings of each kind in the range (docs/LAW.md §1.6
 *   counts a returned 退工 filing as a failure beside the transfer-out's);
 * - average / medianDaysToComplete: over the cases completed in the range;
 * - blockedAttempts: refused step commands recorded in the range, by step;
 *   filtered by org unit, region or category through the case they were about
 *   (so a refusal for a case that does not exist only counts unfiltered);
 * - overrides: overrides dated in the range, by the step let go ahead;
 * - openByStep: of the cases opened in the range and still open, how many wait on each step;
 * - byMonth: the figures above but openByStep, for each month's part of the range (period-figures.ts).
 */
export async function offboardingDashboard(
  reads: ReadStore,
  collections: DashboardCollections,
  q: DashboardRange,
): Promise<OffboardingDashboard> {
  const facts = (kind: FactKind) => reads.find<FactRow>(collections.facts, factsQuery(kind, q));
  /** Only the dates of the facts that are only counted. */
  const days = async (kind: FactKind) =>
    (await reads.find<FactRow>(collections.facts, { ...factsQuery(kind, q), fields: ['date'] })).map((r) => r.date);
  const [opened, cancelled, completed, filings, laborFilings, overrides, open, blocked] = await Promise.all([
    days('opened'),
    days('cancelled'),
    facts('completed'),
    facts('filing'),
    facts('labor_filing'),
    facts('override'),
    facts('open'),
    blockedAttempts(reads, collections, q),
  ]);
  const all = { opened, cancelled, completed, filings, laborFilings, overrides, blocked };
  return {
    filters: { from: q.from, to: q.to, orgUnit: q.orgUnit ?? null, region: q.region ?? null, category: q.category ?? null },
    ...periodFigures(all),
    openByStep: tally(open.flatMap((r) => r.waiting ?? [])),
    byMonth: monthlyFigures(q.from, q.to, all),
  };
}

/** The step and UTC day of each refused step command in the range, of the cases in the org unit, region and category asked for. */
async function blockedAttempts(reads: ReadStore, collections: DashboardCollections, q: DashboardRange): Promise<BlockedAttempt[]> {
  let refusals = await reads.find<RefusalDocument>(collections.refusals, refusalsQuery(q));
  if (filtersOrganisation(q) && refusals.length > 0) {
    const caseIds = [...new Set(refusals.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
    const matching = new Set((await reads.find<FactRow>(collections.facts, casesInOrganisationQuery(caseIds, q))).map((r) => r.caseId));
    refusals = refusals.filter((r) => r.caseId !== null && matching.has(r.caseId));
  }
  return refusals.map((r) => ({ step: r.step ?? 'unknown', day: r.recordedAt.slice(0, 10) }));
}
