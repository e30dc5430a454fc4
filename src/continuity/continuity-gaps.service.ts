import { Inject, Injectable } from '@nestjs/common';
import { maskName } from '../domain/employee/personal-data';
import { addMonths, IsoMonth } from '../domain/shared/calendar';
import { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles } from '../employees/employee-profile.projection';
import { Page, pageWindow } from '../http/paging';
import { Clock, CLOCK } from '../infrastructure/clock';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';
import { continuityGapsQuery } from './continuity-gaps.query';
import { ContinuityGapsRow, continuityGapsRow } from './continuity-gaps.view';
import { CONTINUITY_INDEX, ContinuityIndexDocument, continuityIndex } from './continuity-index.projection';
import { ContinuityGapsQuery } from './continuity.dto';

/**
 * Employees with a gap up to `through`: one indexed query for the page and one
 * count on continuity_index, then the page's names by id from the profiles. Gap
 * details (trailing gaps included) are computed for the page's rows only.
 */
@Injectable()
export class ContinuityGapsService {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(query: ContinuityGapsQuery, unmasked: boolean): Promise<Page<ContinuityGapsRow> & { through: IsoMonth }> {
    const through = query.through ?? addMonths(this.clock().toISOString().slice(0, 7), -1);
    const window = pageWindow(query);
    const index = this.projections.collection(continuityIndex.name, CONTINUITY_INDEX);
    const options = continuityGapsQuery({ through, orgUnit: query.orgUnit, region: query.region, category: query.category }, window);
    const [docs, total] = await Promise.all([this.reads.find<ContinuityIndexDocument>(index, options), this.reads.count(index, options.filter)]);
    const names = await this.names(docs.map((d) => d.id));
    const items = docs.map((doc) => {
      const name = names.get(doc.id) ?? null;
      return continuityGapsRow(doc, name !== null && !unmasked ? maskName(name) : name, through);
    });
    return { items, page: window.page, pageSize: window.pageSize, total, through };
  }

  private async names(ids: string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const profiles = await this.reads.find<EmployeeProfileDocument>(this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES), {
      filter: { id: { $in: ids } },
      limit: ids.length,
    });
    return new Map(profiles.map((p) => [p.id, p.employee.status === 'none' ? null : (p.employee.personalData?.name ?? null)]));
  }
}
