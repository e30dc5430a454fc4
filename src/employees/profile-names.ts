import { maskName } from '../domain/employee/personal-data';
import { FindOptions, ReadStore } from '../infrastructure/read-store/read-store.port';
import { EmployeeProfileDocument } from './employee-profile.projection';

/** Employee profiles by id (primary key), for the names on one page. */
export const profilesQuery = (employeeIds: string[]): FindOptions => ({ filter: { id: { $in: employeeIds } } });

/**
 * The names on one page of a report, by employee id, from the profiles (the
 * collection `profiles`): names stay in that one read model, so that erasing them
 * there erases them from every report. Masked (张*) unless `unmasked`; no entry
 * for an employee with no personal data on record (never hired, or erased).
 */
export async function namesOnPage(reads: ReadStore, profiles: string, employeeIds: string[], unmasked: boolean): Promise<Map<string, string>> {
  if (employeeIds.length === 0) return new Map();
  const docs = await reads.find<EmployeeProfileDocument>(profiles, profilesQuery(employeeIds));
  return new Map(
    docs.flatMap((p) => {
      const name = p.employee.status === 'none' ? undefined : p.employee.personalData?.name;
      return name === undefined ? [] : [[p.employeeId, unmasked ? name : maskName(name)] as const];
    }),
  );
}
