import { transfersOnTime } from '../domain/deadlines/transfer-deadline';
import { OffboardingCase, stepStatuses } from '../domain/offboarding/offboarding.decider';
import { daysBetween, IsoDate } from '../domain/shared/calendar';
import { StepKey } from '../domain/shared/vocabulary';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';

/**
 * The dashboard's fact table: one row per dated fact of a case, each carrying the
 * case's org unit, region and category, so that every figure is one indexed range
 * query on (kind, date) with optional equality filters. Which date puts a fact in
 * the dashboard's range:
 * - `opened`: the day the case was opened (openedAt);
 * - `open`: the same day, for a case still open (removed when it closes);
 * - `completed`: completedOn, the effective date of the step that completed it;
 * - `cancelled`: the effective date of the cancellation (the day it was recorded);
 * - `filing`: the day the bureau answered a transfer-out filing (completion or
 *   rejection); a filing still awaiting its answer has no row yet;
 * - `labor_filing`: the day the employment service answered a 退工 filing: each
 *   return (驳回, LaborTerminationRejected) and the acceptance (the effective date
 *   of LaborTerminationRegistered, under any policy version: a registration is
 *   always an accepted filing);
 * - `override`: the effective date of the override.
 * Blocked attempts are not here: they come from the refusals read model.
 */
export type FactKind = 'opened' | 'open' | 'completed' | 'cancelled' | 'filing' | 'labor_filing' | 'override';

export interface FactRow extends ReadDocument {
  kind: FactKind;
  date: IsoDate;
  caseId: string;
  /** The employee's org unit when the case opened; region and category are the pinned policy's. */
  orgUnit: string | null;
  region: string;
  category: string;
  /** open: steps where work waits (available, filed and awaiting the bureau, or rejected). */
  waiting?: StepKey[];
  /** completed: calendar days from opening (0 if steps were backdated before it), and LCL art. 50's verdict. */
  daysToComplete?: number;
  onTime?: boolean | null;
  /** filing, labor_filing: the bureau's answer. */
  outcome?: 'completed' | 'rejected';
  /** override: the step let go ahead. */
  step?: StepKey;
}

export const factId = (caseId: string, kind: FactKind, index?: number) =>
  index === undefined ? `${caseId}:${kind}` : `${caseId}:${kind}:${index}`;

/** What the case's own state does not keep. */
export interface CaseContext {
  orgUnit: string | null;
  cancelledOn: IsoDate | null;
}

const WAITING = new Set(['available', 'in_progress', 'rejected']);

/** Every fact row of a case in its current state. */
export function caseFacts(c: OffboardingCase, context: CaseContext): FactRow[] {
  const row = (kind: FactKind, date: IsoDate, index?: number, extra: Partial<FactRow> = {}): FactRow => ({
    id: factId(c.caseId, kind, index),
    kind,
    date,
    caseId: c.caseId,
    orgUnit: context.orgUnit,
    region: c.policy.region,
    category: c.policy.category,
    ...extra,
  });
  const rows = [row('opened', c.openedAt)];
  if (c.status === 'open') {
    rows.push(
      row('open', c.openedAt, undefined, {
        waiting: stepStatuses(c)
          .filter((s) => WAITING.has(s.status))
          .map((s) => s.key),
      }),
    );
  }
  c.transferAttempts.forEach((attempt, i) => {
    if (attempt.rejectedOn !== undefined) rows.push(row('filing', attempt.rejectedOn, i, { outcome: 'rejected' }));
  });
  const transferredOn = c.done.si_transfer_out;
  // Completing needs a pending request, so the completed filing is the last attempt.
  if (transferredOn !== undefined) rows.push(row('filing', transferredOn, c.transferAttempts.length - 1, { outcome: 'completed' }));
  const laborRejections = c.laborTerminationRejections ?? [];
  laborRejections.forEach((r, i) => rows.push(row('labor_filing', r.rejectedOn, i, { outcome: 'rejected' })));
  // Registering needs no pending filing, so the accepted filing follows every returned one.
  const registeredOn = c.done.labor_termination;
  if (registeredOn !== undefined) rows.push(row('labor_filing', registeredOn, laborRejections.length, { outcome: 'completed' }));
  c.overrides.forEach((o, i) => rows.push(row('override', o.effectiveDate, i, { step: o.step })));
  if (c.status === 'completed' && c.completedOn !== undefined) {
    rows.push(
      row('completed', c.completedOn, undefined, {
        daysToComplete: Math.max(0, daysBetween(c.openedAt, c.completedOn)),
        onTime: transfersOnTime(c),
      }),
    );
  }
  if (c.status === 'cancelled' && context.cancelledOn !== null) rows.push(row('cancelled', context.cancelledOn));
  return rows;
}
