import { deadlinesOf, overdue } from '../domain/deadlines/overdue';
import {
  isStepOverdue,
  LaborTerminationRejection,
  OffboardingCase,
  OffboardingState,
  StepStatus,
  stepStatuses,
  transferStatus,
} from '../domain/offboarding/offboarding.decider';
import { separationFactsOf, SeparationView, separationView } from '../domain/offboarding/separation-facts';
import { IsoDate } from '../domain/shared/calendar';
import { CaseDocument } from './case.document';

/**
 * What the case view needs that does not depend on today, computed once per event
 * by the projection: step statuses and due dates cost date parsing and policy
 * rules, and a read would otherwise redo them for every request. Only `overdue`
 * (and the warnings it adds) is left to the read, as it moves with the clock.
 */
export interface StoredCaseView {
  caseId: string;
  employeeId: string;
  status: OffboardingCase['status'];
  reason: OffboardingCase['reason'];
  lastWorkingDay: IsoDate;
  openedAt: IsoDate;
  policy: { region: string; category: string; version: number };
  steps: StepStatus[];
  /** The bureau's warnings on the last transfer-out filing, while the transfer is not completed. */
  transferWarnings: string[];
  socialInsuranceTransfer: {
    status: ReturnType<typeof transferStatus>;
    attempts: OffboardingCase['transferAttempts'];
    lastPaidMonth: string | null;
  };
  terminationDate: IsoDate | null;
  /** 退工 filings the employment service returned (驳回), with its reasons; empty when none was. */
  laborTerminationRejections: LaborTerminationRejection[];
  overrides: OffboardingCase['overrides'];
  completedOn: IsoDate | null;
  /**
   * Who proposed a mutual agreement, the renewal offer at an expiry, the notice and when its period ends, with the
   * warning when the last working day comes first. Absent from views stored before it existed: their cases
   * recorded none of these facts, so a read shows them as unknown (UNRECORDED_SEPARATION).
   */
  separation?: SeparationView;
}

const UNRECORDED_SEPARATION: SeparationView = {
  proposedBy: null,
  renewalOffer: null,
  noticeGivenOn: null,
  inProbation: null,
  noticeDays: null,
  noticePeriodEnds: null,
  warnings: [],
};

export function storedCaseView(state: OffboardingState): StoredCaseView {
  if (state.status === 'none') throw new Error('A case view needs an opened case');
  const lastAttempt = state.transferAttempts.at(-1);
  const transfer = transferStatus(state);
  return {
    caseId: state.caseId,
    employeeId: state.employeeId,
    status: state.status,
    reason: state.reason,
    lastWorkingDay: state.lastWorkingDay,
    openedAt: state.openedAt,
    policy: { region: state.policy.region, category: state.policy.category, version: state.policy.version },
    steps: stepStatuses(state),
    transferWarnings: lastAttempt && transfer !== 'completed' ? lastAttempt.notice.warnings : [],
    socialInsuranceTransfer: { status: transfer, attempts: state.transferAttempts, lastPaidMonth: state.lastPaidMonth ?? null },
    terminationDate: state.terminationDate ?? null,
    laborTerminationRejections: state.laborTerminationRejections ?? [],
    overrides: state.overrides,
    completedOn: state.completedOn ?? null,
    separation: separationView(state.reason, state.lastWorkingDay, separationFactsOf(state)),
  };
}

/** What identifies a case in both its full view and its list line, in docs/API.md's field order. */
const caseHeader = (view: StoredCaseView) => ({
  caseId: view.caseId,
  employeeId: view.employeeId,
  status: view.status,
  reason: view.reason,
  lastWorkingDay: view.lastWorkingDay,
  openedAt: view.openedAt,
  policy: view.policy,
});

/** The case as HR front-ends show it (docs/API.md): each step's status, what it requires, its due date; and warnings. */
export function caseView(view: StoredCaseView, today: IsoDate) {
  const steps = view.steps.map((s) => ({ ...s, overdue: isStepOverdue(view.status, s, today) }));
  const { warnings: separationWarnings, ...separation } = view.separation ?? UNRECORDED_SEPARATION;
  const warnings = [...view.transferWarnings, ...separationWarnings];
  for (const s of steps) if (s.overdue) warnings.push(`${s.key} 已逾期 (due ${s.dueDate}) / ${s.key} is overdue (due ${s.dueDate})`);
  return {
    ...caseHeader(view),
    separation,
    steps,
    warnings,
    socialInsuranceTransfer: view.socialInsuranceTransfer,
    terminationDate: view.terminationDate,
    // A view stored by an older version of the projection has no such field until it is rebuilt.
    laborTerminationRejections: view.laborTerminationRejections ?? [],
    overrides: view.overrides,
    completedOn: view.completedOn,
  };
}

/** One line per case for lists; `overdueSteps` names the steps past due today, with their due dates and calendar days overdue. */
export function caseSummary(doc: CaseDocument, today: IsoDate) {
  const view = storedCaseView(doc.state);
  return {
    ...caseHeader(view),
    overdueSteps: overdue(deadlinesOf(view.status, view.steps), today),
  };
}
