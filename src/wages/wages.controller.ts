import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { EmployeeIdParam } from '../employees';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { CommandResponse, commandResponse } from '../http/command-response';
import { ChangeWageDto, RecordMonthlyPayDto } from './wages.dto';
import { ChangeWage } from './commands/change-wage.handler';
import { RecordMonthlyPay } from './commands/record-monthly-pay.handler';

const WRITERS: Role[] = ['hr_specialist', 'hr_manager'];

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/employees')
export class WagesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/wages')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Record a change of the contractual monthly wage (调薪) from a date on',
    description:
      'Refused before the hire date (400 INVALID_DATE) and for a separated employee (409 EMPLOYEE_SEPARATED). The severance answer uses the wage history for months without a payroll record.',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  async changeWage(@Param() { id }: EmployeeIdParam, @Body() dto: ChangeWageDto, @Ctx() context: CommandContext): Promise<CommandResponse> {
    return commandResponse(await this.commands.execute<ChangeWage, CommandResult>(new ChangeWage(id, dto, context)));
  }

  @Post(':id/pay-records')
  @Roles(...WRITERS)
  @ApiOperation({
    summary: 'Record what payroll owed for a month (应得工资); a second record for the month corrects the first',
    description:
      'From the hire month (400 INVALID_MONTH before it) through the termination month (409 EMPLOYEE_SEPARATED after it). The severance answer averages these over the 12 months before termination (LCL art. 47 para. 3).',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  async recordMonthlyPay(
    @Param() { id }: EmployeeIdParam,
    @Body() dto: RecordMonthlyPayDto,
    @Ctx() context: CommandContext,
  ): Promise<CommandResponse> {
    return commandResponse(await this.commands.execute<RecordMonthlyPay, CommandResult>(new RecordMonthlyPay(id, dto, context)));
  }
}
