import { ParsedStream, parseStream } from '../domain/shared/streams';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { knownEventOf } from './known-events';
import { KnownEvent } from './timeline-summaries';
import { businessDate } from '../infrastructure/business-day';

/**
 * One document per event about an employee (archive, social-insurance account,
 * offboarding cases, refused commands): what a timeline page is found and sorted
 * by, and where the event sits in the log. The rest of an item (actor, hash, the
 * summary) is read from the log for the page's events only (timeline-events.ts):
 * copied here it made the timeline alone larger than the log it indexes.
 *
 * id = positionKey, the shortest key unique per event. A generation of version 3
 * (id = the event's id, with the copied fields) answers the same queries while
 * version 4 rebuilds: the fields queried and read are in both.
 */
export interface TimelineEntryDocument extends ReadDocument {
  employeeId: string;
  /** The global position zero-padded to 20 digits: sorts as a string like the number on every store (64-bit positions do not fit a JSON number). */
  positionKey: string;
  stream: string;
  /** The event's revision in its stream, as a decimal string (64-bit): with `stream`, where the page reads the event. */
  revision: string;
  type: string;
  /** UTC ISO-8601 with milliseconds, so that comparing strings compares instants. */
  recordedAt: string | null;
  effectiveDate: string | null;
}

/** caseId → employeeId: only a case's first event names the employee. */
export interface TimelineCaseDocument extends ReadDocument {
  employeeId: string;
}

/**
 * Entries per employee, so that the first page of a timeline without filters
 * answers its total without counting the index range on every read.
 */
export interface TimelineCountDocument extends ReadDocument {
  entries: number;
}

export const TIMELINE_ENTRIES = 'timeline_entries';
export const TIMELINE_CASES = 'timeline_cases';
/** id = employeeId. */
export const TIMELINE_COUNTS = 'timeline_counts';
const POSITION_DIGITS = 20;

export const timeline: Projection = {
  name: 'timeline',
  // 2: keeps timeline_counts. 3: revision and hash of each entry. 4: index fields only, the rest read from the log.
  version: 4,
  collections: {
    // `id` closes each index because the read stores break sort ties by id: the index then yields the whole order, no sort step.
    // Types and asKnownAt filter within one employee's range of these: no index of their own, each was as large as the table's rows.
    [TIMELINE_ENTRIES]: [{ fields: ['employeeId', 'positionKey', 'id'] }, { fields: ['employeeId', 'effectiveDate', 'positionKey', 'id'] }],
    [TIMELINE_CASES]: [],
    [TIMELINE_COUNTS]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    // Only these two are read here (upcast and checked): whose case a case is, and whom a refusal is about.
    const known = stream?.kind === 'refusalLog' || event.type === 'OffboardingCaseOpened' ? knownEventOf(event, stream) : null;
    if (stream?.kind === 'offboarding' && known?.type === 'OffboardingCaseOpened') {
      view.upsert(TIMELINE_CASES, { id: stream.caseId, employeeId: known.data.employeeId } satisfies TimelineCaseDocument);
    }
    const employeeId = await employeeOf(stream, known, view);
    if (!employeeId) return;
    // Each event is handled once per generation (its writes commit with the checkpoint), and its entry's id is the event's position: always a new entry.
    view.upsert(TIMELINE_ENTRIES, entryOf(event, employeeId));
    const counted = await view.get<TimelineCountDocument>(TIMELINE_COUNTS, employeeId);
    view.upsert(TIMELINE_COUNTS, { id: employeeId, entries: (counted?.entries ?? 0) + 1 } satisfies TimelineCountDocument);
  },
};

/** Whose timeline an event belongs on, or null when it is about no employee (policies, refusals about unknown cases). */
async function employeeOf(stream: ParsedStream | null, known: KnownEvent | null, view: ProjectionView): Promise<string | null> {
  if (stream?.kind === 'employee' || stream?.kind === 'insurance') return stream.employeeId;
  if (stream?.kind === 'offboarding') return caseOwner(view, stream.caseId);
  if (known?.type === 'CommandRefused') {
    const { subjects } = known.data;
    return subjects?.employeeId ?? (subjects?.caseId ? caseOwner(view, subjects.caseId) : null);
  }
  return null;
}

async function caseOwner(view: ProjectionView, caseId: string): Promise<string | null> {
  return (await view.get<TimelineCaseDocument>(TIMELINE_CASES, caseId))?.employeeId ?? null;
}

function entryOf(event: RecordedEvent, employeeId: string): TimelineEntryDocument {
  const { recordedAt, effectiveDate } = event.metadata;
  const recorded = utcInstant(recordedAt);
  const positionKey = event.position.toString().padStart(POSITION_DIGITS, '0');
  return {
    id: positionKey,
    employeeId,
    positionKey,
    stream: event.stream,
    revision: event.revision.toString(),
    type: event.type,
    recordedAt: recorded,
    // The envelope defaults the business date to the recorded day; an imported event may lack it.
    effectiveDate:
      typeof effectiveDate === 'string' ? effectiveDate : typeof recorded === 'string' ? businessDate(new Date(recorded)) : null,
  };
}

/** An instant as UTC ISO-8601 (an import may carry an offset), or null when it is not one. */
function utcInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
