import { eventSchemas } from '../stored-event';
import { InsuranceEvent } from './insurance.events';

/** The events of a social-insurance account (`insurance-<employeeId>`): each type's current schema version. */
export const insuranceEvents = eventSchemas<InsuranceEvent>('social-insurance account', {
  SocialInsuranceEnrolled: { current: 1 },
  ContributionRecorded: { current: 1 },
  ContributionCorrected: { current: 1 },
  ContributionBaseAdjusted: { current: 1 },
  SocialInsuranceTransferredOut: { current: 1 },
});
