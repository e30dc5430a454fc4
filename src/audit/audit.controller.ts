import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal, Public, Roles } from '../auth/principal';
import { EmployeeIdParam } from '../employees';
import { PageQuery } from '../http/paging';
import { AsOfQuery, RejectionsQuery, StreamParam, StreamsQuery, VerifyQuery } from './audit.dto';
import { AuditService } from './audit.service';
import {
  CheckpointTakenView,
  EmployeeAsOfView,
  ExportedCheckpointView,
  RawEventPageView,
  RejectionPageView,
  StreamPageView,
  VerificationReportView,
} from './audit.view';
import { SIGNING_KEY, SigningKey } from './signing-key';

const NDJSON = 'application/x-ndjson';

/** docs/API.md: auditors and administrators read /api/audit/*; investigators and HR roles get 403. */
@ApiTags('audit')
@Controller('api/audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  @Get('streams')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The streams in the store, by name, optionally of one category, a page at a time (keyset: pass `next` as `after`)',
    description:
      'From the stream catalog (a projection): each stream’s event count, last revision, position and type, first and last recorded instants. ' +
      'Open one with GET /api/audit/streams/{stream}/events.',
  })
  @ApiOkResponse({ type: StreamPageView })
  streams(@Query() query: StreamsQuery): Promise<StreamPageView> {
    return this.audit.streams(query);
  }

  @Get('streams/:stream/events')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The raw envelopes of one stream as stored (personal data sealed), in revision order, paged; plaintext from before sealing is masked for auditors',
  })
  @ApiOkResponse({ type: RawEventPageView })
  streamEvents(
    @Param() { stream }: StreamParam,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RawEventPageView> {
    return this.audit.streamEvents(stream, query, principal);
  }

  @Get('employees/:id/as-of')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The archive, social-insurance account and cases rebuilt from the events recorded up to an instant',
    description:
      'Folded from the event store with the deciders’ own evolve functions, never from read models. Personal data masked for auditors.',
  })
  @ApiOkResponse({ type: EmployeeAsOfView })
  asOf(@Param() { id }: EmployeeIdParam, @Query() { at }: AsOfQuery, @CurrentPrincipal() principal: Principal): Promise<EmployeeAsOfView> {
    return this.audit.asOf(id, at, principal);
  }

  @Get('employees/:id/evidence')
  // Investigators need the evidence of a dispute and read nothing sealed in it: see AuditService.evidence.
  @Roles('auditor', 'investigator', 'admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The signed evidence package of one person (NDJSON), as npm run audit:export writes it, as a download',
    description:
      'Every event of the archive, social-insurance account and offboarding cases, and the refusals about them, exactly as stored (personal data sealed), ' +
      'with each stream’s head, signed with the service’s Ed25519 key (GET /api/audit/public-key). Check it offline: npm run audit:verify -- <file> --public-key service.pem. ' +
      'Auditors, investigators and administrators. 403 PERSONAL_DATA_IN_PLAINTEXT for a role that may not see personal data when the record holds some stored ' +
      'in plaintext (recorded before sealing existed). X-Evidence-Key-Fingerprint: the signing key’s fingerprint.',
  })
  @ApiProduces(NDJSON)
  @ApiOkResponse({
    description: 'The package, as an attachment named evidence-<employee>-<yyyymmddThhmmssZ>.ndjson',
    content: { [NDJSON]: { schema: { type: 'string', format: 'binary' } } },
  })
  async evidence(@Param() { id }: EmployeeIdParam, @CurrentPrincipal() principal: Principal, @Res() response: FastifyReply): Promise<void> {
    const evidence = await this.audit.evidence(id, principal, new Date());
    response.header('Content-Type', NDJSON);
    response.header('Content-Disposition', `attachment; filename="${evidence.fileName}"`);
    response.header('X-Evidence-Key-Fingerprint', this.key.fingerprint);
    response.header('Cache-Control', 'no-store');
    response.send(evidence.content);
  }

  @Get('verify')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Recomputes the hash chains of one stream or of the whole store and reports the first break',
    description:
      'Catches a changed payload or metadata field, a removed or reordered event; for the whole store also a position of the log that holds no event (SQLite), ' +
      'a stream named by another that does not exist, and chain heads that differ from the latest signed checkpoint (an edit with its later hashes recomputed, a truncated or deleted stream). ' +
      'firstBroken.reason says which.',
  })
  @ApiOkResponse({ type: VerificationReportView })
  verify(@Query() { stream }: VerifyQuery): Promise<VerificationReportView> {
    return this.audit.verify(stream);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Signs the head (revision and hash) of every stream now and records it as a ChainHeadsCheckpointed event',
    description:
      'Also taken every AUDIT_CHECKPOINT_MINUTES. 409 CHECKPOINT_REFUSED when the store no longer matches the previous checkpoint.',
  })
  @ApiOkResponse({ type: CheckpointTakenView })
  checkpoint(): Promise<CheckpointTakenView> {
    return this.audit.checkpoint(new Date());
  }

  @Get('checkpoints/latest')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'The latest signed checkpoint with its list of chain heads, to keep outside the service',
    description:
      'Save it and check an evidence package against it later: npm run audit:verify -- <package> --public-key <pem> --checkpoint <this file>.',
  })
  @ApiOkResponse({ type: ExportedCheckpointView })
  latestCheckpoint(): Promise<ExportedCheckpointView> {
    return this.audit.latestCheckpoint();
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
