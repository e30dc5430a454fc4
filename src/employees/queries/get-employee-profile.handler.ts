import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Principal } from '../../auth/principal';
import { EVENT_STORE, EventStore } from '../../infrastructure/event-store/event-store.port';
import { READ_STORE, ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ProjectionsService } from '../../projections/projections.service';
import { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles } from '../employee-profile.projection';
import { EmployeeProfileView, profileView } from '../employee-profile.view';
import { openPersonalData } from '../profile-personal-data';

/** The employee's profile as the caller may see it (names and ID numbers masked for auditors and investigators). */
export class GetEmployeeProfile {
  constructor(
    readonly employeeId: string,
    readonly principal: Principal,
  ) {}
}

/** The profile document, or 404: also how other reads (the timeline) tell a known employee from an unknown one. */
export async function profileDocument(
  reads: ReadStore,
  projections: ProjectionsService,
  employeeId: string,
): Promise<EmployeeProfileDocument> {
  const doc = await reads.get<EmployeeProfileDocument>(projections.collection(employeeProfiles.name, EMPLOYEE_PROFILES), employeeId);
  if (!doc || doc.status === 'none') throw new NotFoundException({ code: 'NOT_FOUND', message: `No employee ${employeeId}` });
  return doc;
}

@QueryHandler(GetEmployeeProfile)
export class GetEmployeeProfileHandler implements IQueryHandler<GetEmployeeProfile, EmployeeProfileView> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly reads: ReadStore,
    private readonly projections: ProjectionsService,
  ) {}

  /** The personal data is opened from the sealed event with the employee's key (profile-personal-data.ts). */
  async execute({ employeeId, principal }: GetEmployeeProfile): Promise<EmployeeProfileView> {
    const doc = await profileDocument(this.reads, this.projections, employeeId);
    const opened = await openPersonalData(this.events, employeeId, doc.personalDataRef);
    return profileView(doc, opened, principal)!;
  }
}
