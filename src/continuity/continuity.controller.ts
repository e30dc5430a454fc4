import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { EmployeeIdParam } from '../employees';
import { ContinuityQuery } from './continuity.dto';
import { ContinuityService, EmployeeContinuity } from './continuity.service';
import { EmployeeContinuityView } from './continuity.view';

const READERS: Role[] = ['hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin'];

@ApiTags('social insurance')
@ApiBearerAuth()
@Controller('api/employees/:id/social-insurance/continuity')
export class ContinuityController {
  constructor(private readonly continuity: ContinuityService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Continuity per insurance type (covered months, gaps 断缴, streaks), unemployment-benefit eligibility and the minimum pension contributions',
    description:
      'unemploymentBenefit judges SIL art. 45 for the latest case’s reason and recorded facts (or ?separationReason=, ?proposedBy=, ?renewalOffer=). ' +
      'eligible and maxMonths are null when a mutual agreement’s proposer is not recorded: why says to record proposedBy on the case. ' +
      'Each type’s calendar gives every month from its start to through as runs of paid, corrected, gap and transferred_out.',
  })
  @ApiOkResponse({ type: EmployeeContinuityView })
  get(@Param() { id }: EmployeeIdParam, @Query() query: ContinuityQuery): Promise<EmployeeContinuity> {
    return this.continuity.employeeContinuity(id, query);
  }
}
