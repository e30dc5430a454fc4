import { Module } from '@nestjs/common';
import { AdjustContributionBaseHandler } from './commands/adjust-contribution-base.handler';
import { EnrollInSocialInsuranceHandler } from './commands/enroll.handler';
import { RecordContributionHandler } from './commands/record-contribution.handler';
import { InsuranceController } from './insurance.controller';

@Module({ controllers: [InsuranceController], providers: [EnrollInSocialInsuranceHandler, RecordContributionHandler, AdjustContributionBaseHandler] })
export class InsuranceModule {}
