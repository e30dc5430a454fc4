import { DynamicModule, Global, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { OUTBOX, type Outbox } from '../notifications/outbound-message';
import { Projection, ProjectionDependencies, ReactorDependencies } from './projection';
import { PROJECTION_WORKER_SCRIPT, PROJECTIONS, ProjectionsService, REACTORS } from './projections.service';

/** What the composition root gives the projection machinery, which imports no feature. */
export interface ProjectionsSetup {
  /** Every read model the service runs (app.projections.ts); these may run in the worker thread. */
  projections: (deps: ProjectionDependencies) => Projection[];
  /** The reactors (process managers): they dispatch commands on the bus, so they always run in this thread. */
  reactors: (deps: ReactorDependencies) => Projection[];
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
  static forRoot(setup: ProjectionsSetup): DynamicModule {
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
          // The outbox when some module provides it globally (notifications); the reactors that push need it, the others not.
          inject: [EVENT_STORE, CLOCK, CommandBus, { token: OUTBOX, optional: true }],
          useFactory: (events: EventStore, clock: Clock, commands: CommandBus, outbox?: Outbox) =>
            setup.reactors({ events, clock, commands, ...(outbox ? { outbox } : {}) }),
        },
        { provide: PROJECTION_WORKER_SCRIPT, useValue: setup.workerScript },
        ProjectionsService,
      ],
      exports: [ProjectionsService],
    };
  }
}
