import { employeeEvents } from '../domain/employee/employee.schemas';
import { PersonalData } from '../domain/employee/personal-data';
import { employeeStream } from '../domain/shared/streams';
import { EventStore } from '../infrastructure/event-store/event-store.port';

/**
 * Read models hold no personal data, not even the profile (issue 11). A profile
 * keeps only where the person's data is: the revision of the archive's latest
 * PersonalDataRecorded, whose personal fields are stored sealed under the
 * employee's key. The API opens that one event at read time through the sealing
 * event store (EVENT_STORE), as the audit routes open the log.
 *
 * Why not keep the plaintext and scrub it on erasure (secure_delete, a WAL
 * checkpoint before the DELETE answers)? Every copy would have to be found: each
 * generation of the profile, the WAL of the projection worker's connection, a
 * MongoDB document and its storage engine's history, backups of read-models.db.
 * With nothing personal in any read model, destroying the key is the erasure,
 * everywhere at once, and a rebuild cannot bring anything back.
 */
export interface PersonalDataRef {
  /** The event's revision in employee-<id>, as a decimal string (revisions are 64-bit). */
  revision: string;
  /** Checked on reading, so that a ref can never open another event. */
  eventId: string;
}

export interface OpenedPersonalData {
  /** Null when none is on record, or it is erased or unreadable. */
  personalData: PersonalData | null;
  /** The key is destroyed: erased, even if the profile has not yet seen PersonalDataErased. */
  erased: boolean;
}

const NOTHING: OpenedPersonalData = { personalData: null, erased: false };

export async function openPersonalData(
  events: EventStore,
  employeeId: string,
  ref: PersonalDataRef | null | undefined,
): Promise<OpenedPersonalData> {
  if (!ref) return NOTHING;
  const [event] = await events.readStream(employeeStream(employeeId), { fromRevision: BigInt(ref.revision), maxCount: 1 });
  if (!event || event.id !== ref.eventId) return NOTHING;
  const recorded = employeeEvents.read(event);
  if (recorded.type !== 'PersonalDataRecorded') return NOTHING;
  const { data } = recorded;
  if (data.name === null) return { personalData: null, erased: 'erased' in data };
  return { personalData: { name: data.name, idNumber: data.idNumber, contact: data.contact }, erased: false };
}
