import { maskName } from '../domain/employee/personal-data';
import { EventStore } from '../infrastructure/event-store/event-store.port';
import { FindOptions, ReadStore } from '../infrastructure/read-store/read-store.port';
import { EmployeeProfileDocument } from './employee-profile.projection';
import { openPersonalData } from './profile-personal-data';

/**
 * Employee profiles by id (primary key), for the names on one page: only the
 * fields read here, not the account (~10 kB of paid months, most of a profile),
 * which parsing for every row of a report page made a large part of its time.
 */
export const profilesQuery = (employeeIds: string[]): FindOptions => ({
  filter: { id: { $in: employeeIds } },
  fields: ['employeeId', 'employee', 'personalDataRef'],
});

/**
 * The names on one page of a report, by employee id: the profiles (the collection
 * `profiles`) say which sealed event holds each name, and it is opened with the
 * employee's key (profile-personal-data.ts), so that destroying the key erases the
 * name from every report. Masked (张*) unless `unmasked`; no entry for an employee
 * with no personal data on record (never hired, or erased).
 */
export async function namesOnPage(
  reads: ReadStore,
  events: EventStore,
  profiles: string,
  employeeIds: string[],
  unmasked: boolean,
): Promise<Map<string, string>> {
  if (employeeIds.length === 0) return new Map();
  const docs = await reads.find<Pick<EmployeeProfileDocument, 'id' | 'employeeId' | 'employee' | 'personalDataRef'>>(
    profiles,
    profilesQuery(employeeIds),
  );
  const named = await Promise.all(
    docs
      .filter((p) => p.employee.status !== 'none')
      .map(async (p) => [p.employeeId, (await openPersonalData(events, p.employeeId, p.personalDataRef)).personalData?.name] as const),
  );
  return new Map(named.flatMap(([id, name]) => (name === undefined ? [] : [[id, unmasked ? name : maskName(name)] as const])));
}
