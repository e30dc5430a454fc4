import { envelopeDataFor } from '../audit';
import { Principal } from '../auth/principal';
import { RecordedEvent } from '../infrastructure/event-store/event-store.port';
import { categoryOf, FEED_CATEGORIES } from './event-catalogue';

/** One event as the feed and the webhooks publish it (docs/API.md, "Event feed"). */
export interface FeedEnvelope {
  type: string;
  stream: string;
  /** The global log position, a decimal string (64-bit); the SSE `id:` and the resume point. */
  position: string;
  schemaVersion: number;
  recordedAt: string | null;
  effectiveDate: string | null;
  actor: { id: string; role: string; issuer?: string } | null;
  correlationId: string | null;
  data: unknown;
}

/** Whether the caller's roles let them see events of this stream at all (event-catalogue.ts FEED_CATEGORIES). */
export function maySee(principal: Principal, stream: string): boolean {
  const category = categoryOf(stream);
  return principal.roles.some((role) => {
    const seen = FEED_CATEGORIES[role];
    return seen === 'all' || seen.has(category);
  });
}

/**
 * The envelope as this caller may see it: personal data masked as the audit
 * routes mask it (audit/personal-data-masking.ts); hashes, idempotency
 * fingerprints and import origins are the store's business and left out.
 */
export function feedEnvelope(event: RecordedEvent, principal: Principal): FeedEnvelope {
  const metadata = event.metadata;
  const actor = metadata.actor as { id?: unknown; role?: unknown; issuer?: unknown } | undefined;
  return {
    type: event.type,
    stream: event.stream,
    position: event.position.toString(),
    schemaVersion: event.schemaVersion,
    recordedAt: typeof metadata.recordedAt === 'string' ? metadata.recordedAt : null,
    effectiveDate: typeof metadata.effectiveDate === 'string' ? metadata.effectiveDate : null,
    actor:
      actor && typeof actor.id === 'string'
        ? { id: actor.id, role: String(actor.role), ...(typeof actor.issuer === 'string' ? { issuer: actor.issuer } : {}) }
        : null,
    correlationId: typeof metadata.correlationId === 'string' ? metadata.correlationId : null,
    data: envelopeDataFor(event.type, event.data, principal),
  };
}

/** A receiver outside the HR roles (a webhook): sees no personal data, as auditors and investigators. */
export const WEBHOOK_RECEIVER: Principal = { id: 'webhook', roles: ['investigator'], departments: [] };
