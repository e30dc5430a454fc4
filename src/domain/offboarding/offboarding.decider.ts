import { Decider, DomainError } from '../decider';
import { dueDate } from '../policy/due-dates';
import { Prerequisite, StepActions, StepDefinition, stepsFor } from '../policy/policy';
import { transferOutNotice } from '../policy/si-reduction';
import { sharedPolicy } from '../policy/shared-policies';
import { IsoDate, isIsoDate, isIsoMonth } from '../shared/calendar';
import { StepKey } from '../shared/vocabulary';
import { CancelCase, OffboardingCommand, OpenCase, PerformStep, RecordNotification, StepAction } from './offboarding.commands';
import { checkOpeningDates, checkStepDates } from './effective-order';
import { OffboardingEvent } from './offboarding.events';
import { offboardingEvents } from './offboarding.schemas';
import { checkSeparationFacts, separationFactsOf } from './separation-facts';
import { OffboardingCase, OffboardingState } from './offboarding.state';
import { outOfOrder, requireNotFutureFact } from '../shared/effective-dates';

export type { LaborTerminationRejection, OffboardingCase, OffboardingState, TransferAttempt } from './offboarding.state';

export type TransferStatus = 'not_requested' | 'requested' | 'rejected' | 'completed';

export function transferStatus(c: OffboardingCase): TransferStatus {
  if (c.done.si_transfer_out !== undefined) return 'completed';
  const last = c.transferAttempts.at(-1);
  if (!last) return 'not_requested';
  return last.rejectedOn === undefined ? 'requested' : 'rejected';
}

/** Prerequisites of a step that are neither done nor overridden for it. */
export function missingPrerequisites(c: OffboardingCase, step: StepDefinition): Prerequisite[] {
  const overridden = new Set(c.overrides.filter((o) => o.step === step.key).flatMap((o) => o.overridden));
  return step.requires.filter((r) => c.done[r.step] === undefined && !overridden.has(r.step));
}

// ---------------------------------------------------------------- decide

function open({ data }: OpenCase, state: OffboardingState): OffboardingEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('CASE_EXISTS', `离职案件 ${state.caseId} 已存在 / Offboarding case ${state.caseId} already exists.`, {
      caseId: state.caseId,
    });
  }
  requireDate('lastWorkingDay', data.lastWorkingDay);
  requireDate('openedAt', data.openedAt);
  requireDate('hireDate', data.hireDate);
  checkOpeningDates(data);
  const { caseId, employeeId, reason, lastWorkingDay, openedAt, hireDate } = data;
  const facts = checkSeparationFacts(reason, lastWorkingDay, data);
  // The notice is a fact: given by today at the latest, and not before the person was hired.
  if (facts.noticeGivenOn !== undefined) {
    requireNotFutureFact('noticeGivenOn', facts.noticeGivenOn, data.today);
    if (facts.noticeGivenOn < hireDate)
      throw outOfOrder(
        'noticeGivenOn',
        facts.noticeGivenOn,
        { zh: '入职日期', en: 'the hire date' },
        { field: 'hireDate', effectiveDate: hireDate },
      );
  }
  const policy = { ...data.policy, steps: stepsFor(data.policy, reason) };
  return [
    {
      type: 'OffboardingCaseOpened',
      data: { caseId, employeeId, reason, lastWorkingDay, openedAt, policy, hireDate, ...facts },
      effectiveDate: openedAt,
    },
  ];
}

function performStep({ data }: PerformStep, state: OffboardingState): OffboardingEvent[] {
  const c = openCase(state);
  const { step, action, actor } = data;
  requireDate('effectiveDate', data.effectiveDate);
  const definition = c.policy.steps.find((s) => s.key === step);
  if (!definition) {
    throw new DomainError('STEP_NOT_IN_POLICY', `本案件的政策不含步骤 ${step} / Step ${step} is not part of this case's policy.`, { step });
  }
  if (!ACTIONS[definition.actions].includes(action)) throw actionNotSupported(step, definition.actions, action);
  if (definition.role && actor.role !== definition.role) {
    throw new DomainError(
      'ROLE_REQUIRED',
      `${definition.title.zh}须由 ${definition.role} 办理 / ${definition.title.en} needs the ${definition.role} role.`,
      {
        step,
        role: definition.role,
      },
    );
  }
  const doneOn = c.done[step];
  if (doneOn !== undefined) {
    throw new DomainError(
      'STEP_ALREADY_DONE',
      `${definition.title.zh}已于 ${doneOn} 完成 / ${definition.title.en} was done on ${doneOn}.`,
      { step, doneOn },
    );
  }
  const overridden = clearPrerequisites(c, definition, data);
  checkStepDates(c, definition, data);
  const events = [...overridden, ...stepFacts(c, definition, data)];
  return [...events, ...completion(c, events, data.effectiveDate)];
}

/** What each kind of step takes (policy.ts, StepDefinition.actions). */
const ACTIONS: Record<StepActions, StepAction[]> = {
  complete: ['complete'],
  complete_reject: ['complete', 'reject'],
  request_complete_reject: ['request', 'complete', 'reject'],
};

function actionNotSupported(step: StepKey, actions: StepActions, action: StepAction): DomainError {
  if (actions === 'complete') {
    return new DomainError(
      'ACTION_NOT_SUPPORTED',
      `步骤 ${step} 只能完成（本案件锁定的政策版本不支持 ${action}）/ Step ${step} can only be completed under this case's policy version; '${action}' is not one of its actions.`,
      { step, action, actions: ACTIONS[actions] },
    );
  }
  return new DomainError(
    'ACTION_NOT_SUPPORTED',
    `步骤 ${step} 只接受 ${ACTIONS[actions].join('、')} / Step ${step} takes only ${ACTIONS[actions].join(', ')}; '${action}' is not one of them.`,
    { step, action, actions: ACTIONS[actions] },
  );
}

/**
 * Refuses a locked step, or records the override that unlocks it: only soft
 * prerequisites, only by an hr_manager, only with a written reason. An override
 * sent when nothing is missing changes nothing.
 */
function clearPrerequisites(c: OffboardingCase, definition: StepDefinition, data: PerformStep['data']): OffboardingEvent[] {
  const missing = missingPrerequisites(c, definition);
  if (missing.length === 0) return [];
  const hard = missing.filter((r) => r.kind === 'hard').map((r) => r.step);
  const soft = missing.filter((r) => r.kind === 'soft').map((r) => r.step);
  if (hard.length > 0 || !data.override) throw locked(c, definition, missing, hard, soft, data.override !== undefined);

  const reason = data.override.reason?.trim();
  if (data.actor.role !== 'hr_manager' || !reason) {
    throw new DomainError(
      'OVERRIDE_NOT_ALLOWED',
      '只有人事经理可以书面说明理由后豁免前置步骤 / Only an HR manager (hr_manager) may override a prerequisite, and only with a written reason.',
      { step: definition.key, soft, role: 'hr_manager', reasonGiven: Boolean(reason) },
    );
  }
  const { effectiveDate } = data;
  return [
    {
      type: 'PrerequisiteOverridden',
      data: { step: definition.key, overridden: soft, reason, by: data.actor, effectiveDate },
      effectiveDate,
    },
  ];
}

function locked(
  c: OffboardingCase,
  definition: StepDefinition,
  missing: Prerequisite[],
  hard: StepKey[],
  soft: StepKey[],
  overrideAsked: boolean,
): DomainError {
  const title = (key: StepKey) => c.policy.steps.find((s) => s.key === key)?.title ?? { zh: key, en: key };
  const zh = (keys: StepKey[]) => keys.map((k) => title(k).zh).join('、');
  const en = (keys: StepKey[]) => englishList(keys.map((k) => title(k).en));
  const first = missing.map((r) => r.step);
  let message = `请先完成${zh(first)}，再办理${definition.title.zh}。Complete ${en(first)} before ${definition.title.en}.`;
  if (hard.length > 0 && overrideAsked) message += ` ${zh(hard)}不可豁免。${capitalized(en(hard))} cannot be overridden.`;
  if (hard.length === 0) message += ' 如需先行办理，可由人事经理书面说明理由后豁免。An HR manager may override this with a written reason.';
  return new DomainError('STEP_LOCKED', message, { step: definition.key, missing: first, hard, soft });
}

const englishList = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const withNote = (note: string | undefined) => (note === undefined ? {} : { note });

/** The fact that the step's action establishes, in the words of the domain. */
function stepFacts(c: OffboardingCase, definition: StepDefinition, data: PerformStep['data']): OffboardingEvent[] {
  const { effectiveDate } = data;
  if (definition.actions === 'request_complete_reject') return transferOutFacts(c, data);
  if (definition.key === 'labor_termination' && data.action === 'reject') return laborTerminationRejected(data);
  if (definition.key === 'labor_termination') {
    const terminationDate = data.data?.terminationDate ?? c.lastWorkingDay;
    requireDate('data.terminationDate', terminationDate);
    if (terminationDate < c.lastWorkingDay) {
      throw new DomainError(
        'INVALID_DATE',
        `终止日期 ${terminationDate} 早于最后工作日 ${c.lastWorkingDay} / The termination date ${terminationDate} is before the last working day ${c.lastWorkingDay}.`,
        { field: 'data.terminationDate' },
      );
    }
    return [{ type: 'LaborTerminationRegistered', data: { effectiveDate, terminationDate, ...withNote(data.note) }, effectiveDate }];
  }
  return [{ type: 'StepCompleted', data: { step: definition.key, effectiveDate, ...withNote(data.note) }, effectiveDate }];
}

/**
 * The employment service returned the 退工 filing (驳回) with its reason (docs/LAW.md
 * §1.6). Decision: no `request` action for 退工: the answer comes back in about two
 * working days and the filing itself changes nothing the case may do, so
 * `complete` records the accepted filing and `reject` a returned one; a corrected
 * filing can be returned again, each return its own event. A rejection does not
 * end the labour relationship, so the step stays open and the case cancellable.
 */
function laborTerminationRejected(data: PerformStep['data']): OffboardingEvent[] {
  const reason = data.note?.trim();
  if (!reason) {
    throw new DomainError(
      'REJECTION_REASON_REQUIRED',
      '请在 note 中填写退工登记被驳回的原因 / Give the employment service’s reason for returning the 退工 filing (驳回) in note.',
    );
  }
  const { effectiveDate } = data;
  return [{ type: 'LaborTerminationRejected', data: { effectiveDate, reason }, effectiveDate }];
}

function transferOutFacts(c: OffboardingCase, data: PerformStep['data']): OffboardingEvent[] {
  const { effectiveDate } = data;
  const status = transferStatus(c);
  if (data.action === 'request') {
    if (status === 'requested') {
      throw new DomainError(
        'TRANSFER_ALREADY_REQUESTED',
        `社保转出已于 ${c.transferAttempts.at(-1)!.requestedOn} 申报，请等待社保经办机构答复 / The transfer-out was requested on ${c.transferAttempts.at(-1)!.requestedOn}; record the bureau's answer (complete or reject) first.`,
      );
    }
    const notice = transferOutNotice({ lastWorkingDay: c.lastWorkingDay, filingDate: effectiveDate, parameters: c.policy.parameters });
    return [{ type: 'SocialInsuranceTransferOutRequested', data: { effectiveDate, notice, ...withNote(data.note) }, effectiveDate }];
  }
  if (status !== 'requested') {
    throw new DomainError(
      'TRANSFER_NOT_REQUESTED',
      status === 'rejected'
        ? '社保经办机构已退单，请先重新申报社保转出 / The bureau rejected the last filing (退单); request the transfer-out again first.'
        : '请先申报社保转出 / Request the social-insurance transfer-out first.',
      { status },
    );
  }
  if (data.action === 'reject') {
    const reason = data.note?.trim();
    if (!reason) {
      throw new DomainError(
        'REJECTION_REASON_REQUIRED',
        '请在 note 中填写退单原因 / Give the bureau’s reason for the rejection (退单) in note.',
      );
    }
    return [{ type: 'SocialInsuranceTransferOutRejected', data: { effectiveDate, reason }, effectiveDate }];
  }
  const lastPaidMonth = data.data?.lastPaidMonth;
  if (!isIsoMonth(lastPaidMonth)) {
    throw new DomainError(
      'INVALID_MONTH',
      `data.lastPaidMonth 须为社保经办机构确认的最后缴费月份 (YYYY-MM) / data.lastPaidMonth must be the bureau's last paid month (YYYY-MM).`,
      {
        field: 'data.lastPaidMonth',
      },
    );
  }
  return [{ type: 'SocialInsuranceTransferOutCompleted', data: { effectiveDate, lastPaidMonth, ...withNote(data.note) }, effectiveDate }];
}

/** The case completes by itself with the event that finishes its last step. */
function completion(c: OffboardingCase, events: OffboardingEvent[], effectiveDate: IsoDate): OffboardingEvent[] {
  const after = events.reduce(evolve, c as OffboardingState) as OffboardingCase;
  const finished = after.policy.steps.every((s) => after.done[s.key] !== undefined);
  return finished ? [{ type: 'OffboardingCaseCompleted', data: { completedOn: effectiveDate }, effectiveDate }] : [];
}

function cancel({ data }: CancelCase, state: OffboardingState): OffboardingEvent[] {
  const c = openCase(state);
  const registeredOn = c.done.labor_termination;
  if (registeredOn !== undefined) {
    throw new DomainError('CASE_CLOSED', '已办理退工，不能撤销 / labour termination is registered; the case can no longer be cancelled.', {
      status: c.status,
      laborTerminationRegisteredOn: registeredOn,
    });
  }
  return [{ type: 'OffboardingCaseCancelled', data: { note: data.note, by: data.actor } }];
}

/**
 * A delivery is recorded on any case that exists, open or closed: a reminder sent
 * just before the case closed was still sent, and the record must say so.
 */
function recordNotification({ data }: RecordNotification, state: OffboardingState): OffboardingEvent[] {
  if (state.status === 'none') throw new DomainError('CASE_NOT_FOUND', '离职案件不存在 / No such offboarding case.');
  return data.outcome === 'sent' ? [{ type: 'NotificationSent', data: data.record }] : [{ type: 'NotificationFailed', data: data.record }];
}

function openCase(state: OffboardingState): OffboardingCase {
  if (state.status === 'none') throw new DomainError('CASE_NOT_FOUND', '离职案件不存在 / No such offboarding case.');
  if (state.status !== 'open') {
    const zh = state.status === 'completed' ? '已完成' : '已撤销';
    throw new DomainError('CASE_CLOSED', `离职案件${zh} / The offboarding case is ${state.status}.`, { status: state.status });
  }
  return state;
}

function requireDate(field: string, value: unknown): void {
  if (!isIsoDate(value))
    throw new DomainError('INVALID_DATE', `${field} 不是有效日期 / ${field} is not a real date (YYYY-MM-DD).`, { field });
}

// ---------------------------------------------------------------- evolve

function evolve(state: OffboardingState, event: OffboardingEvent): OffboardingState {
  if (event.type === 'OffboardingCaseOpened') {
    const { caseId, employeeId, reason, lastWorkingDay, openedAt, policy, hireDate } = event.data;
    return {
      status: 'open',
      caseId,
      employeeId,
      reason,
      lastWorkingDay,
      openedAt,
      ...(hireDate === undefined ? {} : { hireDate }),
      policy: sharedPolicy(policy),
      done: {},
      transferAttempts: [],
      overrides: [],
      ...separationFactsOf(event.data),
    };
  }
  // Every other event follows the opening in its stream.
  if (state.status === 'none') return state;
  const markDone = (step: StepKey, on: IsoDate) => ({ ...state, done: { ...state.done, [step]: on } });
  switch (event.type) {
    case 'PrerequisiteOverridden':
      return { ...state, overrides: [...state.overrides, event.data] };
    case 'StepCompleted':
      return markDone(event.data.step, event.data.effectiveDate);
    case 'SocialInsuranceTransferOutRequested':
      return {
        ...state,
        transferAttempts: [...state.transferAttempts, { requestedOn: event.data.effectiveDate, notice: event.data.notice }],
      };
    case 'SocialInsuranceTransferOutRejected': {
      const attempts = state.transferAttempts.slice(0, -1);
      const last = state.transferAttempts.at(-1)!;
      return {
        ...state,
        transferAttempts: [...attempts, { ...last, rejectedOn: event.data.effectiveDate, rejectionReason: event.data.reason }],
      };
    }
    case 'SocialInsuranceTransferOutCompleted':
      return { ...markDone('si_transfer_out', event.data.effectiveDate), lastPaidMonth: event.data.lastPaidMonth };
    case 'LaborTerminationRegistered':
      return { ...markDone('labor_termination', event.data.effectiveDate), terminationDate: event.data.terminationDate };
    case 'LaborTerminationRejected': {
      const rejection = { rejectedOn: event.data.effectiveDate, reason: event.data.reason };
      return { ...state, laborTerminationRejections: [...(state.laborTerminationRejections ?? []), rejection] };
    }
    case 'OffboardingCaseCompleted':
      return { ...state, status: 'completed', completedOn: event.data.completedOn };
    case 'OffboardingCaseCancelled':
      return { ...state, status: 'cancelled' };
    case 'NotificationSent':
    case 'NotificationFailed':
      return state;
  }
}

export const offboardingDecider: Decider<OffboardingCommand, OffboardingState, OffboardingEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'OpenCase':
        return open(command, state);
      case 'PerformStep':
        return performStep(command, state);
      case 'CancelCase':
        return cancel(command, state);
      case 'RecordNotification':
        return recordNotification(command, state);
    }
  },
  evolve,
  events: offboardingEvents,
};

// ---------------------------------------------------------------- view

export type StepState = 'locked' | 'available' | 'in_progress' | 'done' | 'rejected';

export interface StepStatus {
  key: StepKey;
  status: StepState;
  requires: StepKey[];
  /** Prerequisites neither done nor overridden. */
  missing: StepKey[];
  dueDate: IsoDate | null;
  doneOn: IsoDate | null;
  /** Only when `today` is given: not done, the case open, and the due date passed. */
  overdue?: boolean;
}

/** Each pinned step's status, for read models and the API (GET /api/offboarding/{caseId}). */
export function stepStatuses(state: OffboardingState, today?: IsoDate): StepStatus[] {
  if (state.status === 'none') return [];
  const context = { lastWorkingDay: state.lastWorkingDay, terminationDate: state.terminationDate, parameters: state.policy.parameters };
  return state.policy.steps.map((definition) => {
    const doneOn = state.done[definition.key] ?? null;
    const missing = doneOn === null ? missingPrerequisites(state, definition).map((r) => r.step) : [];
    const due = dueDate(definition.due, context);
    const status: StepStatus = {
      key: definition.key,
      status: stepState(state, definition, doneOn, missing),
      requires: definition.requires.map((r) => r.step),
      missing,
      dueDate: due,
      doneOn,
    };
    if (today === undefined) return status;
    return { ...status, overdue: isStepOverdue(state.status, status, today) };
  });
}

/** A step is overdue from the day after its due date, while it is not done and its case is open. */
export function isStepOverdue(
  caseStatus: OffboardingState['status'],
  step: Pick<StepStatus, 'doneOn' | 'dueDate'>,
  today: IsoDate,
): boolean {
  return caseStatus === 'open' && step.doneOn === null && step.dueDate !== null && today > step.dueDate;
}

function stepState(c: OffboardingCase, definition: StepDefinition, doneOn: IsoDate | null, missing: StepKey[]): StepState {
  if (doneOn !== null) return 'done';
  if (definition.actions === 'request_complete_reject') {
    const transfer = transferStatus(c);
    if (transfer === 'requested') return 'in_progress';
    if (transfer === 'rejected') return 'rejected';
  }
  // A returned 退工 filing waits for its correction, like a returned transfer-out.
  if (definition.key === 'labor_termination' && (c.laborTerminationRejections?.length ?? 0) > 0) return 'rejected';
  return missing.length > 0 ? 'locked' : 'available';
}
