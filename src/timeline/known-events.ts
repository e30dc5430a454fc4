import { refusalLogEvents } from '../domain/audit/refusal-log';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { ParsedStream } from '../domain/shared/streams';
import { insuranceEvents } from '../domain/social-insurance/insurance.schemas';
import { UnknownEventError } from '../domain/stored-event';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { KnownEvent } from './timeline-summaries';

/**
 * The event as its aggregate reads it (upcast), or null for a stream of no such
 * aggregate. A type or version this code cannot read is deliberately not fatal
 * here, unlike in a fold: the timeline still shows that the event happened, with
 * the generic line, rather than stopping every timeline behind it.
 */
export function knownEventOf(event: RecordedEvent, stream: ParsedStream | null): KnownEvent | null {
  try {
    switch (stream?.kind) {
      case 'employee':
        return employeeEvents.read(event);
      case 'insurance':
        return insuranceEvents.read(event);
      case 'offboarding':
        return offboardingEvents.read(event);
      case 'refusalLog':
        return refusalLogEvents.read(event);
      default:
        return null;
    }
  } catch (error) {
    if (error instanceof UnknownEventError) return null;
    throw error;
  }
}
