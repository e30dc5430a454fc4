import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Roles } from '../auth/principal';
import { CommandResult } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Ctx } from '../http/command-context';
import { CommandResponse, commandResponse } from '../http/command-response';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';
import { CreateEventSubscription, DeleteEventSubscription } from './commands/event-subscription.handlers';
import {
  CreatedEventSubscriptionView,
  CreateEventSubscriptionDto,
  EventSubscriptionListView,
  EventSubscriptionView,
  SubscriptionIdParam,
  SubscriptionListQuery,
} from './event-subscriptions.dto';
import { EVENT_SUBSCRIPTIONS, EventSubscriptionDocument, eventSubscriptions } from './event-subscriptions.projection';

/**
 * Webhook subscriptions to domain events (docs/API.md, "Event feed"): a channel
 * receives each event of the chosen types recorded after the subscription, as a
 * `domain_event` message through the outbox, with the feed's masked envelope as
 * its payload. Administrators only: a subscription sends the organisation's
 * events out of the service.
 */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/admin/event-subscriptions')
@Roles('admin')
export class EventSubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe a channel to domain events of the given types (case opened, step completed, refused, transfer-out notice, …)',
    description:
      'Events recorded after the subscription are sent, at least once, each with the idempotency key `domain_event:<subscriptionId>:<position>`. ' +
      'Sending the same subscription again changes nothing; another one under an existing id is 409 EVENT_SUBSCRIPTION_EXISTS.',
  })
  @ApiCreatedResponse({ type: CreatedEventSubscriptionView })
  async create(@Body() dto: CreateEventSubscriptionDto, @Ctx() context: CommandContext) {
    const subscriptionId = dto.subscriptionId ?? `S${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const result = await this.commands.execute<CreateEventSubscription, CommandResult>(
      new CreateEventSubscription(subscriptionId, dto.channelId, dto.eventTypes, dto.description, context),
    );
    return { subscriptionId, ...commandResponse(result) };
  }

  @Get()
  @ApiOperation({ summary: 'The subscriptions, newest first; status=active keeps those still sending' })
  @ApiOkResponse({ type: EventSubscriptionListView })
  async list(@Query() { status }: SubscriptionListQuery) {
    const items = await this.reads.find<EventSubscriptionDocument>(this.collection(), {
      ...(status ? { filter: { status } } : {}),
      sort: { createdAt: -1 },
    });
    return { items: items.map(view) };
  }

  @Get(':subscriptionId')
  @ApiOperation({ summary: 'One subscription' })
  @ApiOkResponse({ type: EventSubscriptionView })
  async get(@Param() { subscriptionId }: SubscriptionIdParam) {
    const found = await this.reads.get<EventSubscriptionDocument>(this.collection(), subscriptionId);
    if (!found) throw new NotFoundException({ code: 'NOT_FOUND', message: `No subscription ${subscriptionId} (订阅不存在)` });
    return view(found);
  }

  @Delete(':subscriptionId')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End a subscription: events recorded after this are not sent; 404 EVENT_SUBSCRIPTION_NOT_FOUND for an unknown id',
  })
  @ApiOkResponse({ type: CommandResponse })
  async delete(@Param() { subscriptionId }: SubscriptionIdParam, @Ctx() context: CommandContext) {
    return commandResponse(
      await this.commands.execute<DeleteEventSubscription, CommandResult>(new DeleteEventSubscription(subscriptionId, context)),
    );
  }

  private collection(): string {
    return this.projections.collection(eventSubscriptions.name, EVENT_SUBSCRIPTIONS);
  }
}

const view = ({ id: _id, ...rest }: EventSubscriptionDocument) => rest;
