import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WorkflowPolicy } from '../../domain/policy/policy';
import { policyPublication } from '../../domain/policy/policy-publication.decider';
import { loadState } from '../../event-sourcing/command-handler';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { streamCatalog, StreamSummary } from '../../streams';

/** Every region and category with a published policy, and its current version. */
export class ListPolicies {}

export interface PolicyListItem {
  region: string;
  category: string;
  version: number;
  effectiveFrom: string;
}

@QueryHandler(ListPolicies)
export class ListPoliciesHandler implements IQueryHandler<ListPolicies, PolicyListItem[]> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
  ) {}

  /** The policy streams come from the stream catalog; each one's versions from its own stream. */
  async execute(): Promise<PolicyListItem[]> {
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
}
