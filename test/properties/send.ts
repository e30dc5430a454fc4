/**
 * One history command as the HTTP layer would hand it to its controller: the
 * route's roles and validation (gate.ts), then the controller method with the
 * body and parameters a front-end would send.
 */
import { INestApplication } from '@nestjs/common';
import { EmployeeIdParam } from '../../src/employees/employee-id.param';
import { HireEmployeeDto } from '../../src/employees/employee.dto';
import { EmployeesController } from '../../src/employees/employees.controller';
import { Role } from '../../src/domain/shared/vocabulary';
import { CommandContext } from '../../src/event-sourcing/envelope';
import { OffboardingController } from '../../src/offboarding/offboarding.controller';
import { CancelCaseDto, CaseIdParam, OpenCaseDto, StepCommandDto, StepParams } from '../../src/offboarding/offboarding.dto';
import { PersonalDataController } from '../../src/personal-data/personal-data.controller';
import { InsuranceController } from '../../src/social-insurance/insurance.controller';
import { BaseAdjustmentDto, ContributionDto, EnrollDto } from '../../src/social-insurance/insurance.dto';
import { Anchors, resolveDate, resolveMonth } from './dates';
import { actingRole, validated } from './gate';
import { SingleCommand } from './history';
import { scopedContext } from './scoped-key';

export interface Sent {
  anchors: Anchors;
  context: CommandContext;
  roles: Role[];
  /** The employee's latest case, or an id no case has. */
  caseId: string;
  employeeId: string;
  idNumber: string;
}

export async function send(app: INestApplication, command: SingleCommand, sent: Sent): Promise<{ caseId?: string; stream: string }> {
  const { anchors, roles } = sent;
  const date = resolveDate;
  const month = resolveMonth;
  // The context the HTTP layer builds: the acting role, and the Idempotency-Key scoped to the caller and the route.
  const as = (
    controller: Parameters<typeof actingRole>[0],
    method: string,
    params: object = {},
    body: object | null = null,
  ): CommandContext =>
    scopedContext(
      { ...sent.context, actor: { ...sent.context.actor, role: actingRole(controller, method, roles) } },
      controller,
      method,
      params,
      body,
    );
  const employee = () => validated(EmployeeIdParam, { id: sent.employeeId }, 'param');
  switch (command.op) {
    case 'hire': {
      const body = {
        employeeId: sent.employeeId,
        name: '张三',
        idNumber: sent.idNumber,
        orgUnit: 'Finance',
        category: command.category,
        region: command.region,
        hireDate: date(command.hireDate, anchors),
        monthlyWage: command.wage,
      };
      const context = as(EmployeesController, 'hire', {}, body);
      return app.get(EmployeesController).hire(await validated(HireEmployeeDto, body, 'body'), context);
    }
    case 'enrol': {
      const body = { startMonth: month(command.startMonth, anchors), insuranceTypes: command.types, contributionBase: command.base };
      const context = as(InsuranceController, 'enroll', { id: sent.employeeId }, body);
      return app.get(InsuranceController).enroll(await employee(), await validated(EnrollDto, body, 'body'), context);
    }
    case 'contribute': {
      const body = {
        month: month(command.month, anchors),
        base: command.base,
        correction: command.correction,
        ...(command.types ? { insuranceTypes: command.types } : {}),
      };
      const context = as(InsuranceController, 'contribute', { id: sent.employeeId }, body);
      return app.get(InsuranceController).contribute(await employee(), await validated(ContributionDto, body, 'body'), context);
    }
    case 'adjustBase': {
      const body = { fromMonth: month(command.fromMonth, anchors), contributionBase: command.base };
      const context = as(InsuranceController, 'adjustBase', { id: sent.employeeId }, body);
      return app.get(InsuranceController).adjustBase(await employee(), await validated(BaseAdjustmentDto, body, 'body'), context);
    }
    case 'open': {
      const lastWorkingDay = date(command.lastWorkingDay, anchors);
      // openedAt may count from this case's last working day, not the previous case's.
      const openedAt = command.openedAt && date(command.openedAt, { ...anchors, lastWorkingDay });
      const body = { employeeId: sent.employeeId, reason: command.reason, lastWorkingDay, ...(openedAt ? { openedAt } : {}) };
      const context = as(OffboardingController, 'open', {}, body);
      return app.get(OffboardingController).open(await validated(OpenCaseDto, body, 'body'), context);
    }
    case 'step': {
      const data = {
        ...(command.lastPaidMonth && command.step === 'si_transfer_out' ? { lastPaidMonth: month(command.lastPaidMonth, anchors) } : {}),
        ...(command.terminationDate && command.step === 'labor_termination'
          ? { terminationDate: date(command.terminationDate, anchors) }
          : {}),
      };
      const body = {
        action: command.action,
        ...(command.effectiveDate ? { effectiveDate: date(command.effectiveDate, anchors) } : {}),
        ...(command.note !== undefined ? { note: command.note } : {}),
        ...(Object.keys(data).length ? { data } : {}),
        ...(command.override !== undefined ? { override: { reason: command.override } } : {}),
      };
      const params = await validated(StepParams, { caseId: sent.caseId, step: command.step }, 'param');
      const context = as(OffboardingController, 'step', { caseId: sent.caseId, step: command.step }, body);
      return app.get(OffboardingController).step(params, await validated(StepCommandDto, body, 'body'), context);
    }
    case 'cancel': {
      const params = await validated(CaseIdParam, { caseId: sent.caseId }, 'param');
      const context = as(OffboardingController, 'cancel', { caseId: sent.caseId }, { note: command.note });
      return app.get(OffboardingController).cancel(params, await validated(CancelCaseDto, { note: command.note }, 'body'), context);
    }
    case 'erase': {
      const context = as(PersonalDataController, 'erase', { id: sent.employeeId });
      return app.get(PersonalDataController).erase(await employee(), context);
    }
  }
}
