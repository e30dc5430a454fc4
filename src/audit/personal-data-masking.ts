import { Principal, seesPersonalData } from '../auth/principal';
import { maskName } from '../domain/employee/personal-data';
import { maskResidentId } from '../domain/employee/resident-id';
import { ArchiveAsOf } from './employee-as-of';

/**
 * Auditors and investigators may not see personal data (docs/API.md, Auth): names and
 * ID numbers are masked as on the profile, contact data is left out. Only
 * PersonalDataRecorded carries personal data (employee.events.ts).
 */
export function envelopeDataFor(type: string, data: unknown, principal: Principal): unknown {
  if (type !== 'PersonalDataRecorded' || seesPersonalData(principal) || data === null || typeof data !== 'object') return data;
  return masked(data as Record<string, unknown>);
}

export function archiveFor(
  archive: ArchiveAsOf,
  principal: Principal,
): ArchiveAsOf | (Omit<ArchiveAsOf, 'personalData'> & { personalData: Record<string, unknown> }) {
  if (seesPersonalData(principal) || !archive.personalData) return archive;
  return { ...archive, personalData: masked({ ...archive.personalData }) };
}

/** Only plaintext fields are masked: an encrypted or erased stored form has none and passes through unchanged. */
function masked(record: Record<string, unknown>): Record<string, unknown> {
  const { contact: _left, ...rest } = record;
  return {
    ...rest,
    ...(typeof rest.name === 'string' ? { name: maskName(rest.name) } : {}),
    ...(typeof rest.idNumber === 'string' ? { idNumber: maskResidentId(rest.idNumber) } : {}),
  };
}
