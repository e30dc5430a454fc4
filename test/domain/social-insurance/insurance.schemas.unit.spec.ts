import { InsuranceEvent } from '../../../src/domain/social-insurance/insurance.events';
import { insuranceEvents } from '../../../src/domain/social-insurance/insurance.schemas';
import { describeSeam } from '../seam-spec';

describeSeam('social-insurance account', insuranceEvents, [
  {
    type: 'SocialInsuranceEnrolled',
    data: { employeeId: 'E1', startMonth: '2020-01', insuranceTypes: ['pension'], contributionBase: 12000, hireDate: '2020-01-06' },
  },
  { type: 'ContributionRecorded', data: { month: '2024-03', insuranceTypes: ['pension'], base: 12000 } },
  { type: 'ContributionCorrected', data: { month: '2024-03', insuranceTypes: ['pension'], base: 12500, previousBase: 12000 } },
  { type: 'ContributionBaseAdjusted', data: { fromMonth: '2024-07', contributionBase: 13000, previousBase: 12000 } },
  { type: 'SocialInsuranceTransferredOut', data: { caseId: 'K1', lastPaidMonth: '2024-06', contributionsAfterLastPaidMonth: [] } },
] satisfies InsuranceEvent[]);
