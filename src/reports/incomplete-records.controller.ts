import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { sendCsv, wantsCsv } from '../http/csv';
import { ApiJsonOrCsvResponse } from '../http/csv-openapi';
import { IncompleteRecordsPageView } from './incomplete-records.view';
import { IncompleteRecordsQuery } from './incomplete-records.dto';
import { IncompleteRecordRow, IncompleteRecordsService } from './incomplete-records.service';

const CSV_COLUMNS = [
  'employeeId',
  'name',
  'status',
  'orgUnit',
  'region',
  'category',
  'hireDate',
  'incompleteFrom',
  'problems',
  'openCaseId',
  'overdueSteps',
];

const csvRow = (row: IncompleteRecordRow) => ({
  ...row,
  overdueSteps: row.overdueSteps.map((s) => `${s.key} due ${s.dueDate}, ${s.daysOverdue} days overdue`),
});

/**
 * hr_specialist may read it too: it is the specialists' work list (sign the
 * contract, enrol, finish the overdue step), and they already see each of these
 * records unmasked. Auditors and investigators get names masked.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class IncompleteRecordsController {
  constructor(private readonly records: IncompleteRecordsService) {}

  @Get('incomplete-records')
  @Roles('hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin')
  @ApiJsonOrCsvResponse(
    IncompleteRecordsPageView,
    'The page; as CSV, an attachment named incomplete-records.csv with the total in X-Total-Count',
  )
  @ApiOperation({
    summary:
      'Employees whose records are incomplete today: no contract, no enrolment, late enrolment (SIL art. 58: 30 days), an open case past a due date',
    description: 'Paged, longest incomplete first. Accept: text/csv answers the same page as CSV, with the total in X-Total-Count.',
  })
  async incompleteRecords(
    @Query() query: IncompleteRecordsQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const page = await this.records.page(query, principal);
    if (!wantsCsv(request)) {
      response.send(page);
      return;
    }
    response.header('X-Total-Count', String(page.total));
    sendCsv(response, 'incomplete-records.csv', CSV_COLUMNS, page.items.map(csvRow));
  }
}
