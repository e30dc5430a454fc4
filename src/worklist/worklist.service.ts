import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '../auth/principal';
import { visibleAudienceKeys } from '../domain/policy/assignee';
import { daysBetween } from '../domain/shared/calendar';
import { Page, pageWindow } from '../http/paging';
import { businessDate } from '../infrastructure/business-day';
import { Clock, CLOCK } from '../infrastructure/clock';
import { Filter, READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../projections/projections.service';
import { WorklistQuery, WorklistTaskView } from './worklist.dto';
import { worklist, WORKLIST_TASKS, WorklistTaskDocument } from './worklist.projection';

/** GET /api/worklist: the caller's open tasks, soonest due first, by their roles and the departments their token names. */
@Injectable()
export class WorklistService {
  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionsService,
  ) {}

  async page(query: WorklistQuery, principal: Principal): Promise<Page<WorklistTaskView>> {
    const today = businessDate(this.clock());
    const { page, pageSize, skip, limit } = pageWindow(query);
    const filter: Filter = { audience: { $in: visibleAudienceKeys(principal.roles, principal.departments) } };
    if (query.department) filter.department = query.department;
    if (query.step) filter.step = query.step;
    if (query.region) filter.region = query.region;
    if (query.overdue === 'true') filter.dueSort = { $lt: today };
    const collection = this.projections.collection(worklist.name, WORKLIST_TASKS);
    const [docs, total] = await Promise.all([
      this.reads.find<WorklistTaskDocument>(collection, { filter, sort: { dueSort: 1, id: 1 }, skip, limit }),
      this.reads.count(collection, filter),
    ]);
    return { items: docs.map((doc) => taskView(doc, today)), page, pageSize, total };
  }
}

function taskView(doc: WorklistTaskDocument, today: string): WorklistTaskView {
  const daysLeft = doc.dueDate === null ? null : daysBetween(today, doc.dueDate);
  return {
    caseId: doc.caseId,
    employeeId: doc.employeeId,
    step: doc.step,
    title: doc.title,
    state: doc.state,
    missing: doc.missing,
    dueDate: doc.dueDate,
    daysLeft,
    overdue: daysLeft !== null && daysLeft < 0,
    daysOverdue: daysLeft !== null && daysLeft < 0 ? -daysLeft : 0,
    unlocks: doc.unlocks,
    assignee: { role: doc.assignee.role, department: doc.assignee.department ?? null },
    region: doc.region,
  };
}
