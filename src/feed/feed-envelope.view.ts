import { ApiProperty } from '@nestjs/swagger';

class FeedActorView {
  @ApiProperty({ example: 'hr-spec-1' })
  id!: string;
  @ApiProperty({ example: 'hr_specialist' })
  role!: string;
  @ApiProperty({
    required: false,
    description: 'The identity provider that vouched for the actor (its issuer; `id` is its subject there); absent for a local token',
    example: 'https://sso.example.com/realms/hr',
  })
  issuer?: string;
}

/** The JSON of each event on the feed and in each `domain_event` webhook (feed-envelope.ts). */
export class FeedEnvelopeView {
  @ApiProperty({ description: 'The event type (past tense)', example: 'StepCompleted' })
  type!: string;
  @ApiProperty({
    description: '`<category>-<id>`: employee-, insurance-, offboarding-, policy-, audit-, eventsubscription-',
    example: 'offboarding-C1',
  })
  stream!: string;
  @ApiProperty({ description: 'Global log position, a decimal string (64-bit); the SSE id and the resume point', example: '1042' })
  position!: string;
  @ApiProperty({ example: 1 })
  schemaVersion!: number;
  @ApiProperty({ nullable: true, description: 'When the system learned it (ISO 8601)', example: '2024-07-01T02:00:00.000Z' })
  recordedAt!: string | null;
  @ApiProperty({ nullable: true, description: 'When it happened in the world (business date, China)', example: '2024-07-01' })
  effectiveDate!: string | null;
  @ApiProperty({ type: FeedActorView, nullable: true })
  actor!: FeedActorView | null;
  @ApiProperty({ nullable: true, description: 'The request or command that caused it' })
  correlationId!: string | null;
  @ApiProperty({
    description:
      'The event’s data at its current schema version; names and ID numbers masked for roles that may not see personal data. ' +
      'The published types’ data are the EventData<Type> schemas.',
  })
  data!: unknown;
}
