import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { CommandResponse } from '../http/command-response';
import { IsText, Optional, Pattern } from '../http/validators';
import { PUBLISHABLE_EVENT_TYPES } from './event-catalogue';

/** Ids of subscriptions and channels: letters, digits, `.`, `_`, `-` (and `:` for channels), as ids elsewhere. */
export const SUBSCRIPTION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const CHANNEL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export class CreateEventSubscriptionDto {
  @ApiPropertyOptional({ example: 'payroll-offboarding', description: 'Generated when absent' })
  @Optional()
  @Pattern(SUBSCRIPTION_ID, { message: 'subscriptionId must be 1 to 64 letters, digits, ., _ or -, starting with a letter or digit' })
  subscriptionId?: string;

  @ApiProperty({ example: 'payroll-webhook', description: 'A channel configured under notifications (webhook, chat robot, e-mail)' })
  @Pattern(CHANNEL_ID, { message: 'channelId must be 1 to 128 letters, digits, ., _, : or -, starting with a letter or digit' })
  channelId!: string;

  @ApiProperty({ enum: PUBLISHABLE_EVENT_TYPES, isArray: true, example: ['OffboardingCaseOpened', 'StepCompleted', 'CommandRefused'] })
  @IsArray({ message: 'eventTypes must be a list of event types' })
  @ArrayMinSize(1, { message: 'eventTypes must name at least one event type' })
  @ArrayMaxSize(PUBLISHABLE_EVENT_TYPES.length, { message: 'eventTypes names a type more than once' })
  @IsIn(PUBLISHABLE_EVENT_TYPES, { each: true, message: `each of eventTypes must be one of ${PUBLISHABLE_EVENT_TYPES.join(', ')}` })
  eventTypes!: string[];

  @ApiPropertyOptional({ example: 'Payroll stops pay when a case opens' })
  @Optional()
  @IsText({ max: 500 })
  description?: string;
}

export class SubscriptionIdParam {
  @ApiProperty({ example: 'payroll', pattern: SUBSCRIPTION_ID.source })
  @Pattern(SUBSCRIPTION_ID, { message: 'subscriptionId must be a subscription id' })
  subscriptionId!: string;
}

export class SubscriptionListQuery {
  @ApiPropertyOptional({ enum: ['active', 'deleted'] })
  @Optional()
  @IsIn(['active', 'deleted'], { message: 'status must be active or deleted' })
  status?: 'active' | 'deleted';
}

/** One subscription as GET answers it (event-subscriptions.projection.ts). */
export class EventSubscriptionView {
  @ApiProperty({ example: 'payroll-sync' }) subscriptionId!: string;
  @ApiProperty({ example: 'payroll-webhook', description: 'The notification channel the events are sent through' }) channelId!: string;
  @ApiProperty({ type: String, isArray: true, example: ['OffboardingCaseCompleted'] }) eventTypes!: string[];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: ['active', 'deleted'] }) status!: string;
  @ApiProperty({ example: '1042', description: 'Events recorded after this position are sent' }) fromPosition!: string;
  @ApiProperty({ type: String, nullable: true, example: '2024-07-01T08:00:00.000Z' }) createdAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) deletedAt!: string | null;
}

/** What POST answers: the subscription's id (made up when none was given), and where its event went. */
export class CreatedEventSubscriptionView extends CommandResponse {
  @ApiProperty({ example: 'payroll-sync' }) subscriptionId!: string;
}

export class EventSubscriptionListView {
  @ApiProperty({ type: EventSubscriptionView, isArray: true }) items!: EventSubscriptionView[];
}
