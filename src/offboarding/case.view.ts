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
import { assigneeOf } from '../domain/policy/assignee';
import { Prerequisite, StepActions } from '../domain/policy/policy';
import { predictedGapMonths } from '../domain/policy/si-reduction';
import { daysBetween, IsoDate } from '../domain/shared/calendar';
import { Role, StepKey } from '../domain/shared/vocabulary';
import { CaseDocument } from './case.document';

export type StepAction = 'complete' | 'request' | 'reject';

/** What the step route takes for each kind of step the policy declares (docs/API.md, Offboarding). */
const ACTIONS: Record<StepActions, StepAction[]> = {
  complete: ['complete'],
  complete_reject: ['complete', 'reject'],
  request_complete_reject: ['request', 'complete', 'reject'],
};

/**
 * What the pinned policy says of a step beyond its status, so that a front-end can say why a step is
 * locked (each prerequisite hard or soft), who does it, and what it may send, without the policy.
 */
export interface StepDetail {
  title: { zh: string; en: string };
  /** Every prerequisite with its kind: hard is never overridden; soft may be, by an hr_manager with a written reason. */
  prerequisites: Prerequisite[];
  actions: StepAction[];
  /** Only this role may act on the step (the approval: hr_manager); null: any operator. */
  role: Role | null;
  assignee: { role: Role; department: string | null };
}

export type StoredStep = StepStatus & StepDetail;

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
  /** With their details (StepDetail) from projection version 5 on; views stored before have the statuses only. */
  steps: StoredStep[];
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
    steps: stepsWithDetails(state),
    transferWarnings: lastAttempt && transfer !== 'completed' ? lastAttempt.notice.warnings : [],
    socialInsuranceTransfer: { status: transfer, attempts: state.transferAttempts, lastPaidMonth: state.lastPaidMonth ?? null },
    terminationDate: state.terminationDate ?? null,
    laborTerminationRejections: state.laborTerminationRejections ?? [],
    overrides: state.overrides,
    completedOn: state.completedOn ?? null,
    separation: separationView(state.reason, state.lastWorkingDay, separationFactsOf(state)),
  };
}

function stepsWithDetails(state: OffboardingCase): StoredStep[] {
  const definitions = new Map(state.policy.steps.map((d) => [d.key, d]));
  return stepStatuses(state).map((status) => {
    const definition = definitions.get(status.key)!;
    const assignee = assigneeOf(definition);
    return {
      ...status,
      title: definition.title,
      prerequisites: definition.requires.map((r) => ({ step: r.step, kind: r.kind })),
      actions: ACTIONS[definition.actions],
      role: definition.role ?? null,
      assignee: { role: assignee.role, department: assignee.department ?? null },
    };
  });
}

/** Whether a stored view has the step details (a view stored before projection version 5 has not). */
export const hasStepDetails = (view: StoredCaseView): boolean => view.steps.every((s) => Array.isArray(s.prerequisites));

/**
 * The step a case waits on, for a board: the first in the policy's order where work can go on
 * (available, filed and awaiting the bureau, or returned); when every step left is locked, the first
 * of them. Null once the case is closed.
 */
export function waitingOn(status: StoredCaseView['status'], steps: StepStatus[]): StepKey | null {
  if (status !== 'open') return null;
  const left = steps.filter((s) => s.doneOn === null);
  return (left.find((s) => s.status !== 'locked') ?? left[0])?.key ?? null;
}

/**
 * The notice of the transfer-out filing awaiting the bureau's answer (last contribution month, file-by date,
 * the gap it predicts); null when none is filed, or the last filing was answered.
 */
function transferOutNotice(view: StoredCaseView) {
  const { status, attempts } = view.socialInsuranceTransfer;
  const last = attempts.at(-1);
  if (status !== 'requested' || !last) return null;
  return {
    requestedOn: last.requestedOn,
    lastContributionMonth: last.notice.lastContributionMonth,
    fileBy: last.notice.fileBy,
    predictedGapMonths: predictedGapMonths(view.lastWorkingDay, last.notice),
    warnings: last.notice.warnings,
  };
}

/** Each step as read today: overdue, and the calendar days left or past its due date, from China's business day. */
function stepsOn(view: StoredCaseView, today: IsoDate) {
  return view.steps.map((s) => {
    const overdue = isStepOverdue(view.status, s, today);
    const pending = view.status === 'open' && s.doneOn === null && s.dueDate !== null;
    return {
      ...s,
      overdue,
      daysLeft: pending ? daysBetween(today, s.dueDate!) : null,
      daysOverdue: overdue ? daysBetween(s.dueDate!, today) : 0,
    };
  });
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
  const steps = stepsOn(view, today);
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
    waitingOn: waitingOn(view.status, view.steps),
    transferOutNotice: transferOutNotice(view),
  };
}

/**
 * One line per case for lists; `overdueSteps` names the steps past due today, with their due dates and
 * calendar days overdue. `name` is the employee's as the caller may see it (masked for auditors and
 * investigators; null when none is on record or it is erased); a board needs each step, the step the case
 * waits on and the transfer-out notice, so the line carries them as the case view has them.
 */
export function caseSummary(doc: CaseDocument, today: IsoDate, name: string | null = null) {
  const view = storedCaseView(doc.state);
  return {
    ...caseHeader(view),
    name,
    overdueSteps: overdue(deadlinesOf(view.status, view.steps), today),
    waitingOn: waitingOn(view.status, view.steps),
    steps: stepsOn(view, today),
    transferOutNotice: transferOutNotice(view),
  };
}
