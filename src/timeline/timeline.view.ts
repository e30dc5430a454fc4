import { ApiProperty } from '@nestjs/swagger';
import { TIMELINE_ORDERS, TimelineOrder } from './timeline.dto';
import { parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { knownEventOf } from './known-events';
import { genericSummary, summarize } from './timeline-summaries';
import { TimelineEntryDocument } from './timeline.projection';

class ActorView {
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

class SummaryView {
  @ApiProperty({ example: '2024-03 缴费已记录：养老，基数 12000.00 元' })
  zh!: string;

  @ApiProperty({ example: 'contribution for 2024-03 recorded: pension, base CNY 12000.00' })
  en!: string;
}

export class TimelineItemView {
  @ApiProperty({ example: '1842', description: 'Global position in the log, as a decimal string (64-bit)' })
  position!: string;

  @ApiProperty({ example: 'insurance-E1001' })
  stream!: string;

  @ApiProperty({
    example: '3',
    description: 'The event’s revision in its stream, as a decimal string (64-bit)',
  })
  revision!: string;

  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    nullable: true,
    type: String,
    description:
      'The event’s SHA-256 in its stream’s hash chain, as stored (the raw envelope’s metadata.hash, the one evidence packages hold); null for an event written without a chain',
  })
  hash!: string | null;

  @ApiProperty({ example: 'ContributionRecorded' })
  type!: string;

  @ApiProperty({ example: '2024-05-20T02:15:00.000Z', nullable: true, type: String, description: 'When the system learned it (UTC)' })
  recordedAt!: string | null;

  @ApiProperty({ example: '2024-03-01', nullable: true, type: String, description: 'When it happened in the world (business date)' })
  effectiveDate!: string | null;

  @ApiProperty({ type: ActorView })
  actor!: ActorView;

  @ApiProperty({ type: SummaryView, description: 'One line; never names, ID numbers or contact data' })
  summary!: SummaryView;

  @ApiProperty({ example: '01900000-0000-7000-8000-000000000000', description: 'The event id, to find the raw envelope under /api/audit' })
  eventId!: string;
}

export class TimelinePageView {
  @ApiProperty({ example: 'E1001' })
  employeeId!: string;

  @ApiProperty({ enum: TIMELINE_ORDERS })
  order!: TimelineOrder;

  @ApiProperty({
    example: '2024-05-10T10:00:00.000Z',
    nullable: true,
    type: String,
    description: 'The asKnownAt instant in UTC, or null for everything recorded',
  })
  asKnownAt!: string | null;

  @ApiProperty({ type: TimelineItemView, isArray: true })
  items!: TimelineItemView[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 50 })
  pageSize!: number;

  @ApiProperty({ example: 120, description: 'Entries matching the query, over all pages' })
  total!: number;
}

/** A page's item: found by its entry, shown from its event as the log holds it (timeline-events.ts). */
export function timelineItem(entry: TimelineEntryDocument, event: RecordedEvent): TimelineItemView {
  const { actor, hash } = event.metadata as { actor?: { id?: unknown; role?: unknown; issuer?: unknown }; hash?: unknown };
  const known = knownEventOf(event, parseStream(event.stream));
  return {
    position: event.position.toString(),
    stream: event.stream,
    revision: event.revision.toString(),
    // Metadata passes the sealing store unchanged: the hash of the stored form, the one the chain and evidence packages hold.
    hash: typeof hash === 'string' ? hash : null,
    type: event.type,
    recordedAt: entry.recordedAt,
    effectiveDate: entry.effectiveDate,
    actor: {
      id: typeof actor?.id === 'string' ? actor.id : 'unknown',
      role: typeof actor?.role === 'string' ? actor.role : 'unknown',
      ...(typeof actor?.issuer === 'string' ? { issuer: actor.issuer } : {}),
    },
    summary: known ? summarize(known.type, known.data) : genericSummary(event.type),
    eventId: event.id,
  };
}
