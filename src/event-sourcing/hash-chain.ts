import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * The per-stream hash chain of docs/DESIGN.md: each event's hash covers the previous
 * event's hash and the event itself, as RFC 8785 canonical JSON, so the same
 * event hashes the same on every store. Beyond docs/DESIGN.md's list (previous hash,
 * type, data, metadata) it also covers the event id and schemaVersion: an id
 * edited behind the service's back would otherwise go unnoticed.
 */
export interface HashableEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** Everything but `hash`; `prevHash` is part of it. */
  metadata: Record<string, unknown>;
}

export function hashEvent(event: HashableEvent): string {
  const { hash: _ignored, ...metadata } = event.metadata;
  const canonical = canonicalize({
    prevHash: metadata.prevHash ?? null,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
  });
  if (canonical === undefined) throw new Error(`Event ${event.id} cannot be hashed: not JSON`);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
