import { DynamicModule, Global, InjectionToken, Module } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { Projection, ProjectionDependencies, PushReactorDependencies, ReactorDependencies } from './projection';
import { PROJECTION_WORKER_SCRIPT, PROJECTIONS, ProjectionsService, PUSH_REACTORS, REACTORS } from './projections.service';

/** What the composition root gives the projection machinery, which imports no feature. */
export interface ProjectionsSetup<Ports extends object = object> {
  /** Every read model the service runs (app.projections.ts); these may run in the worker thread. */
  projections: (deps: ProjectionDependencies) => Projection[];
  /** The reactors that dispatch commands on the bus (the process manager): they always run in this thread. */
  reactors: (deps: ReactorDependencies<Ports>) => Projection[];
  /**
   * The reactors that only push through a port (reminders, warnings): in this thread when the projections
   * are, else the worker runs its own (ProjectionWorkerSetup.pushReactors, on its own ports) and these
   * only name them for /health.
   */
  pushReactors?: (deps: PushReactorDependencies<Ports>) => Projection[];
  /** Optional ports handed to the reactors under these names when the application binds their tokens (the outbox); absent otherwise. */
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
    const optionalPorts = Object.values(ports).map((token) => ({ token, optional: true }));
    const named = (bound: unknown[]) =>
      Object.fromEntries(Object.keys(ports).flatMap((name, i) => (bound[i] === undefined ? [] : [[name, bound[i]]]))) as Partial<Ports>;
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
          inject: [EVENT_STORE, CLOCK, CommandBus, ...optionalPorts],
          useFactory: (events: EventStore, clock: Clock, commands: CommandBus, ...bound: unknown[]) =>
            setup.reactors({ ...named(bound), events, clock, commands }),
        },
        {
          provide: PUSH_REACTORS,
          inject: [EVENT_STORE, CLOCK, ...optionalPorts],
          useFactory: (events: EventStore, clock: Clock, ...bound: unknown[]) =>
            setup.pushReactors?.({ ...named(bound), events, clock }) ?? [],
        },
        { provide: PROJECTION_WORKER_SCRIPT, useValue: setup.workerScript },
        ProjectionsService,
      ],
      exports: [ProjectionsService],
    };
  }
}
