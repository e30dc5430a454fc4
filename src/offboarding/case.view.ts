import { overdue, pendingDeadlines } from '../domain/deadlines/overdue';
import { stepStatuses, transferStatus } from '../domain/offboarding/offboarding.decider';
import { IsoDate } from '../domain/shared/calendar';
import { CaseDocument } from './case-view.projection';

/** The case as HR front-ends show it (API.md): each step's status, what it requires, its due date; and warnings. */
export function caseView(doc: CaseDocument, today: IsoDate) {
  const state = doc.state;
  if (state.status === 'none') throw new Error(`Case ${doc.caseId} has no state`);
  const steps = stepStatuses(state, today);
  const lastAttempt = state.transferAttempts.at(-1);
  const warnings = [
    ...(lastAttempt && transferStatus(state) !== 'completed' ? lastAttempt.notice.warnings : []),
    ...steps.filter((s) => s.overdue).map((s) => `${s.key} 已逾期 (due ${s.dueDate}) / ${s.key} is overdue (due ${s.dueDate})`),
  ];
  return {
    caseId: state.caseId,
    employeeId: state.employeeId,
    status: state.status,
    reason: state.reason,
    lastWorkingDay: state.lastWorkingDay,
    openedAt: state.openedAt,
    policy: { region: state.policy.region, category: state.policy.category, version: state.policy.version },
    steps,
    warnings,
    socialInsuranceTransfer: {
      status: transferStatus(state),
      attempts: state.transferAttempts,
      lastPaidMonth: state.lastPaidMonth ?? null,
    },
    terminationDate: state.terminationDate ?? null,
    overrides: state.overrides,
    completedOn: state.completedOn ?? null,
  };
}

/** One line per case for lists; `overdueSteps` names the steps past due today, with their due dates and calendar days overdue. */
export function caseSummary(doc: CaseDocument, today: IsoDate) {
  const view = caseView(doc, today);
  return {
    caseId: view.caseId,
    employeeId: view.employeeId,
    status: view.status,
    reason: view.reason,
    lastWorkingDay: view.lastWorkingDay,
    openedAt: view.openedAt,
    policy: view.policy,
    overdueSteps: overdue(pendingDeadlines(doc.state), today),
  };
}
