import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { EmployeesController } from './employees.controller';
import { EmployeesService } from './employees.service';

@Module({ imports: [PoliciesModule], controllers: [EmployeesController], providers: [EmployeesService], exports: [EmployeesService] })
export class EmployeesModule {}
