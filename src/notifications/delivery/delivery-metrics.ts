import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../metrics/metrics.service';
import { ReadStoreOutbox } from './read-store-outbox';

/**
 * Delivery figures on the service's /metrics (the registry of src/metrics): attempts
 * by channel type and outcome, the queue's depth, and how long its oldest due message
 * has waited. The gauges are read from the outbox when scraped, so every replica
 * shows the shared queue, holder of the lease or not.
 */
export class DeliveryMetrics {
  readonly attempts: Counter<'channel_type' | 'outcome'>;

  constructor(metrics: MetricsService, outbox: ReadStoreOutbox, now: () => Date) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'notification_delivery_attempts_total',
      help: 'Delivery attempts by channel type and outcome (sent, retry, dead)',
      labelNames: ['channel_type', 'outcome'],
      registers,
    });
    new Gauge({
      name: 'notification_queue_depth',
      help: 'Deliveries pending (waiting for an attempt or a retry) and dead; messages waiting to be routed, and those no channel serves (unroutable)',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.set({ queue: 'deliveries' }, await outbox.countDeliveries('pending'));
        this.set({ queue: 'messages' }, await outbox.countPendingMessages());
        this.set({ queue: 'dead' }, await outbox.countDeliveries('dead'));
        this.set({ queue: 'unroutable' }, await outbox.countMessages('unroutable'));
      },
    });
    new Gauge({
      name: 'notification_oldest_pending_age_seconds',
      help: 'Seconds the oldest due, undelivered message has waited (0 when none)',
      registers,
      async collect() {
        const oldest = await outbox.oldestPending(now());
        this.set(oldest ? Math.max(0, (now().getTime() - new Date(oldest).getTime()) / 1000) : 0);
      },
    });
  }
}
