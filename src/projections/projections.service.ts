import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { Clock, CLOCK } from '../infrastructure/clock';
import { Projection } from './projection';
import { ProjectionRunner, ProjectionStatus } from './projection-runner';

export const PROJECTIONS = Symbol('Projections');

export interface ProjectionHealth extends Omit<ProjectionStatus, 'checkpoint'> {
  checkpoint: string | null;
  head: string;
  /** Positions between the checkpoint and the head of the log. */
  lag: string;
}

/** Runs every projection in the background for the life of the process. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runners: ProjectionRunner[];

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) reads: ReadStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(PROJECTIONS) projections: Projection[],
  ) {
    const log = {
      info: (message: string, fields?: Record<string, unknown>) => this.logger.log({ ...fields, msg: message }),
      error: (message: string, fields?: Record<string, unknown>) => this.logger.error({ ...fields, msg: message }),
    };
    this.runners = projections.map((p) => new ProjectionRunner(p, events, reads, { now: clock, log }));
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const runner of this.runners) await runner.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }

  /** The physical collection a query should read for a projection's logical collection. */
  collection(projection: string, logical: string): string {
    const runner = this.runners.find((r) => r.projection.name === projection);
    if (!runner) throw new Error(`Unknown projection ${projection}`);
    return runner.collection(logical);
  }

  async health(): Promise<ProjectionHealth[]> {
    const head = await this.events.headPosition();
    return this.runners.map((runner) => {
      const status = runner.status();
      const lag = head - (status.checkpoint ?? 0n);
      return { ...status, checkpoint: status.checkpoint?.toString() ?? null, head: head.toString(), lag: (lag > 0n ? lag : 0n).toString() };
    });
  }
}
