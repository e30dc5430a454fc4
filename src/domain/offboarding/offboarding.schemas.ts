import { eventSchemas } from '../stored-event';
import { OffboardingEvent } from './offboarding.events';

/**
 * The events of an offboarding case (`offboarding-<caseId>`): each type's current
 * schema version. Fields added as optional (OffboardingCaseOpened's hireDate and
 * separation facts) needed no new version: older events read them as unknown.
 */
export const offboardingEvents = eventSchemas<OffboardingEvent>('offboarding case', {
  OffboardingCaseOpened: { current: 1 },
  PrerequisiteOverridden: { current: 1 },
  StepCompleted: { current: 1 },
  SocialInsuranceTransferOutRequested: { current: 1 },
  SocialInsuranceTransferOutRejected: { current: 1 },
  SocialInsuranceTransferOutCompleted: { current: 1 },
  LaborTerminationRegistered: { current: 1 },
  LaborTerminationRejected: { current: 1 },
  OffboardingCaseCompleted: { current: 1 },
  OffboardingCaseCancelled: { current: 1 },
  NotificationSent: { current: 1 },
  NotificationFailed: { current: 1 },
});
