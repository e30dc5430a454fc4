import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '../domain/decider';
import { Config, CONFIG } from '../config/config';
import { CLOCK, Clock } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { KEY_STORE, KeyStore } from '../infrastructure/key-store/key-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { MetricsService } from '../metrics/metrics.service';
import { Lease, leaseOptions } from '../projections/lease';
import { ProjectionsService } from '../projections/projections.service';
import { RecordCaseNotification } from '../offboarding';
import { ChannelDirectory } from './channels/channel-directory';
import { ChannelSecrets } from './channels/channel-secrets';
import { CHANNELS, NOTIFICATION_CHANNELS_PROJECTION } from './channels/channels.projection';
import { DeliveryMetrics } from './delivery/delivery-metrics';
import { Dispatcher } from './delivery/dispatcher';
import { Delivery, ReadStoreOutbox } from './delivery/read-store-outbox';
import { OUTBOX, OutboundMessage } from './outbound-message';

/**
 * The delivering side in this process: the outbox (also the OUTBOX port reactors
 * enqueue into), the channel directory, and the dispatcher, which runs only while
 * this process holds the `dispatcher` lease (one active instance among replicas).
 */
@Injectable()
export class NotificationsRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly directory: ChannelDirectory;
  readonly dispatcher: Dispatcher;
  private readonly lease: Lease;
  private readonly metrics: DeliveryMetrics;

  constructor(
    @Inject(READ_STORE) reads: ReadStore,
    @Inject(OUTBOX) readonly outbox: ReadStoreOutbox,
    @Inject(EVENT_STORE) readonly events: EventStore,
    @Inject(KEY_STORE) keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: Config,
    projections: ProjectionsService,
    metrics: MetricsService,
    private readonly commands: CommandBus,
  ) {
    this.directory = new ChannelDirectory(reads, () => projections.collection(NOTIFICATION_CHANNELS_PROJECTION, CHANNELS));
    this.metrics = new DeliveryMetrics(metrics, this.outbox, clock);
    this.dispatcher = new Dispatcher(this.outbox, this.directory, new ChannelSecrets(keys), config.notify, clock, {
      attempted: (channelType, outcome) => this.metrics.attempts.inc({ channel_type: channelType, outcome }),
      record: (delivery, message) => this.record(delivery, message),
      log: (msg, fields) => this.logger.warn({ ...fields, msg }),
    });
    this.lease = new Lease(reads, 'dispatcher', projections.holderId, leaseOptions(config.leaseTtlMs), {
      onAcquired: () => this.dispatcher.start(),
      onLost: () => this.dispatcher.stop(),
    });
    // Enqueued here, or by the reminders and warnings in the projection worker: look now rather than at the next poll.
    this.outbox.onEnqueued(() => this.dispatcher.wake());
    projections.onPushedInWorker(() => this.dispatcher.wake());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.outbox.ensureCollections();
    this.lease.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lease.stop();
  }

  /** A dead (or pending) delivery is due again now with a fresh count of attempts. */
  async redeliver(id: string): Promise<Omit<Delivery, 'version'>> {
    for (let tries = 0; tries < 5; tries++) {
      const delivery = await this.outbox.delivery(id);
      if (!delivery) throw new NotFoundException({ code: 'DELIVERY_NOT_FOUND', message: `No delivery ${id}` });
      if (delivery.state === 'sent') {
        throw new ConflictException({
          code: 'DELIVERY_SENT',
          message: `投递已成功，无需重发 / Delivery ${id} was sent on ${delivery.sentAt}.`,
        });
      }
      const next = await this.outbox.update(delivery, {
        state: 'pending',
        attempts: 0,
        nextAttemptAt: this.clock().toISOString(),
        deadAt: undefined,
        redeliveredAt: this.clock().toISOString(),
        ...(delivery.caseId ? { recorded: false } : {}),
      });
      if (next) {
        this.dispatcher.wake();
        const { version: _version, ...rest } = next;
        return rest;
      }
    }
    throw new ConflictException({ code: 'CONCURRENCY', message: `Delivery ${id} kept changing; try again.` });
  }

  /** NotificationSent / NotificationFailed on the case's stream, by a command on the bus (a refusal is recorded there and ends it). */
  private async record(delivery: Delivery, message: OutboundMessage): Promise<void> {
    if (!delivery.caseId || (delivery.state !== 'sent' && delivery.state !== 'dead')) return;
    const now = this.clock();
    const base = {
      messageId: delivery.messageId,
      kind: message.kind,
      channelId: delivery.channelId,
      channelType: delivery.channelType,
      ...(message.step ? { step: message.step as never } : {}),
      audience: message.audience.map((a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, String(v)]))),
      attempt: delivery.attempts,
    };
    const outcome =
      delivery.state === 'sent'
        ? { outcome: 'sent' as const, record: { ...base, sentAt: delivery.sentAt ?? now.toISOString() } }
        : {
            outcome: 'failed' as const,
            record: { ...base, failedAt: delivery.deadAt ?? now.toISOString(), error: delivery.lastError ?? 'unknown' },
          };
    const context = {
      actor: { id: 'notification-dispatcher', role: 'system' },
      recordedAt: now,
      correlationId: delivery.messageId,
      source: 'system' as const,
    };
    try {
      await this.commands.execute(new RecordCaseNotification(delivery.caseId, outcome, context));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
}
