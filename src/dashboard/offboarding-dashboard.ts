import { RefusalDocument } from '../audit';
import { ReadStore } from '../infrastructure/read-store/read-store.port';
import { average, median, rate, tally } from './figures';
import { FactKind, FactRow } from './offboarding-facts';
import { casesInOrganisationQuery, DashboardRange, factsQuery, filtersOrganisation, refusalsQuery } from './offboarding-dashboard.queries';

/** Filings the authorities returned in the range: transfer-outs (退单) and 退工 filings (驳回). */
export interface FilingRejections {
  siTransferOut: number;
  laborTermination: number;
}

export interface Breakdown {
  total: number;
  byStep: Record<string, number>;
}

export interface OffboardingDashboard {
  filters: { from: string; to: string; orgUnit: string | null; region: string | null; category: string | null };
  casesOpened: number;
  casesCompleted: number;
  casesCancelled: number;
  onTimeRate: number | null;
  siTransferSuccessRate: number | null;
  laborTerminationFilingSuccessRate: number | null;
  filingRejections: FilingRejections;
  averageDaysToComplete: number | null;
  medianDaysToComplete: number | null;
  blockedAttempts: Breakdown;
  overrides: Breakdown;
  openByStep: Record<string, number>;
}

/** Physical names of the collections read (they change with a projection's generation). */
export interface DashboardCollections {
  facts: string;
  refusals: string;
}

const breakdown = (steps: string[]): Breakdown => ({ total: steps.length, byStep: tally(steps) });

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
 * - openByStep: of the cases opened in the range and still open, how many wait on each step.
 */
export async function offboardingDashboard(
  reads: ReadStore,
  collections: DashboardCollections,
  q: DashboardRange,
): Promise<OffboardingDashboard> {
  const facts = (kind: FactKind) => reads.find<FactRow>(collections.facts, factsQuery(kind, q));
  const count = (kind: FactKind) => reads.count(collections.facts, factsQuery(kind, q).filter);
  const [casesOpened, casesCancelled, completed, filings, laborFilings, overrides, open, blockedSteps] = await Promise.all([
    count('opened'),
    count('cancelled'),
    facts('completed'),
    facts('filing'),
    facts('labor_filing'),
    facts('override'),
    facts('open'),
    blockedAttempts(reads, collections, q),
  ]);
  const judged = completed.filter((r) => r.onTime !== null && r.onTime !== undefined);
  const days = completed.map((r) => r.daysToComplete ?? 0);
  return {
    filters: { from: q.from, to: q.to, orgUnit: q.orgUnit ?? null, region: q.region ?? null, category: q.category ?? null },
    casesOpened,
    casesCompleted: completed.length,
    casesCancelled,
    onTimeRate: rate(judged.filter((r) => r.onTime).length, judged.length),
    siTransferSuccessRate: rate(filings.filter((r) => r.outcome === 'completed').length, filings.length),
    laborTerminationFilingSuccessRate: rate(laborFilings.filter((r) => r.outcome === 'completed').length, laborFilings.length),
    filingRejections: {
      siTransferOut: filings.filter((r) => r.outcome === 'rejected').length,
      laborTermination: laborFilings.filter((r) => r.outcome === 'rejected').length,
    },
    averageDaysToComplete: average(days),
    medianDaysToComplete: median(days),
    blockedAttempts: breakdown(blockedSteps),
    overrides: breakdown(overrides.map((r) => r.step ?? 'unknown')),
    openByStep: tally(open.flatMap((r) => r.waiting ?? [])),
  };
}

/** The step of each refused step command in the range, of the cases in the org unit, region and category asked for. */
async function blockedAttempts(reads: ReadStore, collections: DashboardCollections, q: DashboardRange): Promise<string[]> {
  let refusals = await reads.find<RefusalDocument>(collections.refusals, refusalsQuery(q));
  if (filtersOrganisation(q) && refusals.length > 0) {
    const caseIds = [...new Set(refusals.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
    const matching = new Set((await reads.find<FactRow>(collections.facts, casesInOrganisationQuery(caseIds, q))).map((r) => r.caseId));
    refusals = refusals.filter((r) => r.caseId !== null && matching.has(r.caseId));
  }
  return refusals.map((r) => r.step ?? 'unknown');
}
