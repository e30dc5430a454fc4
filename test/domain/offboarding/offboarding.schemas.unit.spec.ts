import { OffboardingEvent } from '../../../src/domain/offboarding/offboarding.events';
import { offboardingEvents } from '../../../src/domain/offboarding/offboarding.schemas';
import { describeSeam } from '../seam-spec';
import { manager, opened, perform, play, requestTransfer } from './fixtures';

const day = '2024-07-01';
const requested = play(play([opened()], [perform('approval')]), [requestTransfer(day)]).at(-1)!;

describeSeam('offboarding case', offboardingEvents, [
  opened(),
  requested,
  {
    type: 'PrerequisiteOverridden',
    effectiveDate: day,
    data: { step: 'labor_termination', overridden: ['handover'], reason: 'approver on leave', by: manager, effectiveDate: day },
  },
  { type: 'StepCompleted', effectiveDate: day, data: { step: 'handover', effectiveDate: day } },
  { type: 'SocialInsuranceTransferOutRejected', effectiveDate: day, data: { effectiveDate: day, reason: '材料不全' } },
  { type: 'SocialInsuranceTransferOutCompleted', effectiveDate: day, data: { effectiveDate: day, lastPaidMonth: '2024-06' } },
  { type: 'LaborTerminationRegistered', effectiveDate: day, data: { effectiveDate: day, terminationDate: '2024-06-30' } },
  { type: 'LaborTerminationRejected', effectiveDate: day, data: { effectiveDate: day, reason: 'wrong reason code' } },
  { type: 'OffboardingCaseCompleted', effectiveDate: day, data: { completedOn: day } },
  { type: 'OffboardingCaseCancelled', data: { note: 'withdrawn', by: manager } },
] satisfies OffboardingEvent[]);
