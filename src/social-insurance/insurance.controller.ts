import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { EmployeeIdParam } from '../employees/employee-id.param';
import { Ctx } from '../http/command-context';
import { CommandContext } from '../event-sourcing/envelope';
import { CommandResponse, commandResponse } from '../http/command-response';
import { BaseAdjustmentDto, ContributionDto, EnrollDto } from './insurance.dto';
import { InsuranceService } from './insurance.service';

const WRITERS: Role[] = ['hr_specialist', 'hr_manager'];

@ApiTags('social insurance')
@ApiBearerAuth()
@Controller('api/employees/:id/social-insurance')
export class InsuranceController {
  constructor(private readonly insurance: InsuranceService) {}

  @Post('enrollment')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Enrol the employee in social insurance (参保)' })
  @ApiCreatedResponse({ type: CommandResponse })
  async enroll(@Param() { id }: EmployeeIdParam, @Body() dto: EnrollDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.insurance.enroll(id, dto, context));
  }

  @Post('contributions')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a monthly contribution, or a correction of one' })
  @ApiCreatedResponse({ type: CommandResponse })
  async contribute(@Param() { id }: EmployeeIdParam, @Body() dto: ContributionDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.insurance.recordContribution(id, dto, context));
  }

  @Post('base-adjustments')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Adjust the contribution base from a month on' })
  @ApiCreatedResponse({ type: CommandResponse })
  async adjustBase(@Param() { id }: EmployeeIdParam, @Body() dto: BaseAdjustmentDto, @Ctx() context: CommandContext) {
    return commandResponse(await this.insurance.adjustBase(id, dto, context));
  }
}
