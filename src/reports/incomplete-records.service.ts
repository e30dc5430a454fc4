import { Inject, Injectable } from '@nestjs/common';
import { Principal, seesPersonalData } from '../auth/principal';
import { OverdueStep } from '../domain/deadlines/overdue';
import { EMPLOYEE_PROFILES, employeeProfiles, namesOnPage } from '../employees';
import { Page, pageWindow } from '../http/paging';
import { Clock, CLOCK } from '../infrastructure/clock';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';
import { IncompleteRecordDocument, problemsOn, RecordProblem } from './incomplete-records';
import { IncompleteRecordsQuery } from './incomplete-records.dto';
import { INCOMPLETE_RECORDS, incompleteRecords } from './incomplete-records.projection';
import { incompleteRecordsQuery } from './incomplete-records.queries';
import { businessDate } from '../infrastructure/business-day';

export interface IncompleteRecordRow {
  employeeId: string;
  /** Masked for roles that may not see personal data; null when none is on record (or it was erased). */
  name: string | null;
  status: string;
  orgUnit: string | null;
  region: string | null;
  category: string | null;
  hireDate: string | null;
  incompleteFrom: string;
  problems: RecordProblem[];
  openCaseId: string | null;
  overdueSteps: OverdueStep[];
}

/** GET /api/reports/incomplete-records: one page of records incomplete today (by the application's clock). */
@Injectable()
export class IncompleteRecordsService {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: ProjectionsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(query: IncompleteRecordsQuery, principal: Principal): Promise<Page<IncompleteRecordRow>> {
    const today = businessDate(this.clock());
    const { page, pageSize, skip, limit } = pageWindow(query);
    const collection = this.projections.collection(incompleteRecords.name, INCOMPLETE_RECORDS);
    const options = incompleteRecordsQuery(today, query, { skip, limit });
    const [docs, total] = await Promise.all([
      this.reads.find<IncompleteRecordDocument>(collection, options),
      this.reads.count(collection, options.filter),
    ]);
    const profiles = this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES);
    const names = await namesOnPage(
      this.reads,
      this.events,
      profiles,
      docs.map((d) => d.employeeId),
      seesPersonalData(principal),
    );
    const items = docs.map((doc) => ({
      employeeId: doc.employeeId,
      name: names.get(doc.employeeId) ?? null,
      status: doc.status,
      orgUnit: doc.orgUnit,
      region: doc.region,
      category: doc.category,
      hireDate: doc.hireDate,
      incompleteFrom: doc.incompleteFrom!,
      ...problemsOn(doc, today),
      openCaseId: doc.openCaseId,
    }));
    return { items, page, pageSize, total };
  }
}
