import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { businessDate } from '../../infrastructure/business-day';
import { Clock, CLOCK } from '../../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { EMPLOYEE_PROFILES, employeeProfiles, namesOnPage } from '../../employees';
import { READ_STORE, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { CaseDocuments } from '../case-documents';
import { caseSummary } from '../case.view';
import { CaseListQuery } from '../offboarding.dto';

/**
 * Cases by status and employee; `overdue` keeps those with a step past its due date today (by the application clock).
 * `unmasked`: the caller may see names (hr roles, admin); else they are masked (张*).
 */
export class ListOffboardingCases {
  constructor(
    readonly filter: CaseListQuery,
    readonly unmasked = false,
  ) {}
}

export type CaseSummary = ReturnType<typeof caseSummary>;

@QueryHandler(ListOffboardingCases)
export class ListOffboardingCasesHandler implements IQueryHandler<ListOffboardingCases, CaseSummary[]> {
  private readonly cases: CaseDocuments;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: ProjectionsService,
  ) {
    this.cases = new CaseDocuments(reads, projections);
  }

  async execute({ filter: query, unmasked }: ListOffboardingCases): Promise<CaseSummary[]> {
    const today = businessDate(this.clock());
    const overdue = query.overdue === 'true';
    // Only an open case can be overdue: ask the store for open ones (index on status), not the latest of every status.
    const status = overdue ? (query.status ?? 'open') : query.status;
    const filter = { ...(status ? { status } : {}), ...(query.employeeId ? { employeeId: query.employeeId } : {}) };
    const cases = await this.cases.find({
      filter,
      sort: { openedAt: -1 },
      limit: 500,
    });
    const all = cases.map((doc) => caseSummary(doc, today));
    const items = overdue ? all.filter((c) => c.overdueSteps.length > 0) : all;
    // The names of the lines answered only: each is opened from its sealed event.
    const names = await namesOnPage(
      this.reads,
      this.events,
      this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES),
      [...new Set(items.map((c) => c.employeeId))],
      unmasked,
    );
    return items.map((c) => ({ ...c, name: names.get(c.employeeId) ?? null }));
  }
}
