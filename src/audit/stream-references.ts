import { employeeStream, offboardingStream } from '../domain/shared/streams';

/**
 * The streams an event names, so that a deleted stream shows even where the log
 * positions cannot (EventStoreDB, or a gap closed by renumbering).
 *
 * `certain`: the named stream existed before this event was written.
 * Not certain: an OffboardingCaseReserved is written just before its case's
 * first event; a crash between the two (or a request still running) leaves a
 * reservation without a case until the next opening finishes it
 * (OpenOffboardingCaseHandler.finishInterruptedOpening, offboarding/commands/open-case.handler.ts), so alone it is a warning.
 */
export interface StreamReference {
  stream: string;
  certain: boolean;
}

/**
 * A field of the data as stored, not through the aggregates' seam: the verifier
 * reads the log as written, of any version and possibly tampered with, and
 * reports what it finds rather than throwing on a shape it does not know.
 */
const storedField = (data: unknown, field: string): unknown =>
  typeof data === 'object' && data !== null ? Reflect.get(data, field) : undefined;

const caseOf = (data: unknown): string | null => {
  const caseId = storedField(data, 'caseId');
  return typeof caseId === 'string' ? offboardingStream(caseId) : null;
};

export function referencesOf(event: { type: string; data: unknown }): StreamReference[] {
  switch (event.type) {
    case 'OffboardingCaseReserved':
      return named(caseOf(event.data), false);
    // Written by the case's own progress (release, separation, the process manager's transfer-out): the case existed.
    case 'OffboardingCaseReleased':
    case 'EmployeeSeparated':
    case 'SocialInsuranceTransferredOut':
      return named(caseOf(event.data), true);
    case 'OffboardingCaseOpened': {
      // The archive was reserved (locked) before the case's first event.
      const employeeId = storedField(event.data, 'employeeId');
      return named(typeof employeeId === 'string' ? employeeStream(employeeId) : null, true);
    }
    default:
      return [];
  }
}

const named = (stream: string | null, certain: boolean): StreamReference[] => (stream ? [{ stream, certain }] : []);
