import { Module } from '@nestjs/common';
import { PolicyInForceModule } from '../policies';
import { CancelOffboardingCaseHandler } from './commands/cancel-case.handler';
import { OpenOffboardingCaseHandler } from './commands/open-case.handler';
import { PerformOffboardingStepHandler } from './commands/perform-step.handler';
import { RecordCaseNotificationHandler } from './commands/record-notification.handler';

/** The offboarding case's command handlers, for the service and for the command-line tools (app.commands.module.ts). */
@Module({
  imports: [PolicyInForceModule],
  providers: [OpenOffboardingCaseHandler, PerformOffboardingStepHandler, CancelOffboardingCaseHandler, RecordCaseNotificationHandler],
})
export class OffboardingCommandsModule {}
