import { AuditedCommand } from '../application/audited-command';
import { EmployeeCommand } from '../domain/employee/employee.commands';
import { InsuranceCommand } from '../domain/social-insurance/insurance.commands';
import { ChangePosition, HireEmployee, SignContract, UpdatePersonalData } from '../employees';
import { CommandContext } from '../event-sourcing/envelope';
import { AdjustContributionBase, EnrollInSocialInsurance, RecordContribution } from '../social-insurance';
import { Undated } from './employee-plan';

/** A planned archive command as the service's command bus takes it (its handler adds today and the business date, as for the API). */
export function archiveCommand(employeeId: string, { type, data }: Undated<EmployeeCommand>, context: CommandContext): AuditedCommand {
  switch (type) {
    case 'HireEmployee':
      return new HireEmployee(data, context);
    case 'SignContract': {
      const { contractType, ...terms } = data;
      return new SignContract(employeeId, { ...terms, type: contractType }, context);
    }
    case 'ChangePosition':
      return new ChangePosition(employeeId, data, context);
    case 'UpdatePersonalData':
      return new UpdatePersonalData(employeeId, data, context);
    default:
      throw new Error(
        `The demo plans no ${type} command: the service derives it (offboarding process manager) or the case's commands take it`,
      );
  }
}

/** A planned social-insurance command as the service's command bus takes it. */
export function accountCommand(employeeId: string, { type, data }: Undated<InsuranceCommand>, context: CommandContext): AuditedCommand {
  switch (type) {
    case 'EnrollInSocialInsurance': {
      const { startMonth, insuranceTypes, contributionBase } = data;
      return new EnrollInSocialInsurance(employeeId, { startMonth, insuranceTypes, contributionBase }, context);
    }
    case 'AdjustContributionBase':
      return new AdjustContributionBase(employeeId, data, context);
    case 'RecordContribution':
      return new RecordContribution(employeeId, data, context);
    default:
      throw new Error(`The demo plans no ${type} command: the offboarding process manager closes the account`);
  }
}
