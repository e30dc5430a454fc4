import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { EmployeeIdParam } from '../employees';
import { JSON_CONTENT_TYPE } from '../http/json-answers';
import { TimelineQuery } from './timeline.dto';
import { TimelineService } from './timeline.service';
import { TimelinePageView } from './timeline.view';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/employees')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get(':id/timeline')
  // Summaries carry no personal data, so every reader sees the same timeline, unmasked.
  @Roles('hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin')
  @ApiOperation({
    summary: 'Every event of the archive, social-insurance account and offboarding cases, and the refused commands about them',
    description:
      'order=recorded follows the log; order=effective sorts by business date. asKnownAt keeps only what had been recorded by then.',
  })
  @ApiOkResponse({ type: TimelinePageView })
  @Header('Content-Type', JSON_CONTENT_TYPE)
  page(@Param() { id }: EmployeeIdParam, @Query() query: TimelineQuery): Promise<Buffer> {
    return this.timeline.page(id, query);
  }
}
