import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkflowPolicy } from '../domain/policy/policy';
import { policyInForce, policyPublication, PolicyVersions } from '../domain/policy/policy-publication.decider';
import { IsoDate } from '../domain/shared/calendar';
import { EmployeeCategory } from '../domain/shared/vocabulary';
import { loadState } from '../event-sourcing/command-handler';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { seedDefaultPolicies } from './seed-default-policies';
import { policyStream } from '../domain/shared/streams';

/**
 * Workflow policies, read from their own streams (a command that needs the
 * policy in force reads the stream, never a read model: docs/DESIGN.md), for the
 * command handlers that need one (hire, open a case) and the severance answer.
 * The shipped defaults are published at start-up where a region has no version yet.
 */
@Injectable()
export class PoliciesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Policies');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = (await seedDefaultPolicies(this.events, this.clock)).reduce((n, r) => n + r.events.length, 0);
    if (seeded) this.logger.log({ msg: 'published the default policies', policies: seeded });
  }

  async versions(region: string, category: EmployeeCategory): Promise<PolicyVersions> {
    return loadState(this.events, policyStream(region, category), policyPublication);
  }

  async exists(region: string, category: EmployeeCategory): Promise<boolean> {
    return (await this.versions(region, category)).versions.length > 0;
  }

  async inForce(region: string, category: EmployeeCategory, date: IsoDate): Promise<WorkflowPolicy | null> {
    return policyInForce(await this.versions(region, category), date);
  }
}
