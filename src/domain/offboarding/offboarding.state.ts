import { WorkflowPolicy } from '../policy/policy';
import { TransferOutNotice } from '../policy/si-reduction';
import { IsoDate, IsoMonth } from '../shared/calendar';
import { SeparationReason, StepKey } from '../shared/vocabulary';
import { PrerequisiteOverridden } from './offboarding.events';
import { SeparationFacts } from './separation-facts';

// The state a case folds to, apart from the decider so that rules kept in other
// files (effective-order.ts) name it without importing the decider back.

/** One 减员 filing and, if the bureau sent it back (退单), when and why. */
export interface TransferAttempt {
  requestedOn: IsoDate;
  notice: TransferOutNotice;
  rejectedOn?: IsoDate;
  rejectionReason?: string;
}

export interface OffboardingCase extends SeparationFacts {
  status: 'open' | 'completed' | 'cancelled';
  caseId: string;
  employeeId: string;
  reason: SeparationReason;
  lastWorkingDay: IsoDate;
  openedAt: IsoDate;
  /** The archive's hire date when the case opened; absent in cases opened before it was kept. */
  hireDate?: IsoDate;
  /** Pinned when the case opened, with only the steps that apply to `reason`. */
  policy: WorkflowPolicy;
  /** The effective date each finished step was done on. */
  done: Partial<Record<StepKey, IsoDate>>;
  transferAttempts: TransferAttempt[];
  lastPaidMonth?: IsoMonth;
  /** The end of the labour relationship, once 退工 is registered. */
  terminationDate?: IsoDate;
  overrides: Array<PrerequisiteOverridden['data']>;
  completedOn?: IsoDate;
  /** 退工 filings the employment service returned (驳回), oldest first; absent until the first one. */
  laborTerminationRejections?: LaborTerminationRejection[];
}

export interface LaborTerminationRejection {
  rejectedOn: IsoDate;
  reason: string;
}

export type OffboardingState = { status: 'none' } | OffboardingCase;
