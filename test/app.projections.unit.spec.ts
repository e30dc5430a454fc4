import { CommandBus } from '@nestjs/cqrs';
import { allReactors, ReactorPorts } from '../src/app.projections';
import { EventStore } from '../src/infrastructure/event-store/event-store.port';
import { OUTBOX } from '../src/notifications';
import { ProjectionsModule } from '../src/projections/projections.module';
import { REACTORS } from '../src/projections/projections.service';
import { InMemoryOutbox } from './support/in-memory-outbox';

describe('reactors at the composition root', () => {
  // Never read: building the reactors touches no store.
  const events = {} as EventStore;
  const commands = {} as CommandBus;
  const clock = () => new Date('2026-09-01T00:00:00Z');

  it('run reminders and warnings only when an outbox is bound', () => {
    expect(allReactors({ events, commands, clock }).map((r) => r.name)).toEqual(['offboarding_process_manager']);
    expect(allReactors({ events, commands, clock, outbox: new InMemoryOutbox() }).map((r) => r.name)).toEqual([
      'offboarding_process_manager',
      'reminders',
      'refusal_warnings',
    ]);
  });

  it('get the outbox from the OUTBOX token when the application binds it, and nothing when it does not', () => {
    const module = ProjectionsModule.forRoot<ReactorPorts>({
      projections: () => [],
      reactors: allReactors,
      reactorPorts: { outbox: OUTBOX },
      workerScript: null,
    });
    const provider = module.providers!.find((p) => typeof p === 'object' && 'provide' in p && p.provide === REACTORS) as {
      inject: unknown[];
      useFactory: (...args: unknown[]) => Array<{ name: string }>;
    };
    expect(provider.inject.at(-1)).toEqual({ token: OUTBOX, optional: true });
    expect(provider.useFactory(events, clock, commands, undefined).map((r) => r.name)).toEqual(['offboarding_process_manager']);
    expect(provider.useFactory(events, clock, commands, new InMemoryOutbox()).map((r) => r.name)).toContain('reminders');
  });
});
