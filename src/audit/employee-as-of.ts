import { Decider, DomainEvent } from '../domain/decider';
import { employeeDecider, EmployeeState, reservedCaseIds } from '../domain/employee/employee.decider';
import { OffboardingCase, offboardingDecider, StepStatus, stepStatuses } from '../domain/offboarding/offboarding.decider';
import { employeeStream, insuranceStream, offboardingStream } from '../domain/shared/streams';
import { insuranceDecider, InsuranceState } from '../domain/social-insurance/insurance.decider';
import { fold } from '../event-sourcing/command-handler';
import { EventStore, RecordedEvent } from '../infrastructure/event-store/event-store.port';

export type ArchiveAsOf = Exclude<EmployeeState, { status: 'none' }>;
export type CaseAsOf = OffboardingCase & { steps: StepStatus[] };

/** What the folds rest on: per stream, the events recorded by then and the last one's revision. */
export interface StreamBasis {
  stream: string;
  events: number;
  lastRevision: number | null;
}

export interface EmployeeAsOf {
  employeeId: string;
  at: string;
  /** Null when the archive was not opened yet at that instant. */
  archive: ArchiveAsOf | null;
  socialInsurance: InsuranceState | null;
  /** Every case reserved in the archive by then, open or closed. */
  cases: CaseAsOf[];
  basis: StreamBasis[];
}

/**
 * The employee's archive, social-insurance account and offboarding cases as the
 * system knew them at `at`: each stream read from the event store (never a read
 * model) and folded with the deciders' own evolve, over only the events whose
 * recordedAt is at or before `at`. Null when the employee has no archive at all.
 */
export async function employeeAsOf(store: EventStore, employeeId: string, at: Date): Promise<EmployeeAsOf | null> {
  const basis: StreamBasis[] = [];
  const known = async (stream: string): Promise<RecordedEvent[]> => {
    const events = (await store.readStream(stream)).filter((e) => recordedBy(e, at));
    basis.push({ stream, events: events.length, lastRevision: events.length ? Number(events[events.length - 1].revision) : null });
    return events;
  };

  const stream = employeeStream(employeeId);
  if ((await store.readStream(stream, { maxCount: 1 })).length === 0) return null;
  const archiveEvents = await known(stream);
  const archive = fold(employeeDecider, archiveEvents);
  const insuranceEvents = await known(insuranceStream(employeeId));
  const caseIds = reservedCaseIds(archiveEvents);
  const cases: CaseAsOf[] = [];
  for (const caseId of caseIds) {
    const state = foldOrNull(offboardingDecider, await known(offboardingStream(caseId)));
    if (state && state.status !== 'none') cases.push({ ...state, steps: stepStatuses(state) });
  }
  return {
    employeeId,
    at: at.toISOString(),
    archive: archive.status === 'none' ? null : archive,
    socialInsurance: foldOrNull(insuranceDecider, insuranceEvents),
    cases,
    basis,
  };
}

/** An event whose recordedAt is missing or unreadable cannot be placed in time, so it is never "known by then". */
function recordedBy(event: RecordedEvent, at: Date): boolean {
  const recordedAt = Date.parse(String(event.metadata.recordedAt));
  return !Number.isNaN(recordedAt) && recordedAt <= at.getTime();
}

function foldOrNull<State, Event extends DomainEvent>(decider: Decider<never, State, Event>, events: RecordedEvent[]): State | null {
  return events.length === 0 ? null : fold(decider, events);
}
