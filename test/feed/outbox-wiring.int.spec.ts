import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/config';
import { domainEventMessageId } from '../../src/feed';
import { EVENT_STORE, EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { OUTBOX } from '../../src/notifications';
import { ProjectionsService } from '../../src/projections/projections.service';
import { InMemoryOutbox } from '../support/in-memory-outbox';
import { TEST_SECRET } from '../support/tokens';

const outbox = new InMemoryOutbox();

/** What the notifications module does for the service: the outbox, to every module. */
@Global()
@Module({ providers: [{ provide: OUTBOX, useValue: outbox }], exports: [OUTBOX] })
class GlobalOutbox {}

@Module({})
class ServiceWithOutbox {}

/**
 * The service's composition: an outbox provided globally reaches the reactors
 * (ProjectionsModule injects OUTBOX when present), so the webhook publisher runs;
 * without one the service starts without it (domain-event-publisher.int.spec.ts).
 */
describe('the outbox reaches the reactors when the service has one', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outbox-wiring-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the domain event publisher, which enqueues a subscribed event', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET });
    const app = await NestFactory.createApplicationContext(
      { module: ServiceWithOutbox, imports: [AppModule.forRoot(config, { clock: () => new Date() }), GlobalOutbox] },
      { logger: false, abortOnError: false },
    );
    try {
      await app.init();
      const projections = app.get(ProjectionsService);
      expect(projections.runners.map((r) => r.projection.name)).toContain('domain_event_publisher');
      const events = app.get<EventStore>(EVENT_STORE);
      const metadata = {
        actor: { id: 'admin-1', role: 'admin' },
        recordedAt: new Date().toISOString(),
        effectiveDate: '2024-07-01',
        correlationId: 'c',
        causationId: 'c',
        source: 'test',
      };
      await events.appendToStream('eventsubscription-S1', 'no_stream', [
        {
          id: uuidv7(),
          type: 'EventSubscriptionCreated',
          schemaVersion: 1,
          data: { subscriptionId: 'S1', channelId: 'ch', eventTypes: ['StepCompleted'] },
          metadata,
        },
      ]);
      const { position } = await events.appendToStream('offboarding-C9', 'any', [
        { id: uuidv7(), type: 'StepCompleted', schemaVersion: 1, data: { step: 'handover', effectiveDate: '2024-07-01' }, metadata },
      ]);
      for (let i = 0; i < 500 && !outbox.messages.has(domainEventMessageId('S1', position)); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(outbox.ids()).toEqual([domainEventMessageId('S1', position)]);
    } finally {
      await app.close();
    }
  }, 30_000);
});
