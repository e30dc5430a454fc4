import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { OffboardingDashboard } from './offboarding-dashboard';
import { DashboardQuery, OffboardingDashboardView } from './offboarding-dashboard.dto';
import { GetOffboardingDashboard } from './queries/offboarding-dashboard.handler';

/**
 * Management figures, no personal data. hr_specialist is left out on purpose: the
 * figures judge the team's work (timeliness, overrides, blocked attempts), which is
 * the manager's oversight; specialists see their work list in
 * /api/reports/incomplete-records and GET /api/offboarding?overdue=true.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/dashboard')
export class OffboardingDashboardController {
  constructor(private readonly queries: QueryBus) {}

  @Get('offboarding')
  @Roles('hr_manager', 'auditor', 'investigator', 'admin')
  @ApiOperation({
    summary: 'Offboarding figures for a date range, optionally for one org unit, region or category',
    description:
      'Cases opened, completed, cancelled (each by its own date); on-time rate (SI and archive transfer within 15 days of termination, LCL art. 50); ' +
      'SI transfer success rate (bureau answers; a rejection is a failure); 退工 filing success rate (employment-service answers; a rejection 驳回 is a failure) and ' +
      'the returned filings of each kind (filingRejections); average and median days from opening to completion; blocked attempts ' +
      '(refused step commands, by step); overrides; open cases by the step they wait on. Rates are fractions 0..1 (4 decimals), null when there is nothing to divide.',
  })
  @ApiOkResponse({ type: OffboardingDashboardView })
  dashboard(@Query() query: DashboardQuery): Promise<OffboardingDashboard> {
    return this.queries.execute<GetOffboardingDashboard, OffboardingDashboard>(new GetOffboardingDashboard(query));
  }
}
