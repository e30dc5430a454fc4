import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies';
import { ChangePositionHandler } from './commands/change-position.handler';
import { HireEmployeeHandler } from './commands/hire-employee.handler';
import { RecordEmployeeSeparationHandler } from './commands/record-separation.handler';
import { ReleaseOffboardingLockHandler } from './commands/release-offboarding.handler';
import { SignContractHandler } from './commands/sign-contract.handler';
import { UpdatePersonalDataHandler } from './commands/update-personal-data.handler';
import { EmployeesController } from './employees.controller';
import { GetEmployeeProfileHandler } from './queries/get-employee-profile.handler';

@Module({
  imports: [PoliciesModule],
  controllers: [EmployeesController],
  providers: [HireEmployeeHandler, UpdatePersonalDataHandler, SignContractHandler, ChangePositionHandler, RecordEmployeeSeparationHandler, ReleaseOffboardingLockHandler, GetEmployeeProfileHandler],
})
export class EmployeesModule {}
