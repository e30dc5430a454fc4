import { Module } from '@nestjs/common';
import { PolicyInForceModule } from '../policies';
import { ChangePositionHandler } from './commands/change-position.handler';
import { HireEmployeeHandler } from './commands/hire-employee.handler';
import { RecordEmployeeSeparationHandler } from './commands/record-separation.handler';
import { ReleaseOffboardingLockHandler } from './commands/release-offboarding.handler';
import { SignContractHandler } from './commands/sign-contract.handler';
import { UpdatePersonalDataHandler } from './commands/update-personal-data.handler';

/** The personnel archive's command handlers, for the service and for the command-line tools (app.commands.module.ts). */
@Module({
  imports: [PolicyInForceModule],
  providers: [
    HireEmployeeHandler,
    UpdatePersonalDataHandler,
    SignContractHandler,
    ChangePositionHandler,
    RecordEmployeeSeparationHandler,
    ReleaseOffboardingLockHandler,
  ],
})
export class EmployeeCommandsModule {}
