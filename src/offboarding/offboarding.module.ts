import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies';
import { CancelOffboardingCaseHandler } from './commands/cancel-case.handler';
import { OpenOffboardingCaseHandler } from './commands/open-case.handler';
import { PerformOffboardingStepHandler } from './commands/perform-step.handler';
import { OffboardingController } from './offboarding.controller';
import { GetOffboardingCaseHandler } from './queries/get-case.handler';
import { ListOffboardingCasesHandler } from './queries/list-cases.handler';

@Module({
  imports: [PoliciesModule],
  controllers: [OffboardingController],
  providers: [OpenOffboardingCaseHandler, PerformOffboardingStepHandler, CancelOffboardingCaseHandler, GetOffboardingCaseHandler, ListOffboardingCasesHandler],
})
export class OffboardingModule {}
