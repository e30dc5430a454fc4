import { Inject, Injectable } from '@nestjs/common';
import { Principal, seesPersonalData } from '../auth/principal';
import { maskName } from '../domain/employee/personal-data';
import { maskResidentId } from '../domain/employee/resident-id';
import { filingDue } from '../domain/filing/filing-due';
import { FilingKind } from '../domain/filing/filing-template';
import { FilingSubject } from '../domain/filing/render-filing';
import { IsoDate, IsoMonth } from '../domain/shared/calendar';
import { EmployeeCategory } from '../domain/shared/vocabulary';
import { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles, openPersonalData } from '../employees';
import { EVENT_STORE, EventStore } from '../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../infrastructure/read-store/read-store.port';
import { CaseDocument, CaseDocuments } from '../offboarding';
import { ProjectionsService } from '../projections/projections.service';

export interface DueCase {
  doc: CaseDocument;
  lastContributionMonth: IsoMonth | null;
}

/**
 * The cases a file is made of, from the case read model (one query on region and
 * status), and what a row needs of each employee: the org unit from the profile, the
 * name and ID number opened from the sealed event (read models hold no personal data).
 */
@Injectable()
export class FilingCases {
  private readonly caseDocuments: CaseDocuments;

  constructor(
    @Inject(READ_STORE) private readonly reads: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly projections: ProjectionsService,
  ) {
    this.caseDocuments = new CaseDocuments(reads, projections);
  }

  /** The region's cases of these statuses (all categories unless one is given), latest opened first. */
  async cases(region: string, statuses: Array<CaseDocument['status']>, category?: EmployeeCategory): Promise<CaseDocument[]> {
    const found: CaseDocument[] = [];
    for (const status of statuses) {
      found.push(...(await this.caseDocuments.find({ filter: { region, status, ...(category ? { category } : {}) } })));
    }
    return found.sort((a, b) => b.openedAt.localeCompare(a.openedAt) || a.caseId.localeCompare(b.caseId));
  }

  /** The open cases due in a file of this kind on `today` (domain/filing/filing-due.ts), by last working day. */
  async due(region: string, kind: FilingKind, today: IsoDate, category?: EmployeeCategory): Promise<DueCase[]> {
    const due: DueCase[] = [];
    for (const doc of await this.cases(region, ['open'], category)) {
      const verdict = filingDue(kind, doc.state, today);
      if (verdict.due) due.push({ doc, lastContributionMonth: verdict.lastContributionMonth });
    }
    const lwd = (c: DueCase) => (c.doc.state.status === 'none' ? '' : c.doc.state.lastWorkingDay);
    return due.sort((a, b) => lwd(a).localeCompare(lwd(b)) || a.doc.caseId.localeCompare(b.doc.caseId));
  }

  /** One row's facts per case; names and ID numbers masked for a caller who may not see them. */
  async subjects(due: DueCase[], principal: Principal): Promise<FilingSubject[]> {
    const unmasked = seesPersonalData(principal);
    const subjects: FilingSubject[] = [];
    for (const { doc, lastContributionMonth } of due) {
      const state = doc.state;
      if (state.status === 'none') continue;
      const { profile, personal } = await this.employee(state.employeeId);
      subjects.push({
        caseId: state.caseId,
        employeeId: state.employeeId,
        orgUnit: profile?.orgUnit ?? null,
        name: personal ? (unmasked ? personal.name : maskName(personal.name)) : null,
        idNumber: personal ? (unmasked ? personal.idNumber : maskResidentId(personal.idNumber)) : null,
        hireDate: state.hireDate ?? null,
        reason: state.reason,
        lastWorkingDay: state.lastWorkingDay,
        terminationDate: state.terminationDate ?? null,
        lastContributionMonth,
      });
    }
    return subjects;
  }

  /** The employee's profile and personal data (null when erased or never recorded). */
  async employee(employeeId: string) {
    const collection = this.projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES);
    const profile = await this.reads.get<EmployeeProfileDocument>(collection, employeeId);
    const opened = await openPersonalData(this.events, employeeId, profile?.personalDataRef);
    return { profile, personal: opened.personalData };
  }
}
