/**
 * A generated history as plain JSON, so that fast-check prints a failing one
 * (and its shrunk form) in a form a person can read and replay. Dates and months
 * are symbolic (relative to the hire date, the last working day, the simulated
 * today...) and resolved by the runner, so that a shrunk history keeps its edges.
 */
import { EmployeeCategory, InsuranceType, Role, SeparationReason, StepKey } from '../../src/domain/shared/vocabulary';

/** What a relative date counts from; the runner falls back to `today` when the anchor is unknown (no case yet). */
export type DateAnchor = 'today' | 'hire' | 'opened' | 'lastWorkingDay' | 'transferCompleted';

/**
 * A date: a fixed one (leap days, far future...), or `days` after an anchor,
 * optionally snapped to an edge of its month (month end, the 15th or 16th: the
 * social-insurance cut-off days).
 */
export type DateSpec = { fixed: string } | { from: DateAnchor; days: number; snap?: 'monthEnd' | 15 | 16 | 1 };

/** A month: fixed, or `months` after the month of an anchor (`lastPaid`: the last paid month the employee's latest transfer-out was completed with). */
export type MonthSpec = { fixed: string } | { from: DateAnchor | 'lastPaid'; months: number };

/** Who sends the command, how long after the previous one, and whether it carries an Idempotency-Key and is sent twice. */
export interface Sending {
  as: Role;
  /** Days the simulated clock moves before this command. */
  wait: number;
  /** `own`: a key of this command only; `shared-<n>`: a key other commands may reuse. */
  key?: 'own' | `shared-${number}`;
  /** Sent again with the same key once the first answer is in (a client retry). */
  retry?: boolean;
  /** Wait until the projections and the process manager have caught up before sending (otherwise they lag, as in life). */
  settle?: boolean;
}

export type HistoryCommand = Sending &
  (
    | { op: 'hire'; emp: number; region: string; category: EmployeeCategory; hireDate: DateSpec; wage: number }
    | { op: 'enrol'; emp: number; startMonth: MonthSpec; types: InsuranceType[]; base: number }
    | { op: 'contribute'; emp: number; month: MonthSpec; base: number; correction: boolean; types?: InsuranceType[] }
    | { op: 'adjustBase'; emp: number; fromMonth: MonthSpec; base: number }
    | { op: 'open'; emp: number; reason: SeparationReason; lastWorkingDay: DateSpec; openedAt?: DateSpec }
    | {
        op: 'step';
        emp: number;
        step: StepKey;
        action: 'complete' | 'request' | 'reject';
        effectiveDate?: DateSpec;
        lastPaidMonth?: MonthSpec;
        terminationDate?: DateSpec;
        override?: string;
        note?: string;
      }
    | { op: 'cancel'; emp: number; note: string }
    | { op: 'erase'; emp: number }
    /** Two commands at once (Promise.all), often on the same stream. */
    | { op: 'race'; a: SingleCommand; b: SingleCommand }
  );

export type SingleCommand = Exclude<HistoryCommand, { op: 'race' }>;

export interface History {
  /** Days after 2023-01-02 09:00 UTC when the simulated clock starts. */
  startDay: number;
  commands: HistoryCommand[];
}

/** Commands a history sends, counting both of a race and each retry. */
export function commandsSent(history: History): number {
  const one = (c: HistoryCommand): number => (c.op === 'race' ? one(c.a) + one(c.b) : c.retry ? 2 : 1);
  return history.commands.reduce((n, c) => n + one(c), 0);
}
