import { refusalLogEvents } from '../domain/audit/refusal-log';
import { employeeEvents } from '../domain/employee/employee.schemas';
import { offboardingEvents } from '../domain/offboarding/offboarding.schemas';
import { ParsedStream, parseStream } from '../domain/shared/streams';
import { insuranceEvents } from '../domain/social-insurance/insurance.schemas';
import { UnknownEventError } from '../domain/stored-event';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { ReadDocument } from '../infrastructure/read-store/read-store.port';
import { Projection, ProjectionView } from '../projections/projection';
import { genericSummary, KnownEvent, summarize, Summary } from './timeline-summaries';
import { businessDate } from '../infrastructure/business-day';

/** One document per event about an employee (id = the event's id): archive, social-insurance account, offboarding cases and refused commands. */
export interface TimelineEntryDocument extends ReadDocument {
  employeeId: string;
  /** The global position zero-padded to 20 digits: sorts as a string like the number on every store (64-bit positions do not fit a JSON number). */
  positionKey: string;
  /** The same position as a plain decimal string, for the API. */
  position: string;
  stream: string;
  /** The event's revision in its stream, as a decimal string (64-bit). */
  revision: string;
  /** The event's SHA-256 in its stream's hash chain (metadata.hash as stored), or null for an event written without one. */
  hash: string | null;
  type: string;
  /** UTC ISO-8601 with milliseconds, so that comparing strings compares instants. */
  recordedAt: string | null;
  effectiveDate: string | null;
  /** `issuer` only on events written under an identity provider's token (auth/oidc-tokens.ts). */
  actor: { id: string; role: string; issuer?: string };
  summary: Summary;
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
  // 2: keeps timeline_counts. 3: revision and hash of each entry.
  version: 3,
  collections: {
    // `id` closes each index because the read stores break sort ties by id: the index then yields the whole order, no sort step.
    [TIMELINE_ENTRIES]: [
      { fields: ['employeeId', 'positionKey', 'id'] },
      { fields: ['employeeId', 'effectiveDate', 'positionKey', 'id'] },
      { fields: ['employeeId', 'type', 'positionKey', 'id'] },
      { fields: ['employeeId', 'recordedAt'] },
    ],
    [TIMELINE_CASES]: [],
    [TIMELINE_COUNTS]: [],
  },
  async handle(event: RecordedEvent, view: ProjectionView): Promise<void> {
    const stream = parseStream(event.stream);
    const known = knownEventOf(event, stream);
    if (stream?.kind === 'offboarding' && known?.type === 'OffboardingCaseOpened') {
      view.upsert(TIMELINE_CASES, { id: stream.caseId, employeeId: known.data.employeeId } satisfies TimelineCaseDocument);
    }
    const employeeId = await employeeOf(stream, known, view);
    if (!employeeId) return;
    // Each event is handled once per generation (its writes commit with the checkpoint), and its entry's id is the event's: always a new entry.
    view.upsert(TIMELINE_ENTRIES, entryOf(event, employeeId, known ? summarize(known.type, known.data) : genericSummary(event.type)));
    const counted = await view.get<TimelineCountDocument>(TIMELINE_COUNTS, employeeId);
    view.upsert(TIMELINE_COUNTS, { id: employeeId, entries: (counted?.entries ?? 0) + 1 } satisfies TimelineCountDocument);
  },
};

/**
 * The event as its aggregate reads it (upcast), or null for a stream of no such
 * aggregate. A type or version this code cannot read is deliberately not fatal
 * here, unlike in a fold: the timeline still records that the event happened,
 * with the generic line, rather than stopping every timeline behind it.
 */
function knownEventOf(event: RecordedEvent, stream: ParsedStream | null): KnownEvent | null {
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

function entryOf(event: RecordedEvent, employeeId: string, summary: Summary): TimelineEntryDocument {
  const { actor, recordedAt, effectiveDate, hash } = event.metadata as {
    actor?: { id?: unknown; role?: unknown; issuer?: unknown };
    recordedAt?: unknown;
    effectiveDate?: unknown;
    hash?: unknown;
  };
  const recorded = utcInstant(recordedAt);
  return {
    id: event.id,
    employeeId,
    positionKey: event.position.toString().padStart(POSITION_DIGITS, '0'),
    position: event.position.toString(),
    stream: event.stream,
    revision: event.revision.toString(),
    // Metadata passes the sealing store unchanged: the hash of the stored form, the one the chain and evidence packages hold.
    hash: typeof hash === 'string' ? hash : null,
    type: event.type,
    recordedAt: recorded,
    // The envelope defaults the business date to the recorded day; an imported event may lack it.
    effectiveDate:
      typeof effectiveDate === 'string' ? effectiveDate : typeof recorded === 'string' ? businessDate(new Date(recorded)) : null,
    actor: {
      id: typeof actor?.id === 'string' ? actor.id : 'unknown',
      role: typeof actor?.role === 'string' ? actor.role : 'unknown',
      ...(typeof actor?.issuer === 'string' ? { issuer: actor.issuer } : {}),
    },
    summary,
  };
}

/** An instant as UTC ISO-8601 (an import may carry an offset), or null when it is not one. */
function utcInstant(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
