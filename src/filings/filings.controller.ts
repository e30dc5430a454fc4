import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal, Roles } from '../auth/principal';
import { Role } from '../domain/shared/vocabulary';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { Upload, UploadedFile } from '../http/file-upload';
import { ExportFilingQuery, FILING_ROUTE_KINDS, FilingKindParam, ImportReceiptQuery, ReceiptReport } from './filings.dto';
import { FilingsService } from './filings.service';

/** The people who file with the bureau; both may see the personal data the file holds (docs/API.md). */
const FILERS: Role[] = ['hr_manager', 'hr_specialist'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('filings')
@ApiBearerAuth()
@Controller('api/filings')
export class FilingsController {
  constructor(private readonly filings: FilingsService) {}

  @Get(':kind')
  @Roles(...FILERS)
  @ApiOperation({
    summary: 'The bureau’s batch file for a region: 减员 (si-reduction) or 退工 (labor-termination), for the cases due today',
    description:
      'Columns and their order come from the region’s policy in force (parameters.filingTemplates). Due: the case is open, its step unlocked, not done and not ' +
      'awaiting the bureau’s answer (a rejected filing is due again); for 减员, a filing today keeps the month of the last working day paid (the region’s cut-off). ' +
      'Every export is recorded as FilingExported on filing-<region> (who, when, which cases, the file’s SHA-256). 404 NO_FILING_TEMPLATE where the region has none; ' +
      '409 FILING_TEMPLATES_DIFFER where categories’ templates differ (then ?category=). X-Filing-Rows: the number of rows.',
  })
  @ApiProduces(XLSX, 'text/csv')
  @ApiConflictResponse({ description: 'FILING_TEMPLATES_DIFFER: the categories’ templates differ; name one with ?category=' })
  @ApiOkResponse({
    description: 'The file, as an attachment named <kind>-<region>-<business date>.<xlsx|csv>',
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string', format: 'binary' } } },
  })
  async export(
    @Param() { kind }: FilingKindParam,
    @Query() query: ExportFilingQuery,
    @CurrentPrincipal() principal: Principal,
    @Ctx() context: CommandContext,
    @Res() response: FastifyReply,
  ): Promise<void> {
    const exported = await this.filings.export(FILING_ROUTE_KINDS[kind], query, principal, context);
    response.header('Content-Type', exported.file.contentType);
    response.header('Content-Disposition', `attachment; filename="${exported.fileName}"`);
    response.header('X-Filing-Rows', String(exported.rows));
    response.header('X-Log-Position', exported.position.toString());
    response.send(exported.file.bytes);
  }

  @Post(':kind/receipts')
  @HttpCode(200)
  @Roles(...FILERS)
  @ApiOperation({
    summary: 'Import the bureau’s receipt (回执): each row completes or rejects its case’s step, with a row report',
    description:
      'xlsx or csv (UTF-8 or GB18030), as a multipart/form-data part named file or as the body itself. Columns per the region’s template (receipt). A row finds its ' +
      'case by case id, employee id or ID number; accepted completes si_transfer_out / labor_termination, rejected records the reason (the step can be filed again), ' +
      'through the same command as POST /api/offboarding/{caseId}/steps/{step}. A row’s problem does not stop the others. Importing a file again records nothing twice. ' +
      '400 FILE_REJECTED when the file cannot be read (no header, a required column missing).',
  })
  @ApiConsumes('multipart/form-data', 'text/csv', XLSX)
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ReceiptReport })
  async receipt(
    @Param() { kind }: FilingKindParam,
    @Query() query: ImportReceiptQuery,
    @Upload() file: UploadedFile,
    @Ctx() context: CommandContext,
  ): Promise<ReceiptReport> {
    return this.filings.importReceipt(FILING_ROUTE_KINDS[kind], query, file, context);
  }
}
