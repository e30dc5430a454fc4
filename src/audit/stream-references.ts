import { employeeStream } from '../domain/employee/employee.decider';
import { offboardingStream } from '../domain/offboarding/offboarding.decider';

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

const caseOf = (data: unknown): string | null => {
  const caseId = (data as { caseId?: unknown } | null)?.caseId;
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
      const employeeId = (event.data as { employeeId?: unknown } | null)?.employeeId;
      return named(typeof employeeId === 'string' ? employeeStream(employeeId) : null, true);
    }
    default:
      return [];
  }
}

const named = (stream: string | null, certain: boolean): StreamReference[] => (stream ? [{ stream, certain }] : []);
