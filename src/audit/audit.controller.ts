import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Roles } from '../auth/principal';
import { EmployeeIdParam } from '../employees/employee-id.param';
import { PageQuery } from '../http/paging';
import { AsOfQuery, RejectionsQuery, StreamParam, VerifyQuery } from './audit.dto';
import { AuditService } from './audit.service';
import { EmployeeAsOfView, RawEventPageView, RejectionPageView, VerificationReportView } from './audit.view';
import { SIGNING_KEY, SigningKey } from './signing-key';

/** API.md: auditors and administrators read /api/audit/*; investigators and HR roles get 403. */
@ApiTags('audit')
@Controller('api/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  @Get('streams/:stream/events')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The raw envelopes of one stream as stored (personal data sealed), in revision order, paged; plaintext from before sealing is masked for auditors' })
  @ApiOkResponse({ type: RawEventPageView })
  streamEvents(@Param() { stream }: StreamParam, @Query() query: PageQuery, @CurrentPrincipal() principal: Principal): Promise<RawEventPageView> {
    return this.audit.streamEvents(stream, query, principal);
  }

  @Get('employees/:id/as-of')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The archive, social-insurance account and cases rebuilt from the events recorded up to an instant',
    description: 'Folded from the event store with the deciders’ own evolve functions, never from read models. Personal data masked for auditors.',
  })
  @ApiOkResponse({ type: EmployeeAsOfView })
  asOf(@Param() { id }: EmployeeIdParam, @Query() { at }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<EmployeeAsOfView> {
    return this.audit.asOf(id, at, principal);
  }

  @Get('verify')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Recomputes the hash chains of one stream or of the whole store and reports the first break',
    description:
      'Catches a changed payload or metadata field, a removed event and a reordered event. A removed last event leaves an intact, shorter chain: only a head kept elsewhere (an evidence package) shows it.',
  })
  @ApiOkResponse({ type: VerificationReportView })
  verify(@Query() { stream }: VerifyQuery): Promise<VerificationReportView> {
    return this.audit.verify(stream);
  }

  @Get('rejections')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Refused commands (guardrail hits) by time, actor, step and employee, oldest first' })
  @ApiOkResponse({ type: RejectionPageView })
  rejections(@Query() query: RejectionsQuery): Promise<RejectionPageView> {
    return this.audit.rejections(query);
  }

  @Get('public-key')
  @Public()
  @Header('Content-Type', 'application/x-pem-file')
  @ApiProduces('application/x-pem-file')
  @ApiOperation({ summary: 'The Ed25519 public key (PEM) that evidence packages are signed with; public, no token needed' })
  @ApiOkResponse({ schema: { type: 'string' } })
  publicKey(): string {
    return this.key.publicKeyPem;
  }
}
