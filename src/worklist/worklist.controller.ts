import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { WorklistPageView, WorklistQuery } from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('api/worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Get()
  @Roles('hr_specialist', 'hr_manager', 'admin')
  @ApiOperation({
    summary: 'The caller’s open tasks: steps of open cases assigned to one of their roles, in their departments',
    description:
      'A step’s assignee (its policy’s `assignee`: a role and optionally a department) puts it on the list of a caller who holds the role and, ' +
      'when it names a department, belongs to it (the token’s `departments` claim); an hr_manager also sees every task of their departments. ' +
      'Soonest due first, undated last. Ids only: names are on the case and the profile, with their masking.',
  })
  @ApiOkResponse({ type: WorklistPageView })
  list(@Query() query: WorklistQuery, @CurrentPrincipal() principal: Principal): Promise<WorklistPageView> {
    return this.worklist.page(query, principal);
  }
}
