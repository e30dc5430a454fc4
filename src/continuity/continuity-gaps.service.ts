import { Inject, Injectable } from '@nestjs/common';
import { addMonths, IsoMonth } from '../domain/shared/calendar';
import { EMPLOYEE_PROFILES, employeeProfiles, namesOnPage } from '../employees';
import { Page, pageWindow } from '../http/paging';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';
import { continuityGapsQuery } from './continuity-gaps.query';
import { ContinuityGapsRow, continuityGapsRow } from './continuity-gaps.view';
import { CONTINUITY_INDEX, continuityIndex, LegacyContinuityIndexDocument } from './continuity-index.projection';
import { GenerationPointer, physicalName, POINTERS } from '../projections/generations';
import { ContinuityGapsQuery } from './continuity.dto';
import { CONTINUITY_GAP_COUNTS, gapCountsOf, GapCountsDocument, gapsTotal } from './gap-counts';
import { businessMonth } from '../infrastructure/business-day';

/**
 * Employees with a gap up to `through`: one indexed query for the page on
 * continuity_index and the total from the filter's counter document (by id: no
 * count of index entries, which grew with the number of employees), then the
 * page's names by id from the profiles. Gap details (trailing gaps included) are
 * computed for the page's rows only.
 */
@Injectable()
export class ContinuityGapsService {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(query: ContinuityGapsQuery, unmasked: boolean): Promise<Page<ContinuityGapsRow> & { through: IsoMonth }> {
    const through = query.through ?? addMonths(businessMonth(this.clock()), -1);
    const window = pageWindow(query);
    const index = this.projections.collection(continuityIndex.name, CONTINUITY_INDEX);
    const filter = { through, orgUnit: query.orgUnit, region: query.region, category: query.category };
    const options = continuityGapsQuery(filter, window);
    const counts = this.projections.collection(continuityIndex.name, CONTINUITY_GAP_COUNTS);
    const [docs, counted, pointer] = await Promise.all([
      this.reads.find<LegacyContinuityIndexDocument>(index, options),
      this.reads.get<GapCountsDocument>(counts, gapCountsOf(filter)),
      this.reads.get<GenerationPointer>(POINTERS, continuityIndex.name),
    ]);
    // The counts are complete in a generation built by this version only: while it is rebuilt, the older one answers, and is counted.
    const built = pointer?.version === continuityIndex.version && physicalName(CONTINUITY_INDEX, pointer.generation) === index;
    const total = built ? gapsTotal(counted, through) : await this.reads.count(index, options.filter);
    const names = await namesOnPage(
      this.reads,
      this.events,
      this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES),
      docs.map((d) => d.id),
      unmasked,
    );
    const items = docs.map((doc) => continuityGapsRow(doc, names.get(doc.id) ?? null, through));
    return { items, page: window.page, pageSize: window.pageSize, total, through };
  }
}
