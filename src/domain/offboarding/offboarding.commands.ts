import { WorkflowPolicy } from '../policy/policy';
import { IsoDate } from '../shared/calendar';
import { Actor, SeparationReason, StepKey } from '../shared/vocabulary';
import { SeparationFacts } from './separation-facts';
import { NotificationFailed, NotificationSent } from './offboarding.events';

/**
 * Commands to an offboarding case. The application supplies the facts the case
 * cannot know: the policy in force (read from its stream), the dates, the actor.
 * That the person is employed and has no other open case is checked by the
 * application against the employee archive before `OpenCase`.
 */

export interface OpenCase {
  type: 'OpenCase';
  data: {
    caseId: string;
    employeeId: string;
    reason: SeparationReason;
    lastWorkingDay: IsoDate;
    /** The policy in force for the employee's region and category on `openedAt`. */
    policy: WorkflowPolicy;
    /** The day the case was opened in the world: the request's business day, or earlier for a case entered after the fact. */
    openedAt: IsoDate;
    /** The employee's hire date, read by the application from the archive: no date of the case may precede it. */
    hireDate: IsoDate;
    /** The business day of the request (the domain reads no clock), for the future bound. */
    today: IsoDate;
  } & SeparationFacts;
}

export type StepAction = 'complete' | 'request' | 'reject';

export interface PerformStep {
  type: 'PerformStep';
  data: {
    step: StepKey;
    action: StepAction;
    /** When it happened; for a transfer-out `request`, the filing date. */
    effectiveDate: IsoDate;
    /** For `reject`, the bureau's reason (required). */
    note?: string;
    data?: {
      /** Required to complete si_transfer_out: the bureau's last paid month (YYYY-MM). */
      lastPaidMonth?: string;
      /** For labor_termination: the day the labour relationship ended (解除或终止日期); defaults to the last working day. */
      terminationDate?: IsoDate;
    };
    actor: Actor;
    /** The business day of the request (the domain reads no clock): a step cannot be done after it. */
    today: IsoDate;
    /** An hr_manager's written reason to go ahead without the step's soft prerequisites. */
    override?: { reason: string };
  };
}

export interface CancelCase {
  type: 'CancelCase';
  data: { note: string; actor: Actor };
}

/** Records that a message about the case was delivered through a channel, or given up (the notification dispatcher). */
export interface RecordNotification {
  type: 'RecordNotification';
  data: { outcome: 'sent'; record: NotificationSent['data'] } | { outcome: 'failed'; record: NotificationFailed['data'] };
}

export type OffboardingCommand = OpenCase | PerformStep | CancelCase | RecordNotification;
