import { Module } from '@nestjs/common';
import { AdjustContributionBaseHandler } from './commands/adjust-contribution-base.handler';
import { CloseInsuranceForTransferOutHandler } from './commands/close-for-transfer-out.handler';
import { EnrollInSocialInsuranceHandler } from './commands/enroll.handler';
import { RecordContributionHandler } from './commands/record-contribution.handler';
import { InsuranceController } from './insurance.controller';

@Module({ controllers: [InsuranceController], providers: [EnrollInSocialInsuranceHandler, RecordContributionHandler, AdjustContributionBaseHandler, CloseInsuranceForTransferOutHandler] })
export class InsuranceModule {}
