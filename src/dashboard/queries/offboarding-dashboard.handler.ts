import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { refusals, REFUSALS } from '../../audit';
import { READ_STORE, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { offboardingDashboard, OffboardingDashboard } from '../offboarding-dashboard';
import { DashboardRange } from '../offboarding-dashboard.queries';
import { OFFBOARDING_FACTS, offboardingFacts } from '../offboarding-facts.projection';

/** The offboarding figures for a date range (and org unit, region or category), from the facts and refusals read models. */
export class GetOffboardingDashboard {
  constructor(readonly range: DashboardRange) {}
}

@QueryHandler(GetOffboardingDashboard)
export class GetOffboardingDashboardHandler implements IQueryHandler<GetOffboardingDashboard, OffboardingDashboard> {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
  ) {}

  execute({ range }: GetOffboardingDashboard): Promise<OffboardingDashboard> {
    const collections = {
      facts: this.projections.collection(offboardingFacts.name, OFFBOARDING_FACTS),
      refusals: this.projections.collection(refusals.name, REFUSALS),
    };
    return offboardingDashboard(this.reads, collections, range);
  }
}
