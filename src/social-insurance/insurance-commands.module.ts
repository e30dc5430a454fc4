import { Module } from '@nestjs/common';
import { AdjustContributionBaseHandler } from './commands/adjust-contribution-base.handler';
import { CloseInsuranceForTransferOutHandler } from './commands/close-for-transfer-out.handler';
import { EnrollInSocialInsuranceHandler } from './commands/enroll.handler';
import { RecordContributionHandler } from './commands/record-contribution.handler';

/** The social-insurance account's command handlers, for the service and for the command-line tools (app.commands.module.ts). */
@Module({
  providers: [
    EnrollInSocialInsuranceHandler,
    RecordContributionHandler,
    AdjustContributionBaseHandler,
    CloseInsuranceForTransferOutHandler,
  ],
})
export class InsuranceCommandsModule {}
