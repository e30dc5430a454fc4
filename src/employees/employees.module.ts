import { Module } from '@nestjs/common';
import { EmployeeCommandsModule } from './employee-commands.module';
import { EmployeesController } from './employees.controller';
import { GetEmployeeProfileHandler } from './queries/get-employee-profile.handler';

@Module({ imports: [EmployeeCommandsModule], controllers: [EmployeesController], providers: [GetEmployeeProfileHandler] })
export class EmployeesModule {}
