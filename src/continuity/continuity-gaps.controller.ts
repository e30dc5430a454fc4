import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal, Roles, seesPersonalData } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { sendCsv, wantsCsv } from '../http/csv';
import { ApiJsonOrCsvResponse } from '../http/csv-openapi';
import { ContinuityGapsPageView } from './continuity-gaps.dto';
import { ContinuityGapsQuery } from './continuity.dto';
import { ContinuityGapsService } from './continuity-gaps.service';
import { CONTINUITY_GAPS_CSV_COLUMNS, continuityGapsCsvRow } from './continuity-gaps.view';

/**
 * Specialists may read it too: it is their work list for back-payments and
 * corrections (docs/API.md: they record social insurance), and it shows them nothing
 * the per-employee continuity, which they may read, does not.
 */
const READERS: Role[] = ['hr_specialist', 'hr_manager', 'auditor', 'investigator', 'admin'];

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports/continuity-gaps')
export class ContinuityGapsController {
  constructor(private readonly gaps: ContinuityGapsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Employees with a contribution gap up to `through`, by org unit, region and category; CSV with Accept: text/csv',
  })
  @ApiJsonOrCsvResponse(ContinuityGapsPageView, 'The page; as CSV, an attachment named continuity-gaps-<through>-page-<page>.csv')
  async report(
    @Query() query: ContinuityGapsQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const page = await this.gaps.report(query, seesPersonalData(principal));
    if (wantsCsv(request)) {
      sendCsv(
        response,
        `continuity-gaps-${page.through}-page-${page.page}.csv`,
        CONTINUITY_GAPS_CSV_COLUMNS,
        page.items.map(continuityGapsCsvRow),
      );
    } else {
      response.send(page);
    }
  }
}
