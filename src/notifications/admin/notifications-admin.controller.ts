import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/principal';
import { channelDecider } from '../../domain/notification-channel/channel.decider';
import { channelStream } from '../../domain/shared/streams';
import { CommandResult, loadState } from '../../event-sourcing/command-handler';
import { CommandContext } from '../../event-sourcing/envelope';
import { Ctx } from '../../http/command-context';
import { CommandResponse, commandResponse } from '../../http/command-response';
import { ChannelBodyDto, ChannelPatchDto, DeliveriesQuery } from './channel.dto';
import { ChannelAnswerView, ChannelListView, ChannelView, DeliveryPageView, DeliveryView } from './channel.view';
import {
  ChangeNotificationChannel,
  ChannelAnswer,
  ConfigureNotificationChannel,
  publicChannel,
  RemoveNotificationChannel,
} from './channel-commands';
import { NotificationsRuntime } from '../notifications.runtime';

@ApiTags('notifications (admin)')
@ApiBearerAuth()
@Controller('api/admin')
export class NotificationsAdminController {
  constructor(
    private readonly commands: CommandBus,
    private readonly runtime: NotificationsRuntime,
  ) {}

  @Post('channels')
  @Roles('admin')
  @ApiOperation({
    summary: 'Configure a channel (webhook, DingTalk, WeCom, Feishu, e-mail) for a department, org unit, roles or actors (admin)',
    description:
      'The secret is encrypted at rest under the channel\'s own key and never answered (`secretSet`). Webhook receivers get `Webhook-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` ' +
      'and `Idempotency-Key: <message id>`; reject a `t` more than 300 s from your clock, compare v1 in constant time, keep the first delivery of each key.',
  })
  @ApiCreatedResponse({ type: ChannelAnswerView })
  async create(@Body() body: ChannelBodyDto, @Ctx() context: CommandContext) {
    const answer = await this.commands.execute<ConfigureNotificationChannel, ChannelAnswer>(
      new ConfigureNotificationChannel(body, context),
    );
    return { ...commandResponse(answer), channel: answer.channel };
  }

  @Get('channels')
  @Roles('admin')
  @ApiOperation({ summary: 'The channels in force, secrets left out (admin)' })
  @ApiOkResponse({ type: ChannelListView })
  async list() {
    return { items: (await this.runtime.directory.all()).map(publicChannel) };
  }

  @Get('channels/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'One channel, from its stream (admin)' })
  @ApiOkResponse({ type: ChannelView })
  async get(@Param('id') id: string) {
    const state = await loadState(this.runtime.events, channelStream(id), channelDecider);
    if (state.status !== 'active') throw new NotFoundException({ code: 'CHANNEL_NOT_FOUND', message: `No notification channel ${id}` });
    return publicChannel(state.config);
  }

  @Patch('channels/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a channel; fields left out stay; `secret: null` removes the secret (admin)' })
  @ApiOkResponse({ type: ChannelAnswerView })
  async change(@Param('id') id: string, @Body() patch: ChannelPatchDto, @Ctx() context: CommandContext) {
    const answer = await this.commands.execute<ChangeNotificationChannel, ChannelAnswer>(new ChangeNotificationChannel(id, patch, context));
    return { ...commandResponse(answer), channel: answer.channel };
  }

  @Delete('channels/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Remove a channel; its key is destroyed, so its secret can no longer be opened anywhere (admin)' })
  @ApiOkResponse({ type: CommandResponse })
  async remove(@Param('id') id: string, @Ctx() context: CommandContext) {
    return commandResponse(
      await this.commands.execute<RemoveNotificationChannel, CommandResult>(new RemoveNotificationChannel(id, context)),
    );
  }

  @Get('deliveries')
  @Roles('admin')
  @ApiOperation({ summary: 'Deliveries by state: pending (waiting or retrying), sent, dead (given up after the last attempt) (admin)' })
  @ApiOkResponse({ type: DeliveryPageView })
  async deliveries(@Query() query: DeliveriesQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [items, total] = await Promise.all([
      this.runtime.outbox.deliveries(query.state, pageSize, (page - 1) * pageSize),
      this.runtime.outbox.countDeliveries(query.state),
    ]);
    return { items: items.map(({ version: _version, ...rest }) => rest), total, page, pageSize };
  }

  @Post('deliveries/:id/redeliver')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a dead (or pending) delivery again now, with a fresh count of attempts; a sent one is refused (409) (admin)',
  })
  @ApiAcceptedResponse({ type: DeliveryView, description: 'The delivery, pending again' })
  async redeliver(@Param('id') id: string) {
    return this.runtime.redeliver(id);
  }
}
