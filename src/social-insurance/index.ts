/** What other features may use of social-insurance: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { AdjustContributionBase } from './commands/adjust-contribution-base.handler';
export { CloseInsuranceForTransferOut } from './commands/close-for-transfer-out.handler';
export { EnrollInSocialInsurance } from './commands/enroll.handler';
export { RecordContribution } from './commands/record-contribution.handler';
export { ContributionDto, EnrollDto } from './insurance.dto';
