import { DynamicModule, Global, InjectionToken, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { Projection, ProjectionDependencies, ReactorDependencies } from './projection';
import { PROJECTION_WORKER_SCRIPT, PROJECTIONS, ProjectionsService, REACTORS } from './projections.service';

/** What the composition root gives the projection machinery, which imports no feature. */
export interface ProjectionsSetup<Ports extends object = object> {
  /** Every read model the service runs (app.projections.ts); these may run in the worker thread. */
  projections: (deps: ProjectionDependencies) => Projection[];
  /** The reactors (process managers, reminders): they dispatch commands on the bus or push, so they always run in this thread. */
  reactors: (deps: ReactorDependencies<Ports>) => Projection[];
  /** Optional ports handed to `reactors` under these names when the application binds their tokens (the outbox); absent otherwise. */
  reactorPorts?: { [Name in keyof Ports]: InjectionToken };
  /**
   * The compiled script that runs the same projections in a worker thread, or null to
   * keep them in the request thread: the worker reads the system clock, and a clock
   * given by the caller (tests) is a function, which cannot cross to another thread.
   */
  workerScript: string | null;
}

@Global()
@Module({})
export class ProjectionsModule {
  static forRoot<Ports extends object = object>(setup: ProjectionsSetup<Ports>): DynamicModule {
    const ports: Record<string, InjectionToken> = setup.reactorPorts ?? {};
    return {
      module: ProjectionsModule,
      providers: [
        {
          provide: PROJECTIONS,
          inject: [EVENT_STORE, CLOCK],
          useFactory: (events: EventStore, clock: Clock) => setup.projections({ events, clock }),
        },
        {
          provide: REACTORS,
          inject: [EVENT_STORE, CLOCK, CommandBus, ...Object.values(ports).map((token) => ({ token, optional: true }))],
          useFactory: (events: EventStore, clock: Clock, commands: CommandBus, ...bound: unknown[]) => {
            const named = Object.fromEntries(Object.keys(ports).flatMap((name, i) => (bound[i] === undefined ? [] : [[name, bound[i]]])));
            return setup.reactors({ ...(named as Partial<Ports>), events, clock, commands });
          },
        },
        { provide: PROJECTION_WORKER_SCRIPT, useValue: setup.workerScript },
        ProjectionsService,
      ],
      exports: [ProjectionsService],
    };
  }
}
