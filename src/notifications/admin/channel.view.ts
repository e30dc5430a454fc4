import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../../domain/shared/vocabulary';
import { CommandResponse } from '../../http/command-response';
import { CHANNEL_TYPES } from '../channels/channel';

/** The answers of /api/admin/channels and /api/admin/deliveries, for the OpenAPI document. */

class SmtpView {
  @ApiProperty({ example: 'smtp.example.com' }) host!: string;
  @ApiProperty({ example: 587 }) port!: number;
  @ApiProperty() secure!: boolean;
  @ApiPropertyOptional() user?: string;
  @ApiProperty({ example: 'hr-notify@example.com' }) from!: string;
  @ApiProperty({ type: String, isArray: true }) to!: string[];
}

/** A channel as answered (channel-commands.ts, publicChannel): the secret never, whether one is set; the URL's query values masked. */
export class ChannelView {
  @ApiProperty({ example: 'it-robot' }) id!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: string;
  @ApiProperty({ example: 'IT 部门机器人' }) name!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, isArray: true }) departments!: string[];
  @ApiProperty({ type: String, isArray: true }) orgUnits!: string[];
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: string[];
  @ApiProperty({ type: String, isArray: true }) actorIds!: string[];
  @ApiPropertyOptional({ example: 'https://oapi.dingtalk.com/robot/send?access_token=***' }) url?: string;
  @ApiProperty({ enum: ['markdown', 'text'] }) format!: string;
  @ApiPropertyOptional({ type: SmtpView }) smtp?: SmtpView;
  @ApiProperty({ description: 'Whether a secret is set (it is never answered)' }) secretSet!: boolean;
}

export class ChannelAnswerView extends CommandResponse {
  @ApiProperty({ type: ChannelView }) channel!: ChannelView;
}

export class ChannelListView {
  @ApiProperty({ type: ChannelView, isArray: true }) items!: ChannelView[];
}

/** One message to one channel (delivery/read-store-outbox.ts). */
export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() messageId!: string;
  @ApiProperty() channelId!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) channelType!: string;
  @ApiProperty({ enum: ['pending', 'sent', 'dead'] }) state!: string;
  @ApiProperty({ example: 0 }) attempts!: number;
  @ApiProperty({ description: 'When it may be tried next (UTC ISO)' }) nextAttemptAt!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() sentAt?: string;
  @ApiPropertyOptional() deadAt?: string;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional({ description: 'The message’s case, where its delivery is recorded' }) caseId?: string;
  @ApiPropertyOptional({ description: 'Whether NotificationSent/Failed is on the case’s stream' }) recorded?: boolean;
}

export class DeliveryPageView {
  @ApiProperty({ type: DeliveryView, isArray: true }) items!: DeliveryView[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 3 }) total!: number;
}
