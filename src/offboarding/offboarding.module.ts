import { Module } from '@nestjs/common';
import { OffboardingCommandsModule } from './offboarding-commands.module';
import { OffboardingController } from './offboarding.controller';
import { GetOffboardingCaseHandler } from './queries/get-case.handler';
import { ListOffboardingCasesHandler } from './queries/list-cases.handler';

@Module({
  imports: [OffboardingCommandsModule],
  controllers: [OffboardingController],
  providers: [GetOffboardingCaseHandler, ListOffboardingCasesHandler],
})
export class OffboardingModule {}
