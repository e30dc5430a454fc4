import { BadRequestException } from '@nestjs/common';
import { FieldError } from '../http/validation';
import { KNOWN_EVENT_TYPES } from './event-catalogue';

const MAX_POSITION = 2n ** 63n - 1n;
const STREAM_PREFIX = /^[A-Za-z0-9_.-]{1,200}$/;
const MAX_LIST = 50;

/** What GET /api/events/stream was asked for, checked. */
export interface FeedQuery {
  /** Exclusive: events after this position; undefined from the start of the log. */
  after: bigint | undefined;
  /** Only these types; undefined for every type. */
  types: ReadonlySet<string> | undefined;
  /** Only streams starting with one of these; undefined for every stream. */
  streamPrefixes: readonly string[] | undefined;
}

/**
 * The query (`after`, `types`, `stream`) and the `Last-Event-ID` header, every bad
 * value a field error (400 VALIDATION naming it). `Last-Event-ID` wins over `after`:
 * an EventSource reconnects to the URL it was opened with, `after` included, and
 * sends the last id it received in the header.
 */
export function feedQueryOf(query: Record<string, unknown>, lastEventId: string | string[] | undefined): FeedQuery {
  const errors: FieldError[] = [];
  for (const name of Object.keys(query)) {
    if (!['after', 'types', 'stream'].includes(name))
      errors.push({
        field: name,
        message: `property ${name} should not exist (access_token is not taken: send the token as a bearer header)`,
      });
  }
  const fromHeader = lastEventId === undefined ? undefined : position('Last-Event-ID', lastEventId, errors);
  const fromQuery = query.after === undefined ? undefined : position('after', query.after, errors);
  const types = list('types', query.types, errors, (type) =>
    KNOWN_EVENT_TYPES.has(type) ? undefined : `${type} is not an event type (see the OpenAPI document, FeedEnvelope.type)`,
  );
  const streamPrefixes = list('stream', query.stream, errors, (prefix) =>
    STREAM_PREFIX.test(prefix) ? undefined : 'each stream prefix is 1 to 200 letters, digits, _, . or -',
  );
  if (errors.length) {
    throw new BadRequestException({ code: 'VALIDATION', message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`, errors });
  }
  return { after: fromHeader ?? fromQuery, types: types && new Set(types), streamPrefixes };
}

function position(field: string, value: unknown, errors: FieldError[]): bigint | undefined {
  const text = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  if (typeof text === 'string' && /^\d{1,19}$/.test(text.trim()) && BigInt(text.trim()) <= MAX_POSITION) return BigInt(text.trim());
  errors.push({ field, message: 'must be one log position: a whole decimal number, as an event id of this feed (须为事件位置)' });
  return undefined;
}

/** A comma-separated list (or the parameter repeated); undefined when absent. */
function list(field: string, value: unknown, errors: FieldError[], problem: (item: string) => string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [''])).map((v) => v.trim());
  if (parts.length === 0 || parts.length > MAX_LIST || parts.some((p) => p === '')) {
    errors.push({ field, message: `must be 1 to ${MAX_LIST} comma-separated values, none empty` });
    return undefined;
  }
  const bad = parts.map(problem).filter((p): p is string => p !== undefined);
  if (bad.length) {
    errors.push({ field, message: bad[0] });
    return undefined;
  }
  return parts;
}
