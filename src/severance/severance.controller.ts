import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { EmployeeIdParam } from '../employees';
import { SeveranceQuery, SeveranceView } from './severance.dto';
import { SeveranceService } from './severance.service';

const READERS: Role[] = ['hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin'];

@ApiTags('severance')
@ApiBearerAuth()
@Controller('api/employees')
export class SeveranceController {
  constructor(private readonly severance: SeveranceService) {}

  @Get(':id/severance')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Severance (经济补偿, N+1, 2N) under LCL arts. 40, 46, 47 and 87, with every input and rule used',
    description:
      'No name or ID number in the answer. manualReview says when a person must decide (dismissal ground, pre-2008 service, missing regional figures).',
  })
  @ApiOkResponse({ type: SeveranceView })
  calculate(@Param() { id }: EmployeeIdParam, @Query() query: SeveranceQuery): Promise<SeveranceView> {
    return this.severance.calculate(id, query);
  }
}
