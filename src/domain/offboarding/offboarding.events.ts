import { DomainEvent } from '../decider';
import { WorkflowPolicy } from '../policy/policy';
import { TransferOutNotice } from '../policy/si-reduction';
import { IsoDate, IsoMonth } from '../shared/calendar';
import { Actor, SeparationReason, StepKey } from '../shared/vocabulary';
import { Proposer, RenewalOffer } from './separation-facts';

/**
 * Facts of an offboarding case (离职), stream `offboarding-<caseId>`. Each step's
 * completion is one plain fact: `SocialInsuranceTransferOutCompleted` for the
 * transfer-out, `LaborTerminationRegistered` for 退工, `StepCompleted` for the
 * others. The top-level `effectiveDate` is the business date the application
 * copies into `metadata.effectiveDate`; `data` repeats it so that a reader of the
 * log needs nothing else.
 */
type Dated = { effectiveDate: IsoDate };

/**
 * `policy` is the one in force when the case opened, with only the steps that apply to `reason`: pinned for the life of the case.
 * The separation facts (who proposed a mutual agreement, the renewal offer at an expiry, the notice) are optional:
 * events recorded before they existed, or without them, read them as unknown (separation-facts.ts).
 * `hireDate` (the archive's, when the case opened) bounds every date of the case; events written before it was kept have none,
 * and their steps are not checked against the hire date.
 */
export type OffboardingCaseOpened = DomainEvent<
  'OffboardingCaseOpened',
  {
    caseId: string;
    employeeId: string;
    reason: SeparationReason;
    lastWorkingDay: IsoDate;
    openedAt: IsoDate;
    policy: WorkflowPolicy;
    hireDate?: IsoDate;
    proposedBy?: Proposer;
    renewalOffer?: RenewalOffer;
    noticeGivenOn?: IsoDate;
    inProbation?: boolean;
  }
> &
  Dated;

/** An hr_manager let `step` go ahead without its soft prerequisites `overridden`, for the written `reason`. */
export type PrerequisiteOverridden = DomainEvent<
  'PrerequisiteOverridden',
  { step: StepKey; overridden: StepKey[]; reason: string; by: Actor; effectiveDate: IsoDate }
> &
  Dated;

export type StepCompleted = DomainEvent<'StepCompleted', { step: StepKey; effectiveDate: IsoDate; note?: string }> & Dated;

/** The 减员 filing, with the notice computed for it (effectiveDate is the filing date). */
export type SocialInsuranceTransferOutRequested = DomainEvent<
  'SocialInsuranceTransferOutRequested',
  { effectiveDate: IsoDate; notice: TransferOutNotice; note?: string }
> &
  Dated;

/** The bureau sent the filing back (退单) with its reason; the transfer-out can be requested again. */
export type SocialInsuranceTransferOutRejected = DomainEvent<
  'SocialInsuranceTransferOutRejected',
  { effectiveDate: IsoDate; reason: string }
> &
  Dated;

/** The bureau confirmed the reduction; `lastPaidMonth` is the bureau's, not the prediction. */
export type SocialInsuranceTransferOutCompleted = DomainEvent<
  'SocialInsuranceTransferOutCompleted',
  { effectiveDate: IsoDate; lastPaidMonth: IsoMonth; note?: string }
> &
  Dated;

/** 退工 registered on `effectiveDate` for a labour relationship that ended on `terminationDate`. */
export type LaborTerminationRegistered = DomainEvent<
  'LaborTerminationRegistered',
  { effectiveDate: IsoDate; terminationDate: IsoDate; note?: string }
> &
  Dated;

/**
 * The employment service returned a 退工 filing (驳回, docs/LAW.md §1.6) with its
 * reason; the filing can be corrected and filed again, and its acceptance is a
 * LaborTerminationRegistered. There is no separate "filed" event: the result
 * comes back in about two working days, and only the answer changes what the
 * case may do next.
 */
export type LaborTerminationRejected = DomainEvent<'LaborTerminationRejected', { effectiveDate: IsoDate; reason: string }> & Dated;

/** Emitted with the step that completes the last required step, dated like it. */
export type OffboardingCaseCompleted = DomainEvent<'OffboardingCaseCompleted', { completedOn: IsoDate }> & Dated;

export type OffboardingCaseCancelled = DomainEvent<'OffboardingCaseCancelled', { note: string; by: Actor }>;

/**
 * Who was told what about the case, through which channel (issue 13): recorded by the
 * notification dispatcher once a message was accepted by the channel (`NotificationSent`)
 * or given up after its last attempt (`NotificationFailed`), so that the timeline shows
 * an investigator every reminder and warning. Ids and kinds only: the text is the
 * outbox's, and names never reach the log through it. `evolve` ignores both: telling
 * someone changes no step of the case.
 */
export interface NotificationRecord {
  messageId: string;
  kind: 'reminder' | 'escalation' | 'warning' | 'domain_event';
  channelId: string;
  channelType: 'webhook' | 'dingtalk' | 'wecom' | 'feishu' | 'email';
  step?: StepKey;
  /** The audience entries the message was for: roles, departments, actor ids (token subjects) or a channel. */
  audience: Array<Record<string, string>>;
  attempt: number;
}

export type NotificationSent = DomainEvent<'NotificationSent', NotificationRecord & { sentAt: string }>;

export type NotificationFailed = DomainEvent<'NotificationFailed', NotificationRecord & { failedAt: string; error: string }>;

export type OffboardingEvent =
  | OffboardingCaseOpened
  | PrerequisiteOverridden
  | StepCompleted
  | SocialInsuranceTransferOutRequested
  | SocialInsuranceTransferOutRejected
  | SocialInsuranceTransferOutCompleted
  | LaborTerminationRegistered
  | LaborTerminationRejected
  | OffboardingCaseCompleted
  | OffboardingCaseCancelled
  | NotificationSent
  | NotificationFailed;
