import { CommandBus } from '@nestjs/cqrs';
import { allReactors, pushReactors, ReactorPorts } from '../src/app.projections';
import { CONFIG } from '../src/config/config';
import { EventStore, RecordedEvent } from '../src/infrastructure/event-store/event-store.port';
import { OUTBOX } from '../src/notifications';
import { ProjectionsModule } from '../src/projections/projections.module';
import { PUSH_REACTORS, REACTORS } from '../src/projections/projections.service';
import { opened } from './domain/offboarding/fixtures';
import { InMemoryOutbox } from './support/in-memory-outbox';
import { noSideWrites } from './support/no-side-writes';

describe('reactors at the composition root', () => {
  // Never read by the first two tests: building the reactors touches no store.
  const events = {} as EventStore;
  const commands = {} as CommandBus;
  const clock = () => new Date('2024-06-01T00:00:00Z');

  it('run the process manager on the bus, and reminders, warnings and the domain-event publisher only when an outbox is bound', () => {
    expect(allReactors({ events, commands, clock, outbox: new InMemoryOutbox() }).map((r) => r.name)).toEqual([
      'offboarding_process_manager',
    ]);
    expect(pushReactors({ events, clock }).map((r) => r.name)).toEqual([]);
    expect(pushReactors({ events, clock, outbox: new InMemoryOutbox() }).map((r) => r.name)).toEqual([
      'reminders',
      'refusal_warnings',
      'domain_event_publisher',
    ]);
  });

  it('get the outbox and the configuration from their tokens, each optional', () => {
    const module = ProjectionsModule.forRoot<ReactorPorts>({
      projections: () => [],
      reactors: allReactors,
      pushReactors,
      reactorPorts: { outbox: OUTBOX, config: CONFIG },
      workerScript: null,
    });
    const providerOf = (token: symbol) =>
      module.providers!.find((p) => typeof p === 'object' && 'provide' in p && p.provide === token) as {
        inject: unknown[];
        useFactory: (...args: unknown[]) => Array<{ name: string }>;
      };
    const reactors = providerOf(REACTORS);
    expect(reactors.useFactory(events, clock, commands, new InMemoryOutbox(), { reminderHour: 9 }).map((r) => r.name)).toEqual([
      'offboarding_process_manager',
    ]);
    const pushing = providerOf(PUSH_REACTORS);
    expect(pushing.inject.slice(-2)).toEqual([
      { token: OUTBOX, optional: true },
      { token: CONFIG, optional: true },
    ]);
    expect(pushing.useFactory(events, clock, undefined, { reminderHour: 9 }).map((r) => r.name)).toEqual([]);
    expect(pushing.useFactory(events, clock, new InMemoryOutbox(), { reminderHour: 9 }).map((r) => r.name)).toContain('reminders');
  });

  it('send reminders from REMINDER_HOUR in the business time zone', async () => {
    const openedEvent = opened({ caseId: 'K1' });
    const stored: RecordedEvent = {
      id: 'e1',
      stream: 'offboarding-K1',
      revision: 0n,
      position: 7n,
      type: openedEvent.type,
      schemaVersion: 1,
      data: openedEvent.data,
      metadata: { recordedAt: '2024-06-01T00:00:00.000Z' },
    };
    const store = { readStream: async () => [stored] } as unknown as EventStore;
    const outbox = new InMemoryOutbox();
    const reminders = pushReactors({ events: store, clock, outbox, config: { reminderHour: 14 } }).find((r) => r.name === 'reminders')!;
    await reminders.handle(stored, { get: async () => null, upsert: () => undefined, delete: () => undefined, ...noSideWrites });
    expect(outbox.pending().length).toBeGreaterThan(0);
    // 14:00 in Asia/Shanghai is 06:00 UTC.
    for (const message of outbox.pending()) expect(message.notBefore).toMatch(/T06:00:00\.000Z$/);
  });
});
