import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { EmployeeIdParam } from '../employees';
import { Ctx } from '../http/command-context';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { CommandResponse, commandResponse } from '../http/command-response';
import { BaseAdjustmentDto, ContributionDto, EnrollDto } from './insurance.dto';
import { AdjustContributionBase } from './commands/adjust-contribution-base.handler';
import { EnrollInSocialInsurance } from './commands/enroll.handler';
import { RecordContribution } from './commands/record-contribution.handler';

const WRITERS: Role[] = ['hr_specialist', 'hr_manager'];

@ApiTags('social insurance')
@ApiBearerAuth()
@Controller('api/employees/:id/social-insurance')
export class InsuranceController {
  constructor(private readonly commands: CommandBus) {}

  @Post('enrollment')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Enrol the employee in social insurance (参保)' })
  @ApiCreatedResponse({ type: CommandResponse })
  async enroll(@Param() { id }: EmployeeIdParam, @Body() dto: EnrollDto, @Ctx() context: CommandContext) {
    return commandResponse(
      await this.commands.execute<EnrollInSocialInsurance, CommandResult>(new EnrollInSocialInsurance(id, dto, context)),
    );
  }

  @Post('contributions')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a monthly contribution, or a correction of one' })
  @ApiCreatedResponse({ type: CommandResponse })
  async contribute(@Param() { id }: EmployeeIdParam, @Body() dto: ContributionDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.commands.execute<RecordContribution, CommandResult>(new RecordContribution(id, dto, context)));
  }

  @Post('base-adjustments')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Adjust the contribution base from a month on' })
  @ApiCreatedResponse({ type: CommandResponse })
  async adjustBase(@Param() { id }: EmployeeIdParam, @Body() dto: BaseAdjustmentDto, @Ctx() context: CommandContext) {
    return commandResponse(
      await this.commands.execute<AdjustContributionBase, CommandResult>(new AdjustContributionBase(id, dto, context)),
    );
  }
}
