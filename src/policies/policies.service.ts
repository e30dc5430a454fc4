import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { policyStream, WorkflowPolicy } from '../domain/policy/policy';
import { PolicyDraft, policyInForce, policyPublication, PolicyVersions } from '../domain/policy/policy-publication.decider';
import { IsoDate } from '../domain/shared/calendar';
import { EmployeeCategory } from '../domain/shared/vocabulary';
import { CommandResult, handleCommand, loadState } from '../event-sourcing/command-handler';
import { CommandContext } from '../event-sourcing/envelope';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';
import { seedDefaultPolicies } from './seed-default-policies';
import { streamCatalog, StreamSummary } from '../streams/stream-catalog.projection';

/**
 * Workflow policies, read from their own streams (a command that needs the
 * policy in force reads the stream, never a read model: docs/DESIGN.md). The shipped
 * defaults are published at start-up where a region has no version yet.
 */
@Injectable()
export class PoliciesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Policies');

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionsService,
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

  async current(region: string, category: EmployeeCategory): Promise<{ current: WorkflowPolicy; versions: number[] }> {
    const { versions } = await this.versions(region, category);
    const current = versions.at(-1);
    if (!current) throw new NotFoundException({ code: 'NOT_FOUND', message: `No policy for region ${region} and category ${category}` });
    return { current, versions: versions.map((v) => v.version) };
  }

  /** Every region and category with a policy, from the stream catalog. */
  async list(): Promise<Array<{ region: string; category: string; version: number; effectiveFrom: string }>> {
    const streams = await this.reads.find<StreamSummary>(this.projections.collection(streamCatalog.name, 'streams'), {
      filter: { category: 'policy' },
      sort: { id: 1 },
    });
    const all = await Promise.all(streams.map((s) => loadState(this.events, s.id, policyPublication)));
    return all
      .map((state) => state.versions.at(-1))
      .filter((p): p is WorkflowPolicy => p !== undefined)
      .map((p) => ({ region: p.region, category: p.category, version: p.version, effectiveFrom: p.effectiveFrom }));
  }

  publish(region: string, category: EmployeeCategory, draft: PolicyDraft, context: CommandContext): Promise<CommandResult> {
    return handleCommand(this.events, policyStream(region, category), policyPublication, { type: 'PublishPolicy', data: { region, category, draft } }, context);
  }
}
