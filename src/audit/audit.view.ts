import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ChainHeadsCheckpointed } from './chain-heads-checkpoint';
import { BREAK_REASONS } from './store-verification';

/** Response shapes of /api/audit, for the OpenAPI document. */

export class RawEventView {
  @ApiProperty({ example: 'employee-E1001' }) stream!: string;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ example: '1042', description: 'Global position; a decimal string, as positions are 64-bit' }) position!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'EmployeeHired' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'As stored; personal data masked for roles that may not see it' })
  data!: object;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'actor, recordedAt, effectiveDate, correlationId, causationId, source, prevHash, hash',
  })
  metadata!: object;
}

export class RawEventPageView {
  @ApiProperty() stream!: string;
  @ApiProperty({ type: RawEventView, isArray: true }) items!: RawEventView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'Events in the stream, by its last revision' }) total!: number;
}

export class BrokenChainView {
  @ApiProperty({ example: 'employee-E1001' }) stream!: string;
  @ApiProperty({
    example: 3,
    description: "The first revision that cannot be verified; for stream '$all' (a position gap), the first missing position",
  })
  revision!: number;
  @ApiProperty({ enum: BREAK_REASONS, description: 'What kind of break was found' }) reason!: string;
  @ApiProperty({ enum: BREAK_REASONS, description: 'The same as reason (its former name)' }) problem!: string;
  @ApiProperty() detail!: string;
}

export class VerificationReportView {
  @ApiProperty() ok!: boolean;
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty({
    type: BrokenChainView,
    nullable: true,
    description:
      'The first break found walking the log; null when ok. A chain alone cannot show a removed last event or an edit with its later hashes recomputed: ' +
      'for the whole store, position gaps, references between streams and the latest signed checkpoint do (README, Reports and audit).',
  })
  firstBroken!: BrokenChainView | null;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Whole store: what may be harmless but deserves a look' })
  warnings?: string[];
  @ApiPropertyOptional({
    type: 'object',
    nullable: true,
    properties: { position: { type: 'string' }, takenAt: { type: 'string' } },
    description: 'Whole store: the checkpoint compared with',
  })
  checkpoint?: { position: string; takenAt: string } | null;
}

export class CheckpointTakenView {
  @ApiProperty({ example: '1042', description: 'Position of the ChainHeadsCheckpointed event' }) position!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'format, position covered, streams, events, digest (SHA-256 of the sorted head lines), takenAt, previous, signature (Ed25519)',
  })
  checkpoint!: ChainHeadsCheckpointed;
}

export class ExportedCheckpointView {
  @ApiProperty({ type: 'object', additionalProperties: true }) checkpoint!: ChainHeadsCheckpointed;
  @ApiProperty({ description: 'The Ed25519 public key (PEM) it is signed with' }) publicKey!: string;
  @ApiProperty({
    type: String,
    isArray: true,
    example: ['employee-E1001 3 9f86d0…'],
    description: '`<stream> <revision> <hash>`, sorted; each line plus \\n hashes to checkpoint.digest',
  })
  heads!: string[];
}

export class EmployeeAsOfView {
  @ApiProperty({ example: 'E1001' }) employeeId!: string;
  @ApiProperty({ example: '2024-05-10T10:00:00.000Z', description: 'The instant, in UTC' }) at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The archive folded with the employee decider; personal data masked for auditors',
  })
  archive!: object | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The account folded with the social-insurance decider',
  })
  socialInsurance!: object | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    isArray: true,
    description: 'Cases reserved by then, folded with the offboarding decider, with their steps',
  })
  cases!: object[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    isArray: true,
    description: 'Per stream: events recorded by then and the last one’s revision',
  })
  basis!: object[];
}

export class RejectionView {
  @ApiProperty({ description: 'The refusal event’s id' }) id!: string;
  @ApiProperty({ example: '1042' }) position!: string;
  @ApiProperty({ example: '2024-05-11T09:00:00.000Z' }) recordedAt!: string;
  @ApiProperty({ type: 'object', properties: { id: { type: 'string' }, role: { type: 'string' } } }) actor!: { id: string; role: string };
  @ApiProperty({ example: 'PerformStep' }) command!: string;
  @ApiProperty({ example: 'STEP_LOCKED' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: String, nullable: true, example: 'labor_termination' }) step!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'complete' }) action!: string | null;
  @ApiProperty({ type: String, isArray: true, example: ['si_transfer_out'] }) missing!: string[];
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) employeeId!: string | null;
}

export class RejectionPageView {
  @ApiProperty({ type: RejectionView, isArray: true }) items!: RejectionView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class StreamSummaryView {
  @ApiProperty({ example: 'employee-E1001', description: 'The stream name' }) stream!: string;
  @ApiProperty({ example: 'employee', description: 'The part of the name before the first dash' }) category!: string;
  @ApiProperty({ example: 4, description: 'Events in the stream' }) events!: number;
  @ApiProperty({ example: '3', description: 'The last event’s revision; a decimal string, as revisions are 64-bit' }) lastRevision!: string;
  @ApiProperty({ example: '1042', description: 'The last event’s global position; a decimal string' }) lastPosition!: string;
  @ApiProperty({ example: 'PositionChanged' }) lastType!: string;
  @ApiProperty({ type: String, nullable: true, example: '2024-05-10T02:00:00.000Z' }) firstRecordedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-06-30T09:00:00.000Z' }) lastRecordedAt!: string | null;
}

export class StreamPageView {
  @ApiProperty({ type: StreamSummaryView, isArray: true, description: 'By stream name' }) items!: StreamSummaryView[];
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'employee-E1050',
    description: 'Pass as `after` for the next page; null on the last page',
  })
  next!: string | null;
  @ApiProperty({ example: 132, description: 'Streams in the category (in the store without one)' }) total!: number;
}
